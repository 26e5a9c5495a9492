// Dates as the database stores them: ISO text, which sorts like the dates themselves.
#pragma once

#include <string>
#include <string_view>

#include "mera/dsl/date.hpp"

namespace mera::storage {

// "2021-01-01"; a text that is not a real date means the file was edited by hand or damaged, so
// the Error names the database, the table and the column.
dsl::Date parse_date(std::string_view text, const std::string& path, const char* where);

}  // namespace mera::storage
