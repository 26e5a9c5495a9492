// Checks of a whole database: SQLite's integrity check, and a fingerprint of every table that
// tests use to prove a refused import left the database exactly as it was.
#include <sqlite3.h>

#include <array>
#include <cstring>

#include "connection.hpp"
#include "mera/storage/database.hpp"
#include "mera/storage/sha256.hpp"

namespace mera::storage {
namespace {

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::vector<std::string> user_tables(Connection& c) {
  std::vector<std::string> names;
  Query q = c.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    "ORDER BY name");
  while (q.step()) names.push_back(q.text(0));
  return names;
}

// Primary-key order where the table has a key (stable across VACUUM), rowid order otherwise.
std::string order_of(Connection& c, const std::string& table) {
  std::string order;
  Query q = c.query("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk");
  q.bind(1, table);
  while (q.step()) order += (order.empty() ? "" : ", ") + quoted(q.text(0));
  return order.empty() ? "rowid" : order;
}

void update_u64(Sha256& sha, std::uint64_t v) {
  std::array<char, 8> bytes;
  for (int i = 7; i >= 0; --i, v >>= 8) bytes[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
  sha.update(std::string_view(bytes.data(), bytes.size()));
}

// A type tag, then the value: integers and reals as 8 fixed bytes, text and blobs with their
// length first. No two different rows render alike (1 vs '1', '' vs NULL, 'ab','c' vs 'a','bc').
void update_value(Sha256& sha, sqlite3_stmt* st, int column) {
  switch (sqlite3_column_type(st, column)) {
    case SQLITE_NULL:
      sha.update("N");
      break;
    case SQLITE_INTEGER:
      sha.update("I");
      update_u64(sha, static_cast<std::uint64_t>(sqlite3_column_int64(st, column)));
      break;
    case SQLITE_FLOAT: {
      double d = sqlite3_column_double(st, column);
      std::uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof bits);
      sha.update("F");
      update_u64(sha, bits);
      break;
    }
    default: {
      bool text = sqlite3_column_type(st, column) == SQLITE_TEXT;
      const void* data = text ? static_cast<const void*>(sqlite3_column_text(st, column)) : sqlite3_column_blob(st, column);
      auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, column));
      sha.update(text ? "T" : "B");
      update_u64(sha, size);
      if (size) sha.update(std::string_view(static_cast<const char*>(data), size));
    }
  }
}

TableContent fingerprint(Connection& c, const std::string& table) {
  TableContent out{table, 0, {}};
  Sha256 sha;
  Query q = c.query("SELECT * FROM " + quoted(table) + " ORDER BY " + order_of(c, table));
  sqlite3_stmt* st = q.statement();
  int columns = sqlite3_column_count(st);
  for (int i = 0; i < columns; ++i) {
    std::string_view name = sqlite3_column_name(st, i);
    update_u64(sha, name.size());
    sha.update(name);
  }
  while (q.step()) {
    ++out.rows;
    for (int i = 0; i < columns; ++i) update_value(sha, st, i);
  }
  out.sha256 = sha.finish();
  return out;
}

}  // namespace

std::string Database::integrity_check() const {
  std::string out;
  Query q = connection_->query("PRAGMA integrity_check");
  while (q.step()) out += (out.empty() ? "" : "\n") + q.text(0);
  return out;
}

ContentSummary Database::content() const {
  ContentSummary summary;
  for (const std::string& table : user_tables(*connection_)) summary.tables.push_back(fingerprint(*connection_, table));
  return summary;
}

}  // namespace mera::storage
