// The database file under real concurrent processes and hostile files (issue 13): two inits of
// one path, two publishers of one model, a damaged page, a read-only file or folder, an empty
// --db. These run build/mera as child processes.
#define BOOST_TEST_MODULE mera_store_process
#include <boost/test/unit_test.hpp>

#include <pwd.h>

#include <regex>

#include "mera/storage/database.hpp"
#include "process_util.hpp"

using namespace mera::test;
using mera::storage::Database;

namespace {

std::string tomsk_dir() { return std::string(MERA_SOURCE_DIR) + "/examples/tomsk"; }

std::string fresh_db(const TempDir& dir, const std::string& name = "test.db") {
  std::string db = dir / name;
  Run init = run({"init", "--db", db, model_dir()}, dir);
  BOOST_REQUIRE_MESSAGE(init.exit == 0, init.output);
  return db;
}

// The tables that say which model and units a database holds (audit and revisions carry times).
std::vector<mera::storage::TableContent> model_and_units(const std::string& db) {
  std::vector<mera::storage::TableContent> out;
  for (const auto& t : Database::open(db).content().tables)
    if (t.table == "revision_files" || t.table == "units" || t.table == "memberships" || t.table == "unit_forms") out.push_back(t);
  return out;
}

std::vector<std::string> leftovers(const TempDir& dir, const std::string& db) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(db).parent_path())) {
    std::string name = e.path().filename().string();
    if (name.find(".new-") != std::string::npos) names.push_back(name);
  }
  (void)dir;
  return names;
}

// A copy of the golden model whose label of one field is `label`: a new revision of the same model.
std::string edited_model(const TempDir& dir, const std::string& label) {
  fs::path folder = fs::path(dir / ("edit-" + std::to_string(std::hash<std::string>{}(label)))) / "model";
  fs::create_directories(folder);
  std::string text = slurp(model_dir() + "/model.mera");
  text = std::regex_replace(text, std::regex("\"Обслужено семей\""), "\"" + label + "\"");
  std::ofstream(folder / "model.mera", std::ios::binary) << text;
  fs::copy_file(model_dir() + "/units.csv", folder / "units.csv");
  return folder.string();
}

}  // namespace

// Issue 13.2: every round, two inits of one path with different models at once. One creates the
// database, the other is told it exists, and the database holds one model with its own units.
BOOST_AUTO_TEST_CASE(two_inits_of_one_path_at_once_make_one_whole_database) {
  TempDir dir;
  std::string golden_alone = fresh_db(dir, "golden-alone.db");
  std::string tomsk_alone = dir / "tomsk-alone.db";
  BOOST_REQUIRE_EQUAL(run({"init", "--db", tomsk_alone, tomsk_dir()}, dir).exit, 0);
  const auto golden = model_and_units(golden_alone), tomsk = model_and_units(tomsk_alone);
  for (int round = 0; round < 8; ++round) {
    std::string db = dir / ("race-" + std::to_string(round) + ".db");
    pid_t a = spawn({"init", "--db", db, model_dir()}, dir / "a.txt");
    pid_t b = spawn({"init", "--db", db, tomsk_dir()}, dir / "b.txt");
    int exit_a = wait_for(a), exit_b = wait_for(b);
    std::string out_a = slurp(dir / "a.txt"), out_b = slurp(dir / "b.txt");
    BOOST_TEST_INFO("round " << round << "\ngolden init (exit " << exit_a << "): " << out_a << "tomsk init (exit " << exit_b << "): " << out_b);
    BOOST_TEST(((exit_a == 0) != (exit_b == 0)));
    const std::string& loser = exit_a == 0 ? out_b : out_a;
    BOOST_TEST((exit_a == 0 ? exit_b : exit_a) == 2);
    BOOST_TEST(loser.find(db + " already exists") != std::string::npos);
    BOOST_TEST(Database::open(db).integrity_check() == "ok");
    BOOST_TEST(Database::open(db).revisions().size() == 1u);
    BOOST_TEST((model_and_units(db) == (exit_a == 0 ? golden : tomsk)));
    BOOST_TEST(leftovers(dir, db).empty());
  }
}

