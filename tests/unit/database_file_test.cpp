// The database file itself (issues 12 and 13): made atomically, refused when empty or unnamed,
// read when read-only, refused for writing when damaged, and checked by `mera db check`; and a
// revision stored from a model given as "." still loads.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "mera/engine/revisions.hpp"
#include "mera/storage/check.hpp"
#include "mera/storage/database.hpp"
#include "mera/storage/raw_sql.hpp"
#include "temp_folder.hpp"

namespace fs = std::filesystem;
using namespace mera::storage;

namespace {

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

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A database in its own folder: a unit, an approved revision, `reports` submissions of a record
// form whose values are long enough to spread the table over many pages.
struct Filled {
  mera::test::TempFolder folder{"mera-dbfile"};
  std::string path = (folder.path() / "filled.db").string();
  std::int64_t revision = 0;
  explicit Filled(int reports = 0) {
    Database db = Database::create(path);
    auto tx = db.write();
    db.add_unit({"org1", "Org 1", "organization"});
    db.add_unit({"org2", "Org 2", "organization"});
    db.add_membership({0, "org1", "", {2020, 1, 1}, std::nullopt});
    revision = db.add_revision({0, "golden", "golden", {{"golden/model.mera", "model golden"}}, "", {2021, 1, 1}, "approved", "ann",
                                "2026-01-01T00:00:00Z", "ann", "2026-01-01T00:00:00Z"});
    for (int i = 0; i < reports; ++i)
      db.add_submission({0, "case", "org1", "", "K-" + std::to_string(i), revision, 1, 0, "submitted",
                         R"({"note": ")" + std::string(200, 'x') + "\"}", {}, "ann", "2026-01-02T00:00:00Z", "cases.jsonl"});
    tx.commit();
  }
};

