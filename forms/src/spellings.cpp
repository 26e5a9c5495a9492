// Numbers and dates as a cell writes them (spellings.hpp): each spelling mera takes, and a
// reason for each it refuses.
#include "mera/forms/spellings.hpp"

#include <utility>
#include <vector>

#include "mera/text/tr.hpp"
#include "value_text.hpp"

namespace mera::forms {

namespace {

std::string_view trimmed(std::string_view s) {
  auto space_at_start = [&] { return !s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'); };
  auto space_at_end = [&] { return !s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'); };
  for (;;) {
    if (space_at_start()) s.remove_prefix(1);
    else if (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    else break;
  }
  for (;;) {
    if (space_at_end()) s.remove_suffix(1);
    else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    else break;
  }
  return s;
}

// The bytes of a space that may part thousands at `i` (a space, U+00A0, U+202F, U+2009), or 0.
std::size_t group_space_at(std::string_view s, std::size_t i) {
  if (s[i] == ' ') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  if (s.substr(i, 3) == "\xE2\x80\xAF" || s.substr(i, 3) == "\xE2\x80\x89") return 3;
  return 0;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// Whether the spaces (their places in `plain`, where the digit after each begins) part the whole
// part of `plain` into thousands: 1 to 3 digits, then groups of exactly three.
bool thousands(std::string_view plain, const std::vector<std::size_t>& spaces) {
  std::size_t begin = !plain.empty() && (plain[0] == '-' || plain[0] == '+') ? 1 : 0;
  std::size_t end = begin;
  while (end < plain.size() && digit(plain[end])) ++end;
  std::size_t from = begin;
  for (std::size_t at : spaces) {
    if (at > end || at - from == 0 || at - from > 3 || (from != begin && at - from != 3)) return false;
    from = at;
  }
  return end - from == 3;
}

// "1234" and "1 234" for "1,234".
std::string without_comma(std::string_view s, std::string_view instead) {
  std::string out(s);
  out.replace(out.find(','), 1, instead);
  return out;
}

}  // namespace

// A comma before exactly three digits, after one to three: what English writes for a thousand.
std::string comma_thousands_problem(std::string_view written) {
  std::string_view s = trimmed(written);
  std::size_t comma = s.find(',');
  if (comma == std::string_view::npos) return "";
  std::size_t lead = comma - (s[0] == '-' ? 1 : 0);
  if (lead < 1 || lead > 3 || s.size() - comma != 4) return "";
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != comma && !digit(s[i]) && !(i == 0 && s[i] == '-')) return "";
  return text::tr("{} is not a whole number: a comma is the decimal mark, and thousands are written without a mark or parted by "
                  "a space ({} or {})",
                  s, without_comma(s, ""), without_comma(s, " "));
}

// The rule of spellings.hpp: marks counted, spaces checked against the thousands, then the
// one spelling from_chars reads.
std::optional<std::string> cell_number(std::string_view written, std::string& why) {
  std::string_view s = trimmed(written);
  std::string plain;
  std::vector<std::size_t> spaces;
  int commas = 0, points = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = group_space_at(s, i)) {
      spaces.push_back(plain.size());
      i += n;
      continue;
    }
    char c = s[i++];
    if (!digit(c) && c != '-' && c != '+' && c != ',' && c != '.' && c != 'e' && c != 'E') return std::string(s);  // no number
    commas += c == ',';
    points += c == '.';
    plain.push_back(c == ',' ? '.' : c);
  }
  if (commas && points) {
    why = text::tr("{} has both a point and a comma: one of them is the decimal mark, and thousands are parted by a space "
                   "(1 234,5), not by a point or a comma",
                   quote_text(s));
    return std::nullopt;
  }
  if (commas > 1 || points > 1) {
    why = text::tr("{} has more than one decimal mark ({}): thousands are parted by a space (1 234 567), not by a point or a comma",
                   quote_text(s), commas > 1 ? "," : ".");
    return std::nullopt;
  }
  if (!spaces.empty() && !thousands(plain, spaces)) {
    why = text::tr("{}: a space inside a number only parts its thousands, in groups of three digits (7 500, 1 234 567,5); "
                   "write the number without spaces or with them between the thousands",
                   quote_text(s));
    return std::nullopt;
  }
  return plain;
}

std::string_view header_column(std::string_view written) {
  static const std::pair<std::string_view, std::string_view> kRussian[] = {
      {"форма", "form"},      {"Форма", "form"},      {"подразделение", "unit"},    {"Подразделение", "unit"},
      {"учреждение", "unit"}, {"Учреждение", "unit"}, {"период", "period"},         {"Период", "period"},
      {"запись", "record"},   {"Запись", "record"},   {"исправление", "correction"}, {"Исправление", "correction"}};
  for (const auto& [russian, english] : kRussian)
    if (written == russian) return english;
  return written;
}

// 2021-03-31 | D.M.YYYY (one or two digits each for the day and the month)
std::optional<dsl::Date> cell_date(std::string_view written, std::string& why) {
  std::string_view s = trimmed(written);
  std::vector<std::string_view> parts;
  char mark = 0;
  for (std::size_t i = 0, from = 0; i <= s.size(); ++i) {
    if (i < s.size() && digit(s[i])) continue;
    if (i < s.size()) {
      if (mark && s[i] != mark) mark = '?';
      else if (!mark) mark = s[i];
    }
    parts.push_back(s.substr(from, i - from));
    from = i + 1;
  }
  auto number = [](std::string_view p) {
    int v = 0;
    for (char c : p) v = v * 10 + (c - '0');
    return v;
  };
  bool three = parts.size() == 3 && !parts[0].empty() && !parts[1].empty() && !parts[2].empty();
  auto fail = [&](std::string message) -> std::optional<dsl::Date> {
    why = std::move(message);
    return std::nullopt;
  };
  if (three && mark == '/')
    return fail(text::tr("{} is not a date mera reads for sure: with slashes the day may come first or the month; write it as "
                         "31.03.2021 (the day first) or 2021-03-31",
                         quote_text(s)));
  dsl::Date d;
  if (three && mark == '-' && parts[0].size() == 4 && parts[1].size() == 2 && parts[2].size() == 2) {
    d = {number(parts[0]), number(parts[1]), number(parts[2])};
  } else if (three && mark == '.' && parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 2) {
    return fail(text::tr("{} has a year of two digits: write the year in full (31.03.2021)", quote_text(s)));
  } else if (three && mark == '.' && parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 4) {
    d = {number(parts[2]), number(parts[1]), number(parts[0])};
  } else {
    return fail(text::tr("{} is not a date: write it as 31.03.2021 or 2021-03-31", quote_text(s)));
  }
  if (auto problem = dsl::date_problem(d.year, d.month, d.day); !problem.empty())
    return fail(text::tr("{} is not a date: {}", quote_text(s), problem));
  if (d.year < 1900) return fail(text::tr("{} is not a date mera takes: the year must be 1900 or later", quote_text(s)));
  return d;
}

}  // namespace mera::forms
