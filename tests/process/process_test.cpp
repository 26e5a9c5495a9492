// What a user must be able to trust when things go wrong around mera: a refused file changes
// nothing, a killed import leaves all or nothing, two imports at once never corrupt the file,
// and a file of 100 MB goes through. These run build/mera in child processes.
#define BOOST_TEST_MODULE mera_process
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "mera/storage/database.hpp"
#include "process_util.hpp"

using namespace mera::test;
using mera::storage::Database;

namespace {

// A database of the golden test model, with its units.
std::string fresh_db(const TempDir& dir) {
  std::string db = dir / "test.db";
  Run init = run({"init", "--db", db, model_dir()}, dir);
  BOOST_REQUIRE_MESSAGE(init.exit == 0, init.output);
  return db;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_bad_submission_among_a_thousand_changes_nothing) {
  TempDir dir;
  std::string db = fresh_db(dir);
  write_cases(dir / "first.jsonl", 0, 500);
  BOOST_REQUIRE_EQUAL(run({"submit", "--db", db, dir / "first.jsonl"}, dir).exit, 0);
  auto before = Database::open(db).content();

  // 1000 good records and, on line 501, one whose case was closed before it was opened.
  {
    std::ofstream out(dir / "mixed.jsonl", std::ios::binary);
    for (long i = 1000; i < 1500; ++i) out << case_record(i);
    out << R"({"form": "case", "unit": "org1", "values": {"case_id": "BAD", "opened": "2021-05-01", "closed": "2021-04-01"}})" << '\n';
    for (long i = 1500; i < 2000; ++i) out << case_record(i);
  }
  Run refused = run({"submit", "--db", db, dir / "mixed.jsonl"}, dir);
  BOOST_TEST(refused.exit == 1);
  BOOST_TEST(refused.output.find("mixed.jsonl:501:") != std::string::npos, refused.output);
  BOOST_TEST(refused.output.find("nothing of this file was stored") != std::string::npos);
  auto after = Database::open(db).content();
  BOOST_TEST((after == before));  // row counts and a SHA-256 of every row of every table
  BOOST_TEST(Database::open(db).submission_count() == 500);
}

BOOST_AUTO_TEST_CASE(an_import_killed_midway_leaves_all_or_nothing) {
  TempDir dir;
  std::string db = fresh_db(dir);
  const long records = 200000;
  write_cases(dir / "big.jsonl", 0, records);
  // Kill at different moments: while reading, while inserting, maybe while committing.
  for (int delay_ms : {50, 300, 800, 1500}) {
    auto before = Database::open(db).submission_count();
    pid_t pid = spawn({"submit", "--db", db, dir / "big.jsonl"}, dir / "killed.txt");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = wait_for(pid);
    auto reopened = Database::open(db);
    BOOST_TEST(reopened.integrity_check() == "ok");
    auto count = reopened.submission_count();
    BOOST_TEST_MESSAGE("killed after " << delay_ms << " ms (exit " << status << "): " << count - before << " stored");
    BOOST_TEST((count == before || count == before + records), "after a kill at " << delay_ms << " ms: " << count - before << " of " << records);
    if (count != before) break;  // it finished before the kill: the file is in, the rest would be duplicates
  }
  // The database is usable after the crash: the same file goes in whole (or is already in).
  auto count = Database::open(db).submission_count();
  if (count == 0) {
    Run again = run({"submit", "--db", db, dir / "big.jsonl"}, dir);
    BOOST_TEST(again.exit == 0, again.output);
    BOOST_TEST(Database::open(db).submission_count() == records);
  }
}

BOOST_AUTO_TEST_CASE(two_imports_at_once_both_succeed_or_one_is_told_to_retry) {
  TempDir dir;
  std::string db = fresh_db(dir);
  write_cases(dir / "a.jsonl", 0, 50000);
  write_cases(dir / "b.jsonl", 100000, 50000);
  for (int round = 0; round < 3; ++round) {
    auto before = Database::open(db).submission_count();
    std::string suffix = std::to_string(round);
    // Each round submits the files as corrections after the first, so keys never clash.
    std::vector<std::string> extra = round ? std::vector<std::string>{"--correct"} : std::vector<std::string>{};
    auto args = [&](const std::string& file) {
      std::vector<std::string> a{"submit", "--db", db};
      a.insert(a.end(), extra.begin(), extra.end());
      a.push_back(file);
      return a;
    };
    pid_t a = spawn(args(dir / "a.jsonl"), dir / ("a" + suffix + ".txt"));
    pid_t b = spawn(args(dir / "b.jsonl"), dir / ("b" + suffix + ".txt"));
    int ea = wait_for(a), eb = wait_for(b);
    std::string oa = slurp(dir / ("a" + suffix + ".txt")), ob = slurp(dir / ("b" + suffix + ".txt"));
    for (auto [code, out] : {std::pair{ea, oa}, std::pair{eb, ob}}) {
      BOOST_TEST((code == 0 || (code == 2 && out.find("busy") != std::string::npos && out.find("try again") != std::string::npos)), out);
    }
    auto reopened = Database::open(db);
    BOOST_TEST(reopened.integrity_check() == "ok");
    long stored = (ea == 0 ? 50000 : 0) + (eb == 0 ? 50000 : 0);
    BOOST_TEST(reopened.submission_count() == before + stored);
    if (ea != 0 || eb != 0) break;  // a retry round would need the failed one resubmitted first
  }
}

BOOST_AUTO_TEST_CASE(a_file_of_a_hundred_megabytes_goes_through) {
  TempDir dir;
  std::string db = fresh_db(dir);
  const long records = 100000;
  write_cases(dir / "huge.jsonl", 0, records, 1000);  // ~1.1 KB a line
  BOOST_REQUIRE_GE(fs::file_size(dir / "huge.jsonl"), 100u << 20);
  Run r = run({"submit", "--db", db, dir / "huge.jsonl"}, dir);
  BOOST_TEST(r.exit == 0, r.output);
  BOOST_TEST(r.output.find("100000 submissions stored") != std::string::npos, r.output);
  auto opened = Database::open(db);
  BOOST_TEST(opened.submission_count() == records);
  BOOST_TEST(opened.integrity_check() == "ok");
}

// What the issue promises a new user: the Tomsk sample goes in; the wrong-data file prints a
// problem for every one of its submissions and stores nothing.
BOOST_AUTO_TEST_CASE(the_tomsk_sample_goes_in_and_the_wrong_file_stores_nothing) {
  TempDir dir;
  std::string db = dir / "tomsk.db";
  std::string tomsk = std::string(MERA_SOURCE_DIR) + "/examples/tomsk";
  Run init = run({"init", "--db", db, tomsk}, dir);
  BOOST_REQUIRE_MESSAGE(init.exit == 0, init.output);
  BOOST_TEST(init.output.find("28 units") != std::string::npos, init.output);
  Run sample = run({"submit", "--db", db, tomsk + "/data/2021.jsonl", tomsk + "/data/2022.jsonl", tomsk + "/data/staff_2021.csv",
                    tomsk + "/data/staff_2022.csv"}, dir);
  BOOST_TEST(sample.exit == 0, sample.output);
  BOOST_TEST(Database::open(db).submission_count() == 150 + 150 + 92 + 92);
  auto before = Database::open(db).content();

  std::string wrong = tomsk + "/data/wrong/wrong.jsonl";
  Run refused = run({"submit", "--db", db, wrong, tomsk + "/data/wrong/broken.json", tomsk + "/data/wrong/not_utf8.csv"}, dir);
  BOOST_TEST(refused.exit == 1);
  // Every line of wrong.jsonl but the first of the duplicated pair has an error at its line.
  std::istringstream lines(slurp(wrong));
  std::string line;
  int n = 0, reported = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (refused.output.find("wrong.jsonl:" + std::to_string(n) + ":") != std::string::npos &&
        refused.output.find("wrong.jsonl:" + std::to_string(n) + ":1: note") == std::string::npos)
      ++reported;
  }
  BOOST_TEST(reported == n - 1, refused.output);
  for (const char* file : {"wrong.jsonl: refused", "broken.json: refused", "not_utf8.csv: refused"})
    BOOST_TEST(refused.output.find(file) != std::string::npos, file);
  BOOST_TEST((Database::open(db).content() == before));
}