// Issue 13.6: publishers of one new revision at once store it once; the others are told it is
// stored already.
BOOST_AUTO_TEST_CASE(publishers_of_one_model_at_once_store_one_draft) {
  TempDir dir;
  std::string db = fresh_db(dir);
  for (int round = 0; round < 5; ++round) {
    std::string model = edited_model(dir, "Семьи, версия " + std::to_string(round));
    std::vector<pid_t> publishers;
    for (int i = 0; i < 3; ++i)
      publishers.push_back(spawn({"model", "publish", "--db", db, model, "--effective", "2021-01-01"}, dir / ("p" + std::to_string(i) + ".txt")));
    int stored = 0, told = 0;
    for (int i = 0; i < 3; ++i) {
      int exit = wait_for(publishers[static_cast<std::size_t>(i)]);
      std::string out = slurp(dir / ("p" + std::to_string(i) + ".txt"));
      BOOST_TEST_INFO("round " << round << ", publisher " << i << " (exit " << exit << "): " << out);
      BOOST_CHECK(exit == 0 || (exit == 1 && out.find("it is the same as revision") != std::string::npos));
      stored += exit == 0;
      told += exit == 1;
    }
    BOOST_TEST(stored == 1);
    BOOST_TEST(told == 2);
    BOOST_TEST(Database::open(db).revisions().size() == static_cast<std::size_t>(round) + 2);
  }
}

// Issue 13.7: a page in the middle of the submissions table overwritten with garbage. submit
// refuses (exit 2, the file as it was), db check lists the damage.
BOOST_AUTO_TEST_CASE(a_damaged_database_refuses_submit_and_db_check_says_why) {
  TempDir dir;
  std::string db = fresh_db(dir);
  write_cases(dir / "cases.jsonl", 0, 3000, 100);
  BOOST_REQUIRE_EQUAL(run({"submit", "--db", db, dir / "cases.jsonl"}, dir).exit, 0);
  std::int64_t page_size = 0, pages = 0;
  {
    Database d = Database::open(db);
    page_size = std::stoll(d.pragma("page_size"));
    pages = std::stoll(d.pragma("page_count"));
  }
  {
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((pages / 2) * page_size);
    std::string garbage(static_cast<std::size_t>(page_size), '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  std::string before = slurp(db);
  write_cases(dir / "more.jsonl", 5000, 10);
  Run submit = run({"submit", "--db", db, dir / "more.jsonl"}, dir);
  BOOST_TEST(submit.exit == 2, submit.output);
  BOOST_TEST(submit.output.find("mera: error: " + db + " is damaged") != std::string::npos, submit.output);
  BOOST_TEST(submit.output.find("mera db check --db " + db) != std::string::npos, submit.output);
  BOOST_TEST((slurp(db) == before));
  BOOST_CHECK(!fs::exists(db + "-wal") || fs::file_size(db + "-wal") == 0u);

  Run check = run({"db", "check", "--db", db}, dir);
  BOOST_TEST(check.exit == 1, check.output);
  BOOST_TEST(check.output.find(db + ": SQLite: ") != std::string::npos, check.output);
  BOOST_TEST(std::regex_search(check.output, std::regex("mera: error: " + std::regex_replace(db, std::regex("[.]"), "\\.") +
                                                            ": [0-9]+ problems?; restore it from a backup")),
             check.output);
}

BOOST_AUTO_TEST_CASE(db_check_of_a_whole_database_is_ok_with_counts) {
  TempDir dir;
  std::string db = fresh_db(dir);
  Run check = run({"db", "check", "--db", db}, dir);
  BOOST_TEST(check.exit == 0, check.output);
  BOOST_TEST(std::regex_search(check.output, std::regex(": ok \\([0-9]+ units, [0-9]+ memberships, 1 revision, 0 submissions, 0 workflow "
                                                        "events, [0-9]+ audit entries\\)\n$")),
             check.output);
}

// Issue 13.8: an empty --db is a usage error, a zero-byte file is called what it is.
BOOST_AUTO_TEST_CASE(an_empty_db_path_and_a_zero_byte_file_say_what_is_wrong) {
  TempDir dir;
  for (const char* command : {"eval", "status", "submissions"}) {
    Run r = run({command, "--db", ""}, dir);
    BOOST_TEST(r.exit == 2, r.output);
    BOOST_TEST(r.output == "mera: error: the database path is empty: name the database file, as in --db tomsk.db\n");
  }
  Run init = run({"init", "--db", "", model_dir()}, dir);
  BOOST_TEST(init.exit == 2);
  BOOST_TEST(init.output.find("the database path is empty") != std::string::npos, init.output);
  std::string empty = dir / "empty.db";
  std::ofstream{empty};
  Run eval = run({"eval", "--db", empty}, dir);
  BOOST_TEST(eval.exit == 2);
  BOOST_TEST(eval.output == "mera: error: " + empty + ": empty file, not a mera database; remove it, then run mera init --db " + empty +
                                " MODEL\n");
  BOOST_TEST(fs::file_size(empty) == 0u);
}

namespace {

// Runs mera as a user who may read but not write what root made: as nobody when the test is
// root (root may write anything), else with the write permissions taken away.
Run run_as_reader(const std::vector<std::string>& args, const TempDir& dir) {
  std::string out = dir / "reader.txt";
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::geteuid() == 0) {
      const passwd* nobody = ::getpwnam("nobody");
      if (!nobody || ::setgid(nobody->pw_gid) != 0 || ::setuid(nobody->pw_uid) != 0) ::_exit(126);
    }
    int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) fd = ::open("/dev/null", O_WRONLY);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::string binary = MERA_BINARY;
    std::vector<std::string> copy = args;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  Run r;
  r.exit = wait_for(pid);
  r.output = slurp(out);
  return r;
}

}  // namespace

