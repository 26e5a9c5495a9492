// tr(): a message in the current language, from the one catalog (text/ru.po).
//
//   throw ApiError(404, tr("no submission {} (GET /api/submissions lists those you may read)", id));
//
// The English template is the key, as a gettext msgid is: the catalog maps it to the Russian
// template, formatted with the same arguments by fmt. A message with no Russian entry falls back
// to English rather than vanishing (the catalog test, tests/unit/catalog_check.cpp, refuses
// such a gap in the sources). The English template is checked at compile time like any
// fmt::format; the Russian one may number its arguments ({1} ... {0}) to change the word order.
//
// Counts: pass count(n), and write the forms in the placeholder's spec: English has two (one,
// other), Russian three (one, few, many: 1 отчёт, 2 отчёта, 5 отчётов); `{}` alone prints the
// number. tr("{0} {0:report|reports} stored", count(n)) -> "Сохранено {0} {0:отчёт|отчёта|отчётов}".
#pragma once

#include <fmt/format.h>

#include <algorithm>

#include <string>
#include <string_view>
#include <vector>

#include "mera/text/language.hpp"

namespace mera::text {

struct Count {
  long long n;
};
template <typename Integer>
constexpr Count count(Integer n) {
  return Count{static_cast<long long>(n)};
}

// The form of a count among "one|other" (English) or "one|few|many" (Russian).
std::string_view plural_form(long long n, std::string_view forms);

// The Russian template of an English one; nullptr when the catalog has none.
const std::string* russian(std::string_view english);

// The Russian of a message that holds no placeholder, when current() is Russian: for a message
// kept in a table of constants, marked there with MERA_TEXT("...") so that the catalog test
// finds it (as gettext's N_() marks what gettext() translates later).
std::string translate(std::string_view english);
#define MERA_TEXT(literal) literal

// The names of a table's columns kept as one message, MERA_TEXT("revision|status|effective"):
// translated as a whole, so that a translator sees them together and a word such as "status"
// may mean something else in another table, then split at '|'. The catalog test checks that
// the Russian has as many columns.
std::vector<std::string> columns(std::string_view english);

namespace detail {
std::string format_translated(std::string_view english, fmt::format_args args);
}

template <typename... Args>
std::string tr(fmt::format_string<Args...> english, Args&&... args) {
  fmt::string_view key = english;  // fmt 9 converts; fmt 10 also has .get()
  std::string_view en(key.data(), key.size());
  if (current() == Language::en) return fmt::vformat(key, fmt::make_format_args(args...));
  return detail::format_translated(en, fmt::make_format_args(args...));
}

}  // namespace mera::text

template <>
struct fmt::formatter<mera::text::Count> {
  std::string_view forms;  // empty: the number itself
  constexpr auto parse(format_parse_context& ctx) {
    auto it = ctx.begin();
    while (it != ctx.end() && *it != '}') ++it;
    forms = std::string_view(ctx.begin(), static_cast<std::size_t>(it - ctx.begin()));
    return it;
  }
  template <typename Context>
  auto format(const mera::text::Count& c, Context& ctx) const {
    if (forms.empty()) return fmt::format_to(ctx.out(), "{}", c.n);
    std::string_view form = mera::text::plural_form(c.n, forms);
    return std::copy(form.begin(), form.end(), ctx.out());
  }
};
