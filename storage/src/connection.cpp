#include "connection.hpp"

#include <sqlite3.h>

#include <stdexcept>

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
  if (writing_) throw std::logic_error("a write transaction is already open on " + path_);
  exec("BEGIN IMMEDIATE");
  writing_ = true;
}

void Connection::commit_write() {
  exec("COMMIT");
  writing_ = false;
}

void Connection::rollback_write() noexcept {
  // A failed COMMIT may already have ended the transaction; ROLLBACK then has nothing to undo.
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  writing_ = false;
}

void Connection::require_write(const char* operation) const {
  if (!writing_)
    throw std::logic_error(std::string(operation) + " outside a transaction on " + path_ +
                           ": start one with Database::write()");
}

}  // namespace mera::storage
