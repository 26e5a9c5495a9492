// The SQLite database: opening and refusing files, pragmas, migrations, transactions, the
// domain's rows, the append-only triggers, the content fingerprint and a busy second writer.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>

#include "mera/storage/clock.hpp"
#include "mera/storage/database.hpp"
#include "mera/storage/raw_sql.hpp"

namespace fs = std::filesystem;
using mera::dsl::Date;
using namespace mera::storage;

namespace {

// A path under the temp folder that no other test or process uses; the files go with it.
struct TempPath {
  std::string path;
  TempPath() {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = (fs::temp_directory_path() / ("mera-storage-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(stamp) + "-" + std::to_string(counter++) + ".db"))
               .string();
  }
  ~TempPath() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
  }
};

// The message of the Error that f throws; fails the test when f throws nothing.
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  BOOST_FAIL("no storage::Error thrown");
  return {};
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Revision make_revision(const std::string& status, Date effective) {
  return Revision{0, "tomsk", "tomsk", {{"main.mera", "model tomsk"}}, "", effective, status, "ann", "2026-01-01T00:00:00Z",
                  "", ""};
}

Submission make_submission(int version, std::int64_t supersedes, std::int64_t revision) {
  return Submission{0, "staff", "school_1", "2021Q1", "", revision, version, supersedes, "submitted",
                    R"({"teachers": )" + std::to_string(10 + version) + "}", {}, "ann", "2026-01-02T00:00:00Z",
                    "data.jsonl:" + std::to_string(version)};
}

// A fresh database with one unit and one approved revision, which submissions refer to.
struct Seeded {
  TempPath file;
  Database db = Database::create(file.path);
  std::int64_t revision = 0;
  Seeded() {
    auto tx = db.write();
    db.add_unit({"school_1", "School No. 1", "school"});
    revision = db.add_revision(make_revision("approved", {2020, 1, 1}));
    tx.commit();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(storage)

BOOST_AUTO_TEST_CASE(create_then_open) {
  TempPath file;
  {
    Database db = Database::create(file.path);
    BOOST_TEST(db.schema_version() == Database::latest_schema_version());
    auto tx = db.write();
    db.add_audit({0, "2026-01-01T00:00:00Z", "ann", "init", "tomsk", ""});
    tx.commit();
  }
  Database db = Database::open(file.path);
  BOOST_TEST(db.path() == file.path);
  BOOST_TEST(db.schema_version() == Database::latest_schema_version());
  BOOST_REQUIRE(db.audit().size() == 1u);
  BOOST_TEST(db.audit()[0].action == "init");
  BOOST_TEST(db.integrity_check() == "ok");
}

BOOST_AUTO_TEST_CASE(create_refuses_an_existing_file) {
  TempPath file;
  std::ofstream(file.path) << "precious";
  BOOST_TEST(error_of([&] { Database::create(file.path); }) ==
             file.path + " already exists; mera init creates a new database");
  BOOST_TEST(file_bytes(file.path) == "precious");
}

BOOST_AUTO_TEST_CASE(open_refuses_a_missing_file) {
  TempPath file;
  BOOST_TEST(error_of([&] { Database::open(file.path); }) ==
             "no database at " + file.path + "; create one with `mera init`");
  BOOST_TEST(!fs::exists(file.path));
}

BOOST_AUTO_TEST_CASE(open_refuses_a_text_file) {
  TempPath file;
  std::string text = "units:\n  school_1: School No. 1\n" + std::string(600, 'x');
  std::ofstream(file.path) << text;
  BOOST_TEST(error_of([&] { Database::open(file.path); }) ==
             file.path + " is not a SQLite database, or its first page is damaged: check the --db path, or restore the file from a backup");
  BOOST_TEST(file_bytes(file.path) == text);
}

BOOST_AUTO_TEST_CASE(open_refuses_a_sqlite_file_that_is_not_meras_and_leaves_it_alone) {
  TempPath file;
  run_raw_sql(file.path, "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('keep me');");
  std::string before = file_bytes(file.path);
  BOOST_TEST(error_of([&] { Database::open(file.path); }) ==
             file.path + " is a SQLite database but not a mera database; mera init creates one");
  BOOST_TEST(file_bytes(file.path) == before);  // not even switched to WAL mode
}

BOOST_AUTO_TEST_CASE(open_refuses_a_newer_schema) {
  TempPath file;
  Database::create(file.path);
  run_raw_sql(file.path, "PRAGMA user_version = 99");
  BOOST_TEST(error_of([&] { Database::open(file.path); }) ==
             file.path + " has schema version 99 but this mera knows only up to " +
                 std::to_string(Database::latest_schema_version()) + "; use a newer mera");
}

BOOST_AUTO_TEST_CASE(wal_foreign_keys_and_the_rest_are_really_on) {
  TempPath file;
  Database::create(file.path);
  Database db = Database::open(file.path);
  BOOST_TEST(db.pragma("journal_mode") == "wal");
  BOOST_TEST(db.pragma("foreign_keys") == "1");
  BOOST_TEST(db.pragma("synchronous") == "2");  // FULL
  BOOST_TEST(db.pragma("busy_timeout") == "5000");
  BOOST_TEST(db.pragma("application_id") == std::to_string(kApplicationId));
  db.set_busy_timeout(100);
  BOOST_TEST(db.pragma("busy_timeout") == "100");
}

// A mera file at user_version 0 (the oldest there is) gets every migration at open.
BOOST_AUTO_TEST_CASE(an_older_schema_is_migrated_at_open) {
  TempPath file;
  run_raw_sql(file.path, "PRAGMA application_id = " + std::to_string(kApplicationId));
  Database db = Database::open(file.path);
  BOOST_TEST(db.schema_version() == Database::latest_schema_version());
  std::vector<std::string> tables;
  for (const auto& t : db.content().tables) tables.push_back(t.table);
  BOOST_TEST(tables == (std::vector<std::string>{"accounts", "audit", "memberships", "model_revisions", "revision_files",
                                                 "sessions", "structure_generation", "submissions", "unit_forms", "units", "workflow_events"}),
             boost::test_tools::per_element());
}

// The migrations run in one transaction: when the last statement fails, the tables the first
// ones made are gone too, so the next attempt starts clean.
BOOST_AUTO_TEST_CASE(a_failed_migration_leaves_nothing_behind) {
  TempPath file;
  run_raw_sql(file.path, "PRAGMA application_id = " + std::to_string(kApplicationId) + "; CREATE TABLE audit(x);");
  std::string message = error_of([&] { Database::open(file.path); });
  BOOST_TEST(message.find("cannot migrate " + file.path + " from schema version 0 to " +
                                 std::to_string(Database::latest_schema_version())) == 0u, message);
  BOOST_TEST(message.find("table audit already exists") != std::string::npos, message);
  run_raw_sql(file.path, "DROP TABLE audit");
  BOOST_TEST(Database::open(file.path).schema_version() == Database::latest_schema_version());
}

BOOST_AUTO_TEST_CASE(an_uncommitted_transaction_rolls_back) {
  TempPath file;
  Database db = Database::create(file.path);
  {
    auto tx = db.write();
    db.add_unit({"a", "A", "school"});
  }
  BOOST_TEST(db.units().empty());
  try {
    auto tx = db.write();
    db.add_unit({"a", "A", "school"});
    throw std::runtime_error("the import failed half-way");
  } catch (const std::runtime_error&) {
  }
  BOOST_TEST(db.units().empty());
  auto tx = db.write();
  db.add_unit({"a", "A", "school"});
  tx.commit();
  BOOST_TEST(db.units().size() == 1u);
}

BOOST_AUTO_TEST_CASE(writes_need_a_transaction) {
  Seeded s;
  Database& db = s.db;
  BOOST_CHECK_THROW(db.add_unit({"b", "B", "school"}), std::logic_error);
  BOOST_CHECK_THROW(db.add_membership({0, "school_1", "", {2020, 1, 1}, {}}), std::logic_error);
  BOOST_CHECK_THROW(db.set_membership_end(1, {2021, 1, 1}), std::logic_error);
  BOOST_CHECK_THROW(db.add_revision(make_revision("draft", {2021, 1, 1})), std::logic_error);
  BOOST_CHECK_THROW(db.approve_revision(s.revision, "bob", "2026-01-01T00:00:00Z"), std::logic_error);
  BOOST_CHECK_THROW(db.add_submission(make_submission(1, 0, s.revision)), std::logic_error);
  BOOST_CHECK_THROW(db.add_audit({0, "t", "ann", "init", "", ""}), std::logic_error);
  auto tx = db.write();
  db.write().commit();  // a savepoint of tx (the next case), not a second transaction
  tx.commit();
  BOOST_CHECK_THROW(tx.commit(), std::logic_error);
  BOOST_CHECK_THROW(db.add_unit({"b", "B", "school"}), std::logic_error);  // over after commit
  BOOST_TEST(db.submission_count() == 0);
}

// The group commit of the service: many requests in one transaction, each in a savepoint that
// keeps or undoes its own writes only; nothing is in the file before the outer commit.
BOOST_AUTO_TEST_CASE(a_transaction_inside_another_is_a_savepoint_of_it) {
  TempPath file;
  Database db = Database::create(file.path);
  Database other = Database::open(file.path);
  auto outer = db.write();
  {
    auto kept = db.write();
    db.add_unit({"a", "A", "school"});
    kept.commit();
  }
  try {
    auto undone = db.write();
    db.add_unit({"b", "B", "school"});
    {
      auto deeper = db.write();
      db.add_unit({"c", "C", "school"});
      deeper.commit();
    }
    throw std::runtime_error("this request failed half-way");
  } catch (const std::runtime_error&) {
  }
  {
    auto dropped = db.write();  // destroyed uncommitted: rolled back to its start
    db.add_unit({"d", "D", "school"});
  }
  {
    auto last = db.write();
    db.add_unit({"e", "E", "school"});
    last.commit();
  }
  BOOST_TEST(db.units().size() == 2u);    // a and e, seen inside the transaction
  BOOST_TEST(other.units().empty());      // and by nobody else before the commit
  outer.commit();
  auto units = other.units();
  BOOST_REQUIRE(units.size() == 2u);
  BOOST_TEST(units[0].id == "a");
  BOOST_TEST(units[1].id == "e");
  BOOST_CHECK_THROW(db.add_unit({"f", "F", "school"}), std::logic_error);  // all over
}

BOOST_AUTO_TEST_CASE(a_read_snapshot_sees_one_moment_and_refuses_writes) {
  TempPath file;
  Database db = Database::create(file.path);
  Database writer = Database::open(file.path);
  {
    auto snapshot = db.snapshot();
    BOOST_TEST(db.units().empty());
    auto tx = writer.write();  // a writer is not kept waiting by the reader
    writer.add_unit({"a", "A", "school"});
    tx.commit();
    BOOST_TEST(db.units().empty());  // still the moment of the first read
    BOOST_CHECK_THROW(db.write(), std::logic_error);
  }
  BOOST_TEST(db.units().size() == 1u);  // after it, the latest
}

// What the service's cache of units and revisions is keyed by: any change to them, by any
// connection, moves the number; submissions, the audit log and accounts do not.
BOOST_AUTO_TEST_CASE(the_structure_generation_moves_with_units_and_revisions_only) {
  Seeded s;
  Database other = Database::open(s.db.path());
  std::int64_t start = s.db.structure_generation();
  auto changed = [&](auto write) {
    std::int64_t before = s.db.structure_generation();
    auto tx = other.write();
    write();
    tx.commit();
    return s.db.structure_generation() != before;
  };
  BOOST_TEST(!changed([&] { other.add_submission(make_submission(1, 0, s.revision)); }));
  BOOST_TEST(!changed([&] { other.add_audit({0, "t", "ann", "init", "", ""}); }));
  BOOST_TEST(changed([&] { other.add_unit({"b", "B", "school"}); }));
  BOOST_TEST(changed([&] { other.add_membership({0, "b", "", {2020, 1, 1}, {}}); }));
  BOOST_TEST(changed([&] { other.set_membership_end(other.memberships().back().id, {2021, 1, 1}); }));
  BOOST_TEST(changed([&] { other.add_unit_form({"b", "f"}); }));
  std::int64_t draft = 0;
  BOOST_TEST(changed([&] { draft = other.add_revision(make_revision("draft", {2022, 1, 1})); }));
  BOOST_TEST(changed([&] { other.approve_revision(draft, "bob", "2026-01-01T00:00:00Z"); }));
  BOOST_TEST(s.db.structure_generation() > start);
}

BOOST_AUTO_TEST_CASE(units_and_their_dated_memberships) {
  TempPath file;
  Database db = Database::create(file.path);
  auto tx = db.write();
  db.add_unit({"region", "Tomsk oblast", "region"});
  db.add_unit({"d2", "District 2", "district"});
  db.add_unit({"d1", "District 1", "district"});
  db.add_unit({"s1", "School 1", "school"});
  BOOST_TEST(error_of([&] { db.add_unit({"d1", "Another", "district"}); }) ==
             "unit d1 already exists in " + file.path);
  BOOST_TEST(error_of([&] { db.add_membership({0, "s1", "d9", {2020, 1, 1}, {}}); }) ==
             "no unit d9 in " + file.path + " to place s1 under");
  BOOST_TEST(error_of([&] { db.add_membership({0, "s9", "d1", {2020, 1, 1}, {}}); }) ==
             "no unit s9 in " + file.path + " to place in the tree");
  auto moved = db.add_membership({0, "s1", "d1", {2020, 1, 1}, {}});
  db.add_membership({0, "s1", "d2", {2022, 1, 1}, {}});
  db.add_membership({0, "d1", "region", {2020, 1, 1}, {}});
  db.add_membership({0, "region", "", {2020, 1, 1}, {}});
  db.set_membership_end(moved, {2021, 12, 31});
  BOOST_TEST(error_of([&] { db.set_membership_end(moved, {2019, 1, 1}); }) ==
             "the membership of s1 cannot end on 2019-01-01, before it starts on 2020-01-01");
  tx.commit();

  BOOST_TEST((db.unit("d1") == Unit{"d1", "District 1", "district"}));
  BOOST_TEST(!db.unit("nope"));
  BOOST_REQUIRE(db.units().size() == 4u);
  BOOST_TEST(db.units()[0].id == "d1");  // ordered by id
  auto m = db.memberships();
  BOOST_REQUIRE(m.size() == 4u);
  BOOST_TEST(m[0].unit == "d1");
  BOOST_TEST(m[1].unit == "region");
  BOOST_TEST(m[1].parent == "");
  BOOST_TEST((m[2] == Membership{moved, "s1", "d1", {2020, 1, 1}, Date{2021, 12, 31}}));
  BOOST_TEST(m[3].parent == "d2");
  BOOST_TEST(!m[3].to.has_value());
}

// The schema itself refuses a membership of a unit that does not exist, whoever writes it.
BOOST_AUTO_TEST_CASE(foreign_keys_refuse_a_missing_unit) {
  Seeded s;
  std::string message = error_of([&] {
    run_raw_sql(s.file.path, "INSERT INTO memberships(unit, parent, date_from) VALUES ('ghost', NULL, '2020-01-01')");
  });
  BOOST_TEST(message.find("FOREIGN KEY constraint failed") != std::string::npos, message);
  BOOST_TEST(s.db.memberships().empty());
}

BOOST_AUTO_TEST_CASE(revisions_round_trip_with_their_files) {
  Seeded s;
  Revision r = make_revision("draft", {2021, 1, 1});
  r.files = {{"rules.mera", "indicator x"}, {"forms.mera", "form f {}"}};
  auto tx = s.db.write();
  auto id = s.db.add_revision(r);
  tx.commit();
  auto back = s.db.revision(id);
  BOOST_REQUIRE(back);
  BOOST_TEST(back->id == id);
  BOOST_REQUIRE(back->files.size() == 2u);
  BOOST_TEST(back->files[0].path == "forms.mera");  // read back in path order
  BOOST_TEST(back->hash == revision_hash(r.files));
  BOOST_TEST(back->hash.size() == 64u);
  BOOST_TEST(back->hash != s.db.revision(s.revision)->hash);
  BOOST_TEST(back->status == "draft");
  BOOST_TEST(back->effective.iso() == "2021-01-01");
  BOOST_TEST(s.db.revisions().size() == 2u);
  BOOST_TEST(!s.db.revision(999));
}

BOOST_AUTO_TEST_CASE(revision_in_force_is_the_latest_approved_one) {
  TempPath file;
  Database db = Database::create(file.path);
  auto tx = db.write();
  auto first = db.add_revision(make_revision("approved", {2020, 1, 1}));
  auto draft = db.add_revision(make_revision("draft", {2021, 1, 1}));
  db.add_revision(make_revision("approved", {2021, 1, 1}));
  auto tie = db.add_revision(make_revision("approved", {2021, 1, 1}));
  auto later = db.add_revision(make_revision("draft", {2022, 1, 1}));
  tx.commit();
  BOOST_TEST(!db.revision_in_force({2019, 12, 31}));
  BOOST_TEST(db.revision_in_force({2020, 1, 1})->id == first);
  BOOST_TEST(db.revision_in_force({2021, 6, 1})->id == tie);  // draft ignored; tie: highest id
  BOOST_TEST(db.revision_in_force({2022, 6, 1})->id == tie);  // 2022's is still a draft

  auto approve = db.write();
  db.approve_revision(later, "bob", "2026-02-01T00:00:00Z");
  db.approve_revision(draft, "bob", "2026-02-01T00:00:00Z");
  BOOST_TEST(error_of([&] { db.approve_revision(later, "eve", "x"); }) ==
             "revision " + std::to_string(later) + " is already approved (by bob)");
  BOOST_TEST(error_of([&] { db.approve_revision(999, "eve", "x"); }) == "no revision 999 in " + file.path);
  approve.commit();
  BOOST_TEST(db.revision_in_force({2022, 1, 1})->id == later);
  BOOST_TEST(db.revision_in_force({2022, 1, 1})->approved_by == "bob");
  BOOST_TEST(db.revision_in_force({2021, 6, 1})->id == tie);  // the approved draft has a lower id
}

BOOST_AUTO_TEST_CASE(a_correction_is_a_new_version) {
  Seeded s;
  Database& db = s.db;
  auto tx = db.write();
  auto v1 = db.add_submission(make_submission(1, 0, s.revision));
  Submission second = make_submission(2, v1, s.revision);
  second.warnings = {"teachers \"dropped\" by 40%", "учителей меньше"};
  auto v2 = db.add_submission(second);
  auto other = make_submission(1, 0, s.revision);
  other.period = "2021Q2";
  auto q2 = db.add_submission(other);
  auto record = make_submission(1, 0, s.revision);
  record.form = "incident";
  record.period = "";
  record.record_key = "2021-03-05/1";
  auto r1 = db.add_submission(record);
  tx.commit();

  auto current = db.current("staff", "school_1", "2021Q1", "");
  BOOST_REQUIRE(current);
  second.id = v2;
  BOOST_TEST((*current == second));  // every field, the warnings' quotes and Cyrillic included
  BOOST_TEST(db.submission(v1)->supersedes == 0);
  BOOST_TEST(db.current("incident", "school_1", "", "2021-03-05/1")->id == r1);
  BOOST_TEST(!db.current("staff", "school_1", "2021Q3", ""));
  auto versions = db.versions("staff", "school_1", "2021Q1", "");
  BOOST_REQUIRE(versions.size() == 2u);
  BOOST_TEST(versions[0].id == v1);
  BOOST_TEST(versions[1].id == v2);

  auto ids = [](const std::vector<Submission>& list) {
    std::vector<std::int64_t> out;
    for (const auto& x : list) out.push_back(x.id);
    return out;
  };
  BOOST_TEST(ids(db.submissions()) == (std::vector<std::int64_t>{v2, q2, r1}), boost::test_tools::per_element());
  BOOST_TEST(ids(db.submissions({"", "", "", true})) == (std::vector<std::int64_t>{v1, v2, q2, r1}),
             boost::test_tools::per_element());
  BOOST_TEST(ids(db.submissions({"staff", "school_1", "2021Q1", false})) == (std::vector<std::int64_t>{v2}),
             boost::test_tools::per_element());
  BOOST_TEST(ids(db.submissions({"incident", "", "", false})) == (std::vector<std::int64_t>{r1}),
             boost::test_tools::per_element());
  BOOST_TEST(db.submission_count() == 4);

  // The engine's read: the current version of each report of a form, in id order, after a
  // third version too (two superseded ids of one report to skip, then a current one after them).
  {
    auto more = db.write();
    auto v3 = db.add_submission(make_submission(3, v2, s.revision));
    more.commit();
    auto current_ids = [&](const std::string& form) {
      std::vector<std::int64_t> out;
      db.each_current(form, [&](const Database::CurrentRow& r) { out.push_back(r.id); });
      return out;
    };
    BOOST_TEST(current_ids("staff") == (std::vector<std::int64_t>{q2, v3}), boost::test_tools::per_element());
    BOOST_TEST(current_ids("incident") == (std::vector<std::int64_t>{r1}), boost::test_tools::per_element());
    BOOST_TEST(ids(db.submissions()) == (std::vector<std::int64_t>{q2, r1, v3}), boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(versions_must_chain) {
  Seeded s;
  Database& db = s.db;
  auto tx = db.write();
  auto v1 = db.add_submission(make_submission(1, 0, s.revision));
  auto v2 = db.add_submission(make_submission(2, v1, s.revision));
  std::string twice = error_of([&] { db.add_submission(make_submission(2, v1, s.revision)); });
  BOOST_TEST(twice.find("cannot add version 2 of form staff for unit school_1, period 2021Q1: ") == 0u, twice);
  std::string skipped = error_of([&] { db.add_submission(make_submission(3, v1, s.revision)); });
  BOOST_TEST(skipped.find("must supersede version n - 1 of the same report") != std::string::npos, skipped);
  std::string dangling = error_of([&] { db.add_submission(make_submission(1, v2, s.revision)); });
  BOOST_TEST(dangling.find("must supersede version n - 1 of the same report") != std::string::npos, dangling);
  tx.commit();
  BOOST_TEST(db.submission_count() == 2);
}

BOOST_AUTO_TEST_CASE(submissions_and_audit_cannot_be_changed_or_deleted) {
  Seeded s;
  {
    auto tx = s.db.write();
    s.db.add_submission(make_submission(1, 0, s.revision));
    s.db.add_audit({0, "2026-01-01T00:00:00Z", "ann", "submission.add", "staff", ""});
    tx.commit();
  }
  ContentSummary before = s.db.content();
  const std::pair<const char*, const char*> attempts[] = {
      {"UPDATE submissions SET values_json = '{}'", "submissions are never changed: a correction is a new version"},
      {"DELETE FROM submissions", "submissions are never deleted: a correction is a new version"},
      {"UPDATE audit SET who = 'mallory'", "the audit log is append-only: its rows cannot be changed"},
      {"DELETE FROM audit", "the audit log is append-only: its rows cannot be deleted"},
  };
  for (const auto& [sql, refusal] : attempts)
    BOOST_TEST(error_of([&, sql = sql] { run_raw_sql(s.file.path, sql); }) == s.file.path + ": " + refusal);
  BOOST_TEST((s.db.content() == before));
}

BOOST_AUTO_TEST_CASE(content_changes_only_with_a_commit) {
  Seeded s;
  ContentSummary before = s.db.content();
  BOOST_REQUIRE(before.tables.size() == 11u);  // with accounts, sessions (version 3) and structure_generation (4)
  {
    auto tx = s.db.write();
    s.db.add_submission(make_submission(1, 0, s.revision));
    s.db.add_audit({0, "t", "ann", "submission.add", "", ""});
  }
  BOOST_TEST((s.db.content() == before));
  auto tx = s.db.write();
  s.db.add_submission(make_submission(1, 0, s.revision));
  tx.commit();
  ContentSummary after = s.db.content();
  for (std::size_t i = 0; i < after.tables.size(); ++i) {
    bool submissions = after.tables[i].table == "submissions";
    BOOST_TEST((after.tables[i] == before.tables[i]) == !submissions, after.tables[i].table);
  }
  BOOST_TEST(after.tables[7].table == "submissions");
  BOOST_TEST(after.tables[7].rows == 1);
}

// Rows that would print alike must fingerprint apart: NULL and '', 1 and '1', text and blob, and
// values whose bytes run together alike ('aT','b' and 'a','Tb' would, without the lengths).
BOOST_AUTO_TEST_CASE(content_tells_apart_values_that_print_alike) {
  const char* rows[] = {"NULL, ''", "'', NULL", "1, ''", "'1', ''", "'ab', 'c'", "'a', 'bc'", "x'6162', 'c'", "1.0, ''",
                        "'aT', 'b'", "'a', 'Tb'"};
  std::vector<std::string> hashes;
  for (const char* row : rows) {
    TempPath file;
    Database::create(file.path);
    run_raw_sql(file.path, std::string("CREATE TABLE extra(a, b); INSERT INTO extra VALUES (") + row + ");");
    ContentSummary c = Database::open(file.path).content();
    BOOST_REQUIRE(c.tables[1].table == "audit");
    BOOST_REQUIRE(c.tables[2].table == "extra");
    BOOST_TEST(c.tables[2].rows == 1);
    for (const std::string& seen : hashes) BOOST_TEST(seen != c.tables[2].sha256, row);
    hashes.push_back(c.tables[2].sha256);
  }
}

BOOST_AUTO_TEST_CASE(a_second_writer_is_told_the_database_is_busy) {
  TempPath file;
  Database first = Database::create(file.path);
  Database second = Database::open(file.path);
  second.set_busy_timeout(100);
  {
    auto holding = first.write();
    first.add_unit({"a", "A", "school"});
    auto started = std::chrono::steady_clock::now();
    try {
      auto tx = second.write();
      BOOST_FAIL("the second writer got in");
    } catch (const Busy& e) {
      BOOST_TEST(std::string(e.what()) ==
                 "the database " + file.path + " is busy: another mera is writing to it; try again");
    }
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    BOOST_TEST(waited.count() >= 90);  // it did wait out the timeout before giving up
    BOOST_TEST(second.units().empty());  // readers are not blocked, and see only what is committed
    holding.commit();
  }
  auto tx = second.write();
  second.add_unit({"b", "B", "school"});
  tx.commit();
  BOOST_TEST(first.units().size() == 2u);
}

BOOST_AUTO_TEST_CASE(clock_is_iso_utc) {
  BOOST_TEST(std::regex_match(now_utc(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")), now_utc());
}

BOOST_AUTO_TEST_SUITE_END()
