// Opening and creating a database: the identity check, the pragmas, the migrations.
#include "mera/storage/database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "connection.hpp"
#include "schema.hpp"

namespace mera::storage {
namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;

bool file_exists(const std::string& path) {
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (ec) throw Error("cannot look at " + path + ": " + ec.message());
  return exists;
}

// Set on every connection, before any domain statement: they are per connection, not per file
// (journal_mode excepted, which is stored in the file but costs nothing to repeat).
void set_pragmas(Connection& c) {
  c.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
  // 64 MiB of page cache at most (the default is 2 MiB), taken only as it is used: an import of
  // a million submissions in one transaction then updates its indexes in memory, not through
  // the WAL file (6.7 s -> 4.9 s for 1,000,000 rows).
  c.exec("PRAGMA cache_size = -65536");
  Query mode = c.query("PRAGMA journal_mode = WAL");
  if (!mode.step() || mode.text(0) != "wal")
    throw Error("cannot switch " + c.path() + " to WAL mode (is it on a network file system?)");
  if (c.int_pragma("foreign_keys") != 1)
    throw Error("this SQLite cannot enforce foreign keys, which " + c.path() + " relies on");
}

// Applies every migration newer than the file's user_version, all in one transaction, and
// stamps the application id (a no-op for a file that has it already).
void migrate(Connection& c) {
  c.exec("BEGIN IMMEDIATE");
  // Read under the write lock: another mera may have migrated the file meanwhile.
  auto from = static_cast<int>(c.int_pragma("user_version"));
  int to = Database::latest_schema_version();
  try {
    c.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    for (const Migration& m : migrations())
      if (m.version > from) c.exec(m.sql);
    c.exec(("PRAGMA user_version = " + std::to_string(to)).c_str());
    c.exec("COMMIT");
  } catch (const std::exception& e) {
    c.rollback_write();
    throw Error("cannot migrate " + c.path() + " from schema version " + std::to_string(from) + " to " +
                std::to_string(to) + ": " + e.what());
  }
}

// Refuses what mera must not touch: somebody else's SQLite file, or a schema from the future.
void check_identity(Connection& c) {
  auto id = c.int_pragma("application_id");
  if (id != kApplicationId)
    throw Error(c.path() + " is a SQLite database but not a mera database; mera init creates one");
  auto version = c.int_pragma("user_version");
  if (version > Database::latest_schema_version())
    throw Error(c.path() + " has schema version " + std::to_string(version) + " but this mera knows only up to " +
                std::to_string(Database::latest_schema_version()) + "; use a newer mera");
}

void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
}

}  // namespace

Database Database::create(const std::string& path) {
  if (file_exists(path)) throw Error(path + " already exists; mera init creates a new database");
  auto c = std::make_unique<Connection>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  try {
    c->set_busy_timeout(kDefaultBusyTimeoutMs);
    set_pragmas(*c);
    migrate(*c);
  } catch (...) {
    // The file is ours, made a moment ago: do not leave a half-made database behind.
    c.reset();
    remove_database_files(path);
    throw;
  }
  return Database(std::move(c));
}

Database Database::open(const std::string& path) {
  if (!file_exists(path)) throw Error("no database at " + path + "; create one with `mera init`");
  auto c = std::make_unique<Connection>(path, SQLITE_OPEN_READWRITE);
  c->set_busy_timeout(kDefaultBusyTimeoutMs);
  check_identity(*c);  // before the pragmas: WAL mode would change a file that is not ours
  set_pragmas(*c);
  if (c->int_pragma("user_version") < latest_schema_version()) migrate(*c);
  return Database(std::move(c));
}

int Database::latest_schema_version() { return migrations().back().version; }

Database::Database(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

const std::string& Database::path() const { return connection_->path(); }

int Database::schema_version() const { return static_cast<int>(connection_->int_pragma("user_version")); }

void Database::set_busy_timeout(int milliseconds) { connection_->set_busy_timeout(milliseconds); }

std::string Database::pragma(std::string_view name) const {
  for (char ch : name)
    if (!(ch == '_' || (ch >= 'a' && ch <= 'z'))) throw std::invalid_argument("not a pragma name: " + std::string(name));
  Query q = connection_->query("PRAGMA " + std::string(name));
  return q.step() ? q.text(0) : std::string();
}

Transaction Database::write() { return Transaction(*connection_); }

}  // namespace mera::storage