// Overwrites the page in the middle of a closed database (its WAL already folded in) with bytes
// that are no b-tree page.
void damage_middle_page(const std::string& path) {
  std::int64_t page_size = 0, pages = 0;
  {
    Database db = Database::open(path);
    page_size = std::stoll(db.pragma("page_size"));
    pages = std::stoll(db.pragma("page_count"));
  }
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp((pages / 2) * page_size);
  std::string garbage(static_cast<std::size_t>(page_size), '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919 + 13) % 251);
  file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database_file)

BOOST_AUTO_TEST_CASE(create_leaves_only_the_database_in_its_folder) {
  mera::test::TempFolder folder("mera-dbfile");
  std::string path = (folder.path() / "new.db").string();
  { Database db = Database::create(path); }
  BOOST_TEST(names_in(folder.path()) == std::vector<std::string>{"new.db"});
  BOOST_TEST(Database::open(path).pragma("journal_mode") == "wal");
}

BOOST_AUTO_TEST_CASE(an_unpublished_new_database_removes_its_own_files_only) {
  mera::test::TempFolder folder("mera-dbfile");
  std::string path = (folder.path() / "new.db").string();
  std::ofstream(folder.path() / "other.db") << "someone else's";
  {
    NewDatabase fresh(path);
    auto tx = fresh.db().write();
    fresh.db().add_unit({"org1", "Org 1", "organization"});
    tx.commit();
    BOOST_TEST(!fs::exists(path));  // nothing at the path until it is whole
  }
  BOOST_TEST(names_in(folder.path()) == std::vector<std::string>{"other.db"});
}

BOOST_AUTO_TEST_CASE(publish_never_replaces_a_file_that_appeared_meanwhile) {
  mera::test::TempFolder folder("mera-dbfile");
  std::string path = (folder.path() / "new.db").string();
  NewDatabase fresh(path);
  { Database winner = Database::create(path); }  // another init, faster
  std::string before = file_bytes(path);
  BOOST_TEST(error_of([&] { fresh.publish(); }) == path + " already exists; mera init creates a new database");
  BOOST_TEST(file_bytes(path) == before);
  BOOST_TEST(Database::open(path).schema_version() == Database::latest_schema_version());
}

BOOST_AUTO_TEST_CASE(an_empty_path_is_refused_and_creates_nothing) {
  std::string expected = "the database path is empty: name the database file, as in --db tomsk.db";
  BOOST_TEST(error_of([] { Database::open(""); }) == expected);
  BOOST_TEST(error_of([] { Database::create(""); }) == expected);
  BOOST_TEST(error_of([] { check_database(""); }) == expected);
}

BOOST_AUTO_TEST_CASE(a_zero_byte_file_is_called_empty_and_left_alone) {
  mera::test::TempFolder folder("mera-dbfile");
  std::string path = (folder.path() / "empty.db").string();
  std::ofstream{path};
  BOOST_TEST(error_of([&] { Database::open(path); }) ==
             path + ": empty file, not a mera database; remove it, then run mera init --db " + path + " MODEL");
  BOOST_TEST(fs::file_size(path) == 0u);
  BOOST_TEST(names_in(folder.path()) == std::vector<std::string>{"empty.db"});
}

BOOST_AUTO_TEST_CASE(a_damaged_page_refuses_the_next_write_and_changes_nothing) {
  Filled filled(3000);
  damage_middle_page(filled.path);
  std::string before = file_bytes(filled.path);
  {
    Database db = Database::open(filled.path);  // page 1 is whole: the file opens
    std::string message;
    try {
      auto tx = db.write();
      db.add_unit({"org3", "Org 3", "organization"});
      tx.commit();
    } catch (const Damaged& e) {
      message = e.what();
    }
    BOOST_TEST(message.starts_with(filled.path + " is damaged ("), message);
    BOOST_TEST(message.ends_with(": mera writes nothing to it; `mera db check --db " + filled.path +
                                 "` lists the damage; restore the file from a backup"),
               message);
  }
  BOOST_TEST((file_bytes(filled.path) == before));
}

BOOST_AUTO_TEST_CASE(db_check_reports_a_damaged_page) {
  Filled filled(3000);
  damage_middle_page(filled.path);
  DatabaseCheck check = check_database(filled.path);
  BOOST_REQUIRE(!check.problems.empty());
  bool sqlite_said = false;
  for (const auto& p : check.problems) sqlite_said |= p.starts_with("SQLite: ") || p.find("is damaged") != std::string::npos;
  BOOST_TEST(sqlite_said, check.problems.front());
}

BOOST_AUTO_TEST_CASE(db_check_of_a_whole_database_counts_its_rows) {
  Filled filled(3);
  DatabaseCheck check = check_database(filled.path);
  BOOST_TEST(check.problems.empty(), (check.problems.empty() ? "" : check.problems.front()));
  std::vector<std::string> counts;
  for (const auto& c : check.counts) counts.push_back(c.what + " " + std::to_string(c.rows));
  BOOST_TEST(counts == (std::vector<std::string>{"units 2", "memberships 1", "revisions 1", "submissions 3", "workflow events 0",
                                                 "audit entries 0"}),
             boost::test_tools::per_element());
}

// Each invariant broken by hand, as an editor of the file could; db check names every one.
BOOST_AUTO_TEST_CASE(db_check_lists_every_broken_invariant) {
  Filled filled(3);
  run_raw_sql(filled.path,
              "DROP TRIGGER submissions_versions_chain;"
              // version 2 of K-0 that supersedes K-1: another report
              "INSERT INTO submissions(form, unit, period, record_key, revision, version, supersedes, status, values_json, "
              "submitted_by, submitted_at) VALUES ('case', 'org1', '', 'K-0', 1, 2, 2, 'submitted', '{}', 'ann', 'now');"
              // a membership of org1 overlapping the open one from 2020
              "INSERT INTO memberships(unit, parent, date_from, date_to) VALUES ('org1', 'org2', '2021-01-01', '2021-12-31');"
              // an accepted step naming the form and unit of another report than its submission's
              "INSERT INTO workflow_events(action, submission, form, unit, actor, who, at) VALUES "
              "('accepted', 1, 'families', 'org2', 'org2', 'ann', '2026-01-03');"
              // a revision's text changed after it was published
              "UPDATE revision_files SET text = 'model golden # edited' WHERE revision = 1;");
  DatabaseCheck check = check_database(filled.path);
  std::vector<std::string> expected{
      "revision 1: its stored files do not hash to its hash " + Database::open(filled.path).revision(1)->hash.substr(0, 12) +
          " (they were changed after it was published)",
      "submission 4 (version 2 of form case, unit org1, record K-0) supersedes submission 2, which is version 1 of form case, unit "
      "org1, record K-1",
      "workflow event 1 (accepted) refers to submission 1, which is a report of form case, unit org1, not of form families, unit org2",
      "unit org1 has overlapping places in the tree: membership 1 (2020-01-01 .. open, under nothing) and membership 2 (2021-01-01 .. "
      "2021-12-31, under org2)"};
  BOOST_TEST(check.problems == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(db_check_of_a_file_that_is_not_meras_stops_at_its_identity) {
  mera::test::TempFolder folder("mera-dbfile");
  std::string path = (folder.path() / "notes.db").string();
  run_raw_sql(path, "CREATE TABLE notes(text TEXT)");
  std::string before = file_bytes(path);
  DatabaseCheck check = check_database(path);
  BOOST_TEST(check.problems == std::vector<std::string>{"not a mera database (its application_id is not mera's): nothing else checked"},
             boost::test_tools::per_element());
  BOOST_TEST((file_bytes(path) == before));
}

BOOST_AUTO_TEST_SUITE_END()

// Databases made before the fix of issue 12.1 hold a model given as "." with the root "." and
// its files relative to the model's own folder; they load as if the folder had the model's name.
BOOST_AUTO_TEST_CASE(a_revision_stored_with_the_root_dot_still_loads) {
  Revision old{0, "golden", ".", {}, "", {2021, 1, 1}, "approved", "ann", "", "ann", ""};
  std::ifstream in(std::string(MERA_SOURCE_DIR) + "/tests/golden/submit/model/model.mera");
  old.files.push_back({"model.mera", std::string(std::istreambuf_iterator<char>(in), {})});
  auto checked = mera::engine::check_revision(old);
  BOOST_TEST(mera::dsl::render(checked.diags) == "");
  BOOST_REQUIRE(checked.model);
  BOOST_TEST(checked.model->name == "golden");
}
