#include "mera/storage/raw_sql.hpp"

#include <sqlite3.h>

#include "connection.hpp"

namespace mera::storage {

void run_raw_sql(const std::string& path, std::string_view sql) {
  Connection c(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  c.exec("PRAGMA foreign_keys = ON");
  c.exec(std::string(sql).c_str());
}

}  // namespace mera::storage
