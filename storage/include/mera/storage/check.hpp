// `mera db check`: is a database file whole, and does it hold what mera relies on? SQLite's
// integrity check, then mera's own invariants, every problem listed. For an administrator: it
// opens the file read-only and changes nothing, even in a file that is not mera's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mera::storage {

struct DatabaseCheck {
  std::vector<std::string> problems;  // empty: the database is whole
  struct Count {
    std::string what;  // "units", "submissions", ...
    std::int64_t rows = 0;
  };
  std::vector<Count> counts;  // the rows of each domain table, where they could be read
};

// Throws Error only when the file cannot be opened at all; everything found inside is a problem.
DatabaseCheck check_database(const std::string& path);

}  // namespace mera::storage
