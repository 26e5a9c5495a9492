#include "moment.hpp"

#include "submission_header.hpp"

namespace mera::engine {

std::optional<std::string> normalized_moment(const std::string& text, std::string& why) {
  if (!read_moment(text, why)) return std::nullopt;
  if (text.size() == 10) return text;
  std::string out = text.substr(0, 10) + "T" + text.substr(11, 5);  // day, T, hours:minutes
  std::string rest = text.substr(16);
  if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
  return out + (rest.empty() ? ":00" : rest) + "Z";
}

dsl::Date day_of(std::string_view moment) {
  return dsl::parse_iso_date(moment.substr(0, 10)).value_or(dsl::Date{1970, 1, 1});
}

namespace {

// "2022-01-13 10:00" and "2022-01-13T10:00:00Z" alike as "2022-01-13T10:00:00": submitted_at
// is stored as given, so two spellings of one moment must compare equal.
std::string comparable(std::string_view m) {
  std::string s(m);
  if (s.size() > 10) s[10] = 'T';
  if (!s.empty() && s.back() == 'Z') s.pop_back();
  if (s.size() == 16) s += ":00";
  return s;
}

}  // namespace

int compare_moments(std::string_view a, std::string_view b) {
  bool days_only = a.size() <= 10 || b.size() <= 10;
  int c = days_only ? a.substr(0, 10).compare(b.substr(0, 10)) : comparable(a).compare(comparable(b));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace mera::engine
