// The failures of storage, for people: each message names the database file and says what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace mera::storage {

// A SQLite failure or a refused open ("no database at DB; create one with `mera init`").
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Another connection holds the write lock and did not let go within the busy timeout. Its own
// type so that a caller can retry or tell the user to, instead of treating it as damage.
class Busy : public Error {
 public:
  explicit Busy(const std::string& path)
      : Error("the database " + path + " is busy: another mera is writing to it; try again") {}
};

}  // namespace mera::storage
