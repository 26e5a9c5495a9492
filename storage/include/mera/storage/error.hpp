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

// SQLite reported a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB), or the check before a write
// found damage. The transaction it happened in is rolled back; nothing is written. Its own type
// so that no caller mistakes it for a problem of the input and carries on.
class Damaged : public Error {
 public:
  using Error::Error;
};

}  // namespace mera::storage
