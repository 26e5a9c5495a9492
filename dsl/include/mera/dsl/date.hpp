// Calendar dates of the language (2020-06-10): validity and day arithmetic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mera::dsl {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // Days since 1970-01-01 (proleptic Gregorian), so that date - date is a number of days.
  long days() const;
  static Date from_days(long days);
  std::string iso() const;  // 2020-06-10

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
// Empty when the date exists, otherwise why not ("February 2021 has 28 days").
std::string date_problem(int year, int month, int day);
// Reads an ISO date, "2021-03-31", exactly ten characters. nullopt when the text is of another
// shape (then `problem`, if given, is empty) or the date does not exist (then `problem` says why,
// in date_problem's words). Every place that reads a date from text uses this.
std::optional<Date> parse_iso_date(std::string_view text, std::string* problem = nullptr);
// English month names as written in deadlines ("January"); 0 when not a month.
int month_from_name(const std::string& name);
const char* month_name(int month);

}  // namespace mera::dsl
