// Reporting periods as users write them: 2021 (year), 2021H1 (half-year), 2021Q3 (quarter),
// 2021-03 (month). Periods of one kind follow each other; a period knows its first and last day.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mera/dsl/date.hpp"
#include "mera/forms/form.hpp"

namespace mera::forms {

struct Period {
  PeriodKind kind = PeriodKind::year;  // never record
  int year = 0;
  int index = 1;  // 1-based: quarter 1..4, half-year 1..2, month 1..12; 1 for a year

  dsl::Date first_day() const;
  dsl::Date last_day() const;
  bool contains(const dsl::Date& d) const;  // by year and month: `closed in period` runs once per record
  // Does this period lie inside `outer` (a quarter inside its half-year and year)?
  bool within(const Period& outer) const;
  Period previous() const;  // the period of the same kind before this one
  Period next() const;
  std::string text() const;  // 2021Q3, the form parse() reads back

  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period&, const Period&) = default;
};

// Reads 2021, 2021H1, 2021Q3, 2021-03 (also lower case h and q). Empty when `text` is none of
// them; `why` (if given) then says what was expected, in words for a message.
std::optional<Period> parse_period(std::string_view text, std::string* why = nullptr);

// A period as people write it in a report's period column or header (issue 17): what
// parse_period reads, and in Russian words of any case 1 кв. 2021, I квартал 2021, 1-й квартал
// 2021, 1 полугодие 2021, 2021 год, март 2021 ("г." after the year allowed). Anything else is
// refused with `why` saying how to write it; the period read is stored as text() (2021Q1).
std::optional<Period> read_period(std::string_view text, std::string* why = nullptr);

}  // namespace mera::forms
