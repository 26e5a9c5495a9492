#include "sqlite_error.hpp"

#include <sqlite3.h>

#include <cstring>

#include "mera/storage/error.hpp"

namespace mera::storage {
namespace {

// The sentence for a failure without the "cannot ..." lead: SQLite's own words where they are
// clear, ours where they are not ("file is not a database" would not name the file).
std::string describe(int rc, sqlite3* db, const std::string& path) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "disk full: " + path + " cannot grow";
    case SQLITE_CANTOPEN: {
      int err = db ? sqlite3_system_errno(db) : 0;
      return "cannot open " + path + (err ? std::string(": ") + std::strerror(err) : std::string());
    }
    case SQLITE_READONLY:
      return path + " is read-only: mera needs to write to it";
    default:
      return path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  }
}

}  // namespace

std::string damaged_message(const std::string& path, std::string_view found) {
  return path + " is damaged" + (found.empty() ? std::string(" (SQLite found a corrupt page)") : " (" + std::string(found) + ")") +
         ": mera writes nothing to it; `mera db check --db " + path + "` lists the damage; restore the file from a backup";
}

void throw_sqlite(int rc, sqlite3* db, const std::string& path, std::string_view doing) {
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw Busy(path);
  if (primary == SQLITE_CORRUPT) throw Damaged(damaged_message(path));
  if (primary == SQLITE_NOTADB)
    throw Damaged(path + " is not a SQLite database, or its first page is damaged: check the --db path, or restore the file "
                         "from a backup");
  std::string message = describe(rc, db, path);
  if (!doing.empty()) message = "cannot " + std::string(doing) + ": " + message;
  throw Error(message);
}

}  // namespace mera::storage
