#include "connection.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "mera/storage/error.hpp"
#include "sqlite_error.hpp"

namespace mera::storage {

Connection::Connection(std::string path, int flags, const std::string& file) : path_(std::move(path)) {
  int rc = sqlite3_open_v2(file.empty() ? path_.c_str() : file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // The message needs the handle, the handle needs closing: copy the words out first.
    try {
      throw_sqlite(rc, db_, path_);
    } catch (...) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw;
    }
  }
}

Connection::~Connection() {
  for (auto& entry : statements_) sqlite3_finalize(entry.second);
  sqlite3_close_v2(db_);
}

Query Connection::query(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &statement, nullptr);
    if (rc != SQLITE_OK) fail(rc);
    found = statements_.emplace(std::string(sql), statement).first;
  }
  // A cached statement serves one caller at a time; a nested use of the same SQL is a bug here.
  if (sqlite3_stmt_busy(found->second)) throw std::logic_error("storage: statement already in use: " + found->first);
  return Query(found->second, *this);
}

void Connection::exec(const char* sql) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc);
}

int Connection::try_exec(const char* sql) noexcept { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

bool Connection::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

std::int64_t Connection::int_pragma(const char* name) {
  Query q = query(std::string("PRAGMA ") + name);
  return q.step() ? q.int64(0) : 0;
}

void Connection::set_busy_timeout(int milliseconds) { sqlite3_busy_timeout(db_, milliseconds); }

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

void Connection::fail(int rc, std::string_view doing) const { throw_sqlite(rc, db_, path_, doing); }

void Connection::begin_write() {
  if (reading_) throw std::logic_error("a write inside a read snapshot on " + path_ + ": end the snapshot first");
  if (depth_ == 0) {
    exec("BEGIN IMMEDIATE");
  } else {
    // SQLite ends a whole transaction by itself on a full disk or an I/O error; a savepoint
    // begun then would start a new transaction of its own and commit it on RELEASE.
    if (sqlite3_get_autocommit(db_))
      throw Error("the transaction on " + path_ + " was ended by an earlier error; nothing of it is stored: try again");
    exec(("SAVEPOINT nested" + std::to_string(depth_)).c_str());
  }
  ++depth_;
}

void Connection::commit_write() {
  if (depth_ == 1) exec("COMMIT");
  else exec(("RELEASE nested" + std::to_string(depth_ - 1)).c_str());
  --depth_;
}

void Connection::rollback_write() noexcept {
  if (depth_ == 0) return;
  --depth_;
  // A failed COMMIT, or an I/O error or a full disk in a savepoint, may already have ended the
  // whole transaction (SQLite rolls it back itself); there is nothing left to undo then, and
  // the outer COMMIT fails, so that nothing of the group is acknowledged.
  if (sqlite3_get_autocommit(db_)) return;
  if (depth_ == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  } else {
    std::string name = "nested" + std::to_string(depth_);
    sqlite3_exec(db_, ("ROLLBACK TO " + name).c_str(), nullptr, nullptr, nullptr);
    sqlite3_exec(db_, ("RELEASE " + name).c_str(), nullptr, nullptr, nullptr);
  }
}

void Connection::begin_read() {
  if (depth_ > 0 || reading_) throw std::logic_error("a read snapshot inside a transaction on " + path_);
  exec("BEGIN DEFERRED");
  reading_ = true;
}

void Connection::end_read() noexcept {
  if (!reading_) return;
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  reading_ = false;
}

void Connection::require_write(const char* operation) const {
  if (depth_ == 0)
    throw std::logic_error(std::string(operation) + " outside a transaction on " + path_ +
                           ": start one with Database::write()");
}

}  // namespace mera::storage
