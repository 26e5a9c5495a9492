// read_period: a period as people write it in a report (period.hpp), read into the one spelling
// mera stores (2021Q1). Words in Russian, any case: 1 кв. 2021, I квартал 2021, 1 полугодие 2021,
// 2021 год, март 2021.
#include <algorithm>
#include <array>
#include <vector>

#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/forms/period.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

namespace {

// The words of `text`, lower case (ASCII and Russian), parted by spaces, no-break spaces and
// points: "I квартал 2021 г." -> i, квартал, 2021, г.
std::vector<std::u32string> words(std::string_view text) {
  std::vector<std::u32string> out(1);
  for (std::size_t i = 0, n = 0; i < text.size(); i += n) {
    char32_t c = dsl::decode_at(text, i, &n);
    if (n == 0) n = 1;
    if (c == ' ' || c == 0xA0 || c == '.' || c == '\t') {
      if (!out.back().empty()) out.emplace_back();
      continue;
    }
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    else if (c >= 0x410 && c <= 0x42F) c += 0x20;
    else if (c == 0x401) c = 0x451;
    out.back().push_back(c);
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// 1..4 in digits or Roman numerals, with a Russian ending (1-й, 2-е) allowed; 0 if neither.
int ordinal(std::u32string w) {
  for (const char32_t* end : {U"-й", U"-е", U"-ый", U"-ое", U"-го"})
    if (w.size() > std::char_traits<char32_t>::length(end) && w.ends_with(end)) w.resize(w.size() - std::char_traits<char32_t>::length(end));
  static const std::array<std::u32string, 4> roman{U"i", U"ii", U"iii", U"iv"};
  for (std::size_t i = 0; i < roman.size(); ++i)
    if (w == roman[i]) return static_cast<int>(i) + 1;
  if (w.empty() || w.size() > 2) return 0;
  int n = 0;
  for (char32_t c : w) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<int>(c - '0');
  }
  return n == 0 ? -1 : n;  // -1: a number, but none of a period
}

std::optional<int> year_of(const std::u32string& w) {
  if (w.size() != 4) return std::nullopt;
  int y = 0;
  for (char32_t c : w) {
    if (c < '0' || c > '9') return std::nullopt;
    y = y * 10 + static_cast<int>(c - '0');
  }
  return y;
}

std::optional<PeriodKind> kind_word(const std::u32string& w) {
  if (w == U"кв" || w == U"квартал") return PeriodKind::quarter;
  if (w == U"полугодие" || w == U"полуг" || w == U"пг") return PeriodKind::half_year;
  return std::nullopt;
}

int month_word(const std::u32string& w) {
  static const std::array<std::u32string, 12> months{U"январь", U"февраль", U"март", U"апрель", U"май", U"июнь",
                                                      U"июль", U"август", U"сентябрь", U"октябрь", U"ноябрь", U"декабрь"};
  for (std::size_t i = 0; i < months.size(); ++i)
    if (w == months[i]) return static_cast<int>(i) + 1;
  return 0;
}

std::optional<Period> refuse(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return std::nullopt;
}

std::string expected(std::string_view text) {
  return text::tr("'{}' is not a period: write a quarter as 2021Q1 or 1 кв. 2021 (I квартал 2021), a half-year as 2021H1 or "
                  "1 полугодие 2021, a year as 2021, a month as 2021-03",
                  dsl::clipped(text));
}

}  // namespace

// [ORDINAL KIND | MONTH] YEAR [г | год | года]
std::optional<Period> read_period(std::string_view text, std::string* why) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string canonical_why;
  if (auto p = parse_period(text, &canonical_why)) return p;
  std::vector<std::u32string> w = words(text);
  if (!w.empty() && (w.back() == U"г" || w.back() == U"год" || w.back() == U"года")) w.pop_back();
  std::optional<int> year = w.empty() ? std::nullopt : year_of(w.back());
  if (!year || w.size() > 3) {
    // 2021Q5, 2021-13: the canonical spelling, its own reason
    bool digits = text.size() >= 4 && std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (digits && w.size() == 1) return refuse(why, canonical_why);
    return refuse(why, expected(text));
  }
  Period p;
  p.year = *year;
  if (w.size() == 1) {
    p.kind = PeriodKind::year;
  } else if (w.size() == 2 && month_word(w[0])) {
    p.kind = PeriodKind::month;
    p.index = month_word(w[0]);
  } else if (w.size() == 3 && kind_word(w[1]) && ordinal(w[0])) {
    p.kind = *kind_word(w[1]);
    p.index = ordinal(w[0]);
    int last = p.kind == PeriodKind::quarter ? 4 : 2;
    if (p.index < 1 || p.index > last)
      return refuse(why, p.kind == PeriodKind::quarter
                             ? text::tr("'{}' is not a period: a year has quarters 1 to 4 (I to IV)", dsl::clipped(text))
                             : text::tr("'{}' is not a period: a year has half-years 1 and 2 (I and II)", dsl::clipped(text)));
  } else {
    return refuse(why, expected(text));
  }
  if (auto checked = parse_period(p.text(), &canonical_why)) return checked;  // the year's bounds
  return refuse(why, canonical_why);
}

}  // namespace mera::forms
