#include "date_text.hpp"

#include <cctype>

#include "mera/storage/error.hpp"

namespace mera::storage {
namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

dsl::Date parse_date(std::string_view text, const std::string& path, const char* where) {
  dsl::Date d;
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(text, 0, 4, d.year) &&
                digits(text, 5, 2, d.month) && digits(text, 8, 2, d.day);
  if (!shaped || !dsl::date_problem(d.year, d.month, d.day).empty())
    throw Error(path + " is damaged: '" + std::string(text) + "' in " + where + " is not a date (YYYY-MM-DD)");
  return d;
}

}  // namespace mera::storage
