#include "mera/dsl/date.hpp"

#include <array>
#include <fmt/format.h>

#include "mera/text/tr.hpp"

namespace mera::dsl {
namespace {
constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                 "May",     "June",     "July",      "August",
                                                 "September", "October", "November", "December"};

// A month's name as a message about a date says it (in Russian the genitive: 31 апреля);
// kMonths are the language's own names, always English.
std::string month_in_date(int month) {
  switch (month) {
    case 1: return text::tr("January");
    case 2: return text::tr("February");
    case 3: return text::tr("March");
    case 4: return text::tr("April");
    case 5: return text::tr("May");
    case 6: return text::tr("June");
    case 7: return text::tr("July");
    case 8: return text::tr("August");
    case 9: return text::tr("September");
    case 10: return text::tr("October");
    case 11: return text::tr("November");
    default: return text::tr("December");
  }
}
}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

std::string date_problem(int year, int month, int day) {
  if (month < 1 || month > 12) return text::tr("there is no month {} (months are 01 to 12)", month);
  int last = days_in_month(year, month);
  if (day < 1 || day > last)
    return text::tr("there is no day {} in {} {}: it has {} days", day, month_in_date(month), year, text::count(last));
  return {};
}

std::optional<Date> parse_iso_date(std::string_view text, std::string* problem) {
  if (problem) problem->clear();
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, sizes[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = starts[k]; i < starts[k] + sizes[k]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[k] = parts[k] * 10 + (text[i] - '0');
    }
  if (std::string why = date_problem(parts[0], parts[1], parts[2]); !why.empty()) {
    if (problem) *problem = why;
    return std::nullopt;
  }
  return Date{parts[0], parts[1], parts[2]};
}

int month_from_name(const std::string& name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (name == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

const char* month_name(int month) { return kMonths[month - 1]; }

// Howard Hinnant's days_from_civil: exact for every Gregorian date.
long Date::days() const {
  long y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

}  // namespace mera::dsl
