// Opening and creating a database: the identity check, the pragmas, the migrations, and reading
// a database this process may not write (docs/storage.md, "Read-only databases").
#include "mera/storage/database.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "connection.hpp"
#include "paths.hpp"
#include "schema.hpp"
#include "sqlite_error.hpp"
#include "mera/text/tr.hpp"

namespace mera::storage {
namespace fs = std::filesystem;
namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;

bool file_exists(const std::string& path) {
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  if (ec) throw Error("cannot look at " + path + ": " + ec.message());
  return exists;
}

// SQLite takes a zero-byte file for an empty database, which mera would call somebody else's.
void refuse_empty_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec)
    throw Error(path + ": empty file, not a mera database; remove it, then run mera init --db " + path + " MODEL");
}

// Whether this process may change the file and make the WAL files (-wal, -shm) beside it.
bool may_write(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  return ::access(path.c_str(), W_OK) == 0 && ::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
}

// Set on every connection, before any domain statement: they are per connection, not per file
// (journal_mode excepted, which is stored in the file but costs nothing to repeat). A reader
// that may not write leaves the journal mode as the file has it: switching it is a write.
void set_pragmas(Connection& c, bool wal) {
  c.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
  // 64 MiB of page cache at most (the default is 2 MiB), taken only as it is used: an import of
  // a million submissions in one transaction then updates its indexes in memory, not through
  // the WAL file (6.7 s -> 4.9 s for 1,000,000 rows).
  c.exec("PRAGMA cache_size = -65536");
  if (wal) {
    Query mode = c.query("PRAGMA journal_mode = WAL");
    if (!mode.step() || mode.text(0) != "wal")
      throw Error("cannot switch " + c.path() + " to WAL mode (is it on a network file system?)");
  }
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

// "file:/abs/path?immutable=1", every byte outside the unreserved set percent-encoded.
std::string immutable_uri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char ch : fs::absolute(path).generic_string()) {
    if (std::isalnum(ch) || ch == '/' || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      uri += static_cast<char>(ch);
    } else {
      uri += '%';
      uri += kHex[ch >> 4];
      uri += kHex[ch & 15];
    }
  }
  return uri + "?immutable=1";
}

// A reader of a WAL database needs the -shm file beside it. When SQLite can neither open nor
// make it (a read-only folder), the file is read as immutable: as it stands on disk, which is
// the whole database only while no -wal file holds changes not yet copied into it.
std::unique_ptr<Connection> open_read_only(const std::string& path) {
  auto c = std::make_unique<Connection>(path, SQLITE_OPEN_READONLY);
  int rc = c->try_exec("SELECT count(*) FROM sqlite_schema");
  if (rc == SQLITE_OK) return c;
  if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY) c->fail(rc, "read " + path);
  std::error_code ec;
  auto wal = fs::file_size(path + "-wal", ec);
  if (!ec && wal > 0)
    throw Error("cannot read " + path + " read-only: its -wal file holds changes not yet in the database, and they cannot be read "
                "without a -shm file, which cannot be made in its folder; run any mera command on it once with write access, or "
                "copy the database and its -wal file to a folder you may write");
  return std::make_unique<Connection>(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, immutable_uri(path));
}

}  // namespace

Database Database::create(const std::string& path) { return NewDatabase(path).publish(); }

Database Database::open(const std::string& path) {
  require_path(path);
  if (!file_exists(path)) throw Error(text::tr("no database at {}; create one with `mera init`", path));
  refuse_empty_file(path);
  bool writable = may_write(path);
  auto c = writable ? std::make_unique<Connection>(path, SQLITE_OPEN_READWRITE) : open_read_only(path);
  c->set_busy_timeout(kDefaultBusyTimeoutMs);
  check_identity(*c);  // before the pragmas: WAL mode would change a file that is not ours
  set_pragmas(*c, writable);
  if (auto version = c->int_pragma("user_version"); version < latest_schema_version()) {
    if (!writable)
      throw Error(path + " has schema version " + std::to_string(version) + " and this mera needs " +
                  std::to_string(latest_schema_version()) + "; it is read-only here, so it cannot be brought up to date: run any " +
                  "mera command on it once with write access");
    migrate(*c);
  }
  return Database(std::move(c));
}

// The new database's file, under its temporary name; messages name `path`.
Database Database::build(const std::string& path, const std::string& file) {
  auto c = std::make_unique<Connection>(path, SQLITE_OPEN_READWRITE, file);
  c->set_busy_timeout(kDefaultBusyTimeoutMs);
  // A rollback journal while it is built: at publish the file is whole by itself, no -wal
  // file under the temporary name to lose. open() switches it to WAL.
  set_pragmas(*c, false);
  migrate(*c);
  return Database(std::move(c));
}

int Database::latest_schema_version() { return migrations().back().version; }

Database::Database(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}

bool Database::read_only() const { return connection_->read_only(); }
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

Transaction Database::write() {
  if (connection_->read_only())
    throw Error(path() + " is read-only here (the file or its folder is write-protected): mera can read it but not change it; ask "
                "for write access to both, or work on a copy");
  Transaction tx(*connection_);
  refuse_damage();  // under the write lock: what is checked is what the transaction writes to
  return tx;
}

ReadSnapshot Database::snapshot() { return ReadSnapshot(*connection_); }

// SQLite meets a damaged page only when a statement reads it, and an insert at the end of a
// table reads few: without this, a damaged database accepts reports. PRAGMA quick_check reads
// every page, about 16 ms per MB on the machine of docs/storage.md, so it runs once per
// connection, before its first write, for files up to kQuickCheckLimit; a bigger file relies on
// SQLITE_CORRUPT where a statement meets the damage, and on `mera db check` run by its keeper.
void Database::refuse_damage() {
  if (checked_for_damage_) return;
  std::int64_t bytes = connection_->int_pragma("page_count") * connection_->int_pragma("page_size");
  if (bytes <= kQuickCheckLimit) {
    Query q = connection_->query("PRAGMA quick_check(1)");
    if (q.step("check " + path() + " before writing") && q.text(0) != "ok")
      throw Damaged(damaged_message(path(), "PRAGMA quick_check: " + q.text(0)));
  }
  checked_for_damage_ = true;
}

}  // namespace mera::storage
