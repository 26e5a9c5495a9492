// Reporting periods: 2021 (year), 2021H1 (half-year), 2021Q3 (quarter), 2021-03 (month).
#include "mera/forms/period.hpp"

#include "mera/dsl/printable.hpp"
#include "mera/text/tr.hpp"

#include <fmt/format.h>

namespace mera::forms {

namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 9999;

// Periods of a kind in one year, and how many months each spans.
int per_year(PeriodKind k) {
  switch (k) {
    case PeriodKind::month: return 12;
    case PeriodKind::quarter: return 4;
    case PeriodKind::half_year: return 2;
    case PeriodKind::year:
    case PeriodKind::record: return 1;
  }
  return 1;
}

int months_long(PeriodKind k) { return 12 / per_year(k); }

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::optional<Period> fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return std::nullopt;
}

const char* kExpected = MERA_TEXT("a period is written 2021 (a year), 2021H1 (a half-year), 2021Q3 (a quarter) or 2021-03 (a month)");

}  // namespace

dsl::Date Period::first_day() const {
  return {year, (index - 1) * months_long(kind) + 1, 1};
}

dsl::Date Period::last_day() const {
  int month = index * months_long(kind);
  return {year, month, dsl::days_in_month(year, month)};
}

bool Period::contains(const dsl::Date& d) const {
  return d.year == year && (d.month - 1) / months_long(kind) == index - 1;
}

bool Period::within(const Period& outer) const {
  return outer.first_day() <= first_day() && last_day() <= outer.last_day();
}

Period Period::previous() const {
  if (index > 1) return {kind, year, index - 1};
  return {kind, year - 1, per_year(kind)};
}

Period Period::next() const {
  if (index < per_year(kind)) return {kind, year, index + 1};
  return {kind, year + 1, 1};
}

std::string Period::text() const {
  switch (kind) {
    case PeriodKind::month: return fmt::format("{:04}-{:02}", year, index);
    case PeriodKind::quarter: return fmt::format("{:04}Q{}", year, index);
    case PeriodKind::half_year: return fmt::format("{:04}H{}", year, index);
    case PeriodKind::year:
    case PeriodKind::record: break;
  }
  return fmt::format("{:04}", year);
}

// YEAR | YEAR (H|h) 1..2 | YEAR (Q|q) 1..4 | YEAR - MM
std::optional<Period> parse_period(std::string_view text, std::string* why) {
  if (text.size() < 4 || !digits(text.substr(0, 4)))
    return fail(why, text::tr("'{}' is not a period: {}", dsl::clipped(text), text::translate(kExpected)));
  Period p;
  p.year = number(text.substr(0, 4));
  std::string_view rest = text.substr(4);
  if (rest.empty()) {
    p.kind = PeriodKind::year;
  } else if (rest.size() == 2 && (rest[0] == 'H' || rest[0] == 'h') && digits(rest.substr(1))) {
    p.kind = PeriodKind::half_year;
    p.index = rest[1] - '0';
    if (p.index < 1 || p.index > 2) return fail(why, text::tr("'{}' is not a period: there is no half-year {} (H1 or H2)", dsl::clipped(text), p.index));
  } else if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && digits(rest.substr(1))) {
    p.kind = PeriodKind::quarter;
    p.index = rest[1] - '0';
    if (p.index < 1 || p.index > 4) return fail(why, text::tr("'{}' is not a period: there is no quarter {} (Q1 to Q4)", dsl::clipped(text), p.index));
  } else if (rest.size() == 3 && rest[0] == '-' && digits(rest.substr(1))) {
    p.kind = PeriodKind::month;
    p.index = number(rest.substr(1));
    if (p.index < 1 || p.index > 12) return fail(why, text::tr("'{}' is not a period: there is no month {} (01 to 12)", dsl::clipped(text), dsl::clipped(rest.substr(1))));
  } else {
    return fail(why, text::tr("'{}' is not a period: {}", dsl::clipped(text), text::translate(kExpected)));
  }
  if (p.year < kFirstYear || p.year > kLastYear)
    return fail(why, text::tr("'{}' is not a period: the year must be between {} and {}", dsl::clipped(text), kFirstYear, kLastYear));
  return p;
}

}  // namespace mera::forms