// Issue 13.8: reading works when the file, or its folder too, may not be written; writing is
// refused with what to do.
BOOST_AUTO_TEST_CASE(a_read_only_database_can_be_read_but_not_written) {
  for (bool folder_writable : {true, false}) {
    BOOST_TEST_CONTEXT((folder_writable ? "a read-only file in a folder the reader may write" : "a read-only file and folder")) {
      TempDir dir;
      std::string db = fresh_db(dir);
      write_cases(dir / "cases.jsonl", 0, 20);
      BOOST_REQUIRE_EQUAL(run({"submit", "--db", db, dir / "cases.jsonl"}, dir).exit, 0);
      Run as_owner = run({"eval", "--db", db, "--period", "2021"}, dir);
      BOOST_REQUIRE_EQUAL(as_owner.exit, 0);
      fs::path folder = fs::path(db).parent_path();
      fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
      fs::permissions(folder, folder_writable ? fs::perms::all : fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                                                     fs::perms::others_read | fs::perms::others_exec);
      // The reader's output goes to a file of its own that it may write.
      std::ofstream{dir / "reader.txt"};
      fs::permissions(dir / "reader.txt", fs::perms::all);
      Run eval = run_as_reader({"eval", "--db", db, "--period", "2021"}, dir);
      BOOST_TEST(eval.exit == 0, eval.output);
      BOOST_TEST(eval.output == as_owner.output);
      Run listed = run_as_reader({"submissions", "--db", db}, dir);
      BOOST_TEST(listed.exit == 0, listed.output);
      write_cases(dir / "more.jsonl", 100, 2);
      fs::permissions(dir / "more.jsonl", fs::perms::all);
      Run submit = run_as_reader({"submit", "--db", db, dir / "more.jsonl"}, dir);
      BOOST_TEST(submit.exit == 2, submit.output);
      BOOST_TEST(submit.output.find(db + " is read-only here") != std::string::npos, submit.output);
      fs::permissions(folder, fs::perms::owner_all);
      fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
      BOOST_TEST(Database::open(db).submission_count() == 20);
    }
  }
}
