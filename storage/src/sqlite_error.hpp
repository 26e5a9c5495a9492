// Turns a SQLite result code into a storage::Error in plain words. The one place that decides
// what a user reads when SQLite fails.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace mera::storage {

// doing, when given, says what failed ("add version 2 of form f for unit u") and leads the
// message; path names the database. Busy comes out as storage::Busy, whatever was being done.
// What a user reads about a damaged database; `found`, when given, is what showed the damage.
std::string damaged_message(const std::string& path, std::string_view found = {});

[[noreturn]] void throw_sqlite(int rc, sqlite3* db, const std::string& path, std::string_view doing = {});

}  // namespace mera::storage
