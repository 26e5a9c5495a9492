// Serial numbers to dates: days after 1899-12-30 (Excel counts 1900-02-29, which never was, so
// serials below 61 are a day later than that), or after 1904-01-01.
#include "excel_date.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace mera::sheets {

bool date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  if (id < 164) return false;  // the other built-in formats are numbers and text
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '[') bracket = true;
    else if (c == ']') bracket = false;
    else if (bracket) continue;
    else if (c == '\\' || c == '_' || c == '*') ++i;  // the next character is shown as it is
    else if (std::string_view("dmyhsDMYHS").find(c) != std::string_view::npos) return true;
  }
  return false;
}

namespace {

// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
void civil(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::string serial_to_iso(std::string_view serial, bool from_1904) {
  double value = 0;
  auto [end, ec] = std::from_chars(serial.data(), serial.data() + serial.size(), value);
  if (ec != std::errc() || end != serial.data() + serial.size() || !(value >= 0) || value > 2958466) return {};
  auto seconds = static_cast<long long>(std::llround(value * 86400.0));
  long long days = seconds / 86400, rest = seconds % 86400;
  // 1899-12-30 is day -25569 of 1970; 1904-01-01 is day -24107.
  if (from_1904) days -= 24107;
  else days -= days < 61 ? 25568 : 25569;
  long long y = 0;
  unsigned m = 0, d = 0;
  civil(days, y, m, d);
  if (rest == 0) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, rest / 3600, rest / 60 % 60, rest % 60);
}

}  // namespace mera::sheets
