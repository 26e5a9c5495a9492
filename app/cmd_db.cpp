// mera db check --db DB: for the database's keeper. SQLite's integrity check and mera's own
// invariants; "ok" with the counts of rows (exit 0), or every problem found (exit 1).
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/storage/check.hpp"

namespace mera::app {
namespace {

std::string counted(std::int64_t n, const std::string& what) {
  // "1 revisions" reads wrong: the one plural the summary has is a trailing "s".
  if (n == 1 && what.ends_with("s")) return "1 " + what.substr(0, what.size() - 1);
  return fmt::format("{} {}", n, what);
}

}  // namespace

int run_db_check(const std::string& db_path) {
  storage::DatabaseCheck check = storage::check_database(db_path);
  if (check.problems.empty()) {
    std::string counts;
    for (const auto& c : check.counts) counts += (counts.empty() ? "" : ", ") + counted(c.rows, c.what);
    std::cout << fmt::format("{}: ok ({})\n", db_path, counts);
    return ok;
  }
  for (const auto& problem : check.problems) std::cout << fmt::format("{}: {}\n", db_path, problem);
  std::cerr << fmt::format("mera: error: {}: {}; restore it from a backup, or repair it by hand (docs/storage.md)\n", db_path,
                           counted(static_cast<std::int64_t>(check.problems.size()), "problems"));
  return input_errors;
}

}  // namespace mera::app
