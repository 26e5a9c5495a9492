#include <sqlite3.h>

#include "connection.hpp"

namespace mera::storage {

Query::~Query() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Query& Query::bind(int index, std::string_view text) {
  // A null pointer would bind SQL NULL; an empty text must stay text for NOT NULL columns.
  const char* data = text.data() ? text.data() : "";
  int rc = sqlite3_bind_text64(statement_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) connection_.fail(rc);
  return *this;
}

Query& Query::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK) connection_.fail(rc);
  return *this;
}

Query& Query::bind_null(int index) {
  int rc = sqlite3_bind_null(statement_, index);
  if (rc != SQLITE_OK) connection_.fail(rc);
  return *this;
}

bool Query::step(std::string_view doing) {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_.fail(rc, doing);
}

void Query::run(std::string_view doing) {
  while (step(doing)) {
  }
}

std::string Query::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (!data) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string_view Query::view(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (!data) return {};
  return std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Query::int64(int column) const { return sqlite3_column_int64(statement_, column); }

bool Query::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

}  // namespace mera::storage
