#include "mera/text/tr.hpp"

namespace mera::text {
namespace {

// The forms of a spec split at '|'; at most three are looked at.
std::size_t split(std::string_view forms, std::string_view out[3]) {
  std::size_t n = 0;
  while (n < 3) {
    std::size_t bar = forms.find('|');
    out[n++] = forms.substr(0, bar);
    if (bar == std::string_view::npos) break;
    forms.remove_prefix(bar + 1);
  }
  return n;
}

}  // namespace

// English: one for 1, other for the rest. Russian (CLDR's rule for integers): one for 1, 21,
// 31 ... but not 11; few for 2-4, 22-24 ... but not 12-14; many for the rest (0, 5-20, 25 ...).
std::string_view plural_form(long long n, std::string_view forms) {
  std::string_view f[3];
  std::size_t k = split(forms, f);
  unsigned long long a = n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  if (k < 3) return a == 1 || k == 1 ? f[0] : f[1];
  unsigned long long last = a % 10, last2 = a % 100;
  if (last == 1 && last2 != 11) return f[0];
  if (last >= 2 && last <= 4 && (last2 < 12 || last2 > 14)) return f[1];
  return f[2];
}

std::string translate(std::string_view english) {
  if (current() == Language::en) return std::string(english);
  const std::string* ru = russian(english);
  return ru ? *ru : std::string(english);
}

std::vector<std::string> columns(std::string_view english) {
  std::string row = translate(english);
  std::vector<std::string> out;
  for (std::size_t at = 0;;) {
    std::size_t bar = row.find('|', at);
    out.push_back(row.substr(at, bar == std::string::npos ? std::string::npos : bar - at));
    if (bar == std::string::npos) return out;
    at = bar + 1;
  }
}

namespace detail {

// A Russian template that does not format with the arguments (a slip the catalog test should
// have caught) gives the English message, never a failure of the request that asked.
std::string format_translated(std::string_view english, fmt::format_args args) {
  if (const std::string* ru = russian(english)) {
    try {
      return fmt::vformat(*ru, args);
    } catch (const fmt::format_error&) {
    }
  }
  return fmt::vformat(english, args);
}

}  // namespace detail
}  // namespace mera::text
