// Raw SQL on any SQLite file, bypassing every check Database makes (application id, schema
// version, transactions). For tests that need a file mera itself would never write (a foreign
// database, an old or future schema, an UPDATE the triggers must refuse) and for repair by hand.
// Foreign keys are on, as in every mera connection. Creates the file when it does not exist.
#pragma once

#include <string>
#include <string_view>

namespace mera::storage {

void run_raw_sql(const std::string& path, std::string_view sql);

}  // namespace mera::storage
