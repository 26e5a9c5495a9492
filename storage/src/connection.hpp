// The SQLite handle of one Database, its cache of prepared statements, and Query, the scoped
// use of one cached statement. Everything that calls sqlite3_* for the domain goes through here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace mera::storage {

class Connection;

// One cached statement in use: bind, step, read columns. Reset when it goes out of scope, so the
// statement is ready for the next use without being prepared again.
class Query {
 public:
  Query(sqlite3_stmt* statement, Connection& connection) : statement_(statement), connection_(connection) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  // Bound without a copy (SQLITE_STATIC): the text must stay alive until the last step().
  Query& bind(int index, std::string_view text);
  Query& bind(int index, std::int64_t value);
  Query& bind_null(int index);

  bool step(std::string_view doing = {});  // true: a row is ready to read
  void run(std::string_view doing = {});   // a statement without rows (INSERT, UPDATE)

  std::string text(int column) const;  // "" for NULL
  // The column without a copy, valid until the next step(): for rows read by the million.
  std::string_view view(int column) const;
  std::int64_t int64(int column) const;
  bool is_null(int column) const;
  sqlite3_stmt* statement() const { return statement_; }

 private:
  sqlite3_stmt* statement_;
  Connection& connection_;
};

class Connection {
 public:
  // flags as for sqlite3_open_v2; throws Error naming path when SQLite cannot open it. `file`,
  // when given, is what SQLite opens instead (a temporary name, a file: URI) while messages
  // still name `path`, the database the user asked for.
  Connection(std::string path, int flags, const std::string& file = {});
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  Query query(std::string_view sql);  // prepared once per SQL text, then reused
  void exec(const char* sql);         // a script without results (schema, BEGIN, COMMIT)
  int try_exec(const char* sql) noexcept;  // the same, the result code returned, not thrown
  // SQLite opened the file read-only: asked to, or the file is write-protected.
  bool read_only() const;
  std::int64_t int_pragma(const char* name);
  void set_busy_timeout(int milliseconds);
  std::int64_t last_insert_id() const;
  int changes() const;
  [[noreturn]] void fail(int rc, std::string_view doing = {}) const;

  // The write transaction of Transaction: domain writes check that one is open. Opened inside
  // one already open, it is a savepoint of it (SAVEPOINT, RELEASE, ROLLBACK TO): what the
  // service's group commit runs each request in (docs/service.md, "Writes").
  void begin_write();
  void commit_write();
  void rollback_write() noexcept;
  bool writing() const { return depth_ > 0; }
  void require_write(const char* operation) const;  // std::logic_error outside a transaction
  // The read snapshot of ReadSnapshot: a deferred transaction that only reads.
  void begin_read();
  void end_read() noexcept;

 private:
  // Lets query() look a string_view up without building a std::string per call.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
  int depth_ = 0;        // open write transactions: 1 the outer one, more its savepoints
  bool reading_ = false; // a ReadSnapshot is open
};

}  // namespace mera::storage
