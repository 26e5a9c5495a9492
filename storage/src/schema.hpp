// The schema as an ordered list of migrations: migration n takes a database from user_version
// n - 1 to n. Released migrations are never edited; a change to the schema is a new one.
#pragma once

#include <span>

namespace mera::storage {

struct Migration {
  int version;       // the user_version after it ran
  const char* what;  // for the error message when it fails
  const char* sql;
};

std::span<const Migration> migrations();

}  // namespace mera::storage
