#include "mera/dsl/utf8.hpp"

#include <algorithm>
#include <vector>

namespace mera::dsl {

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    char32_t cp = decode_at(s, i);
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
    bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += n;
  }
  return std::nullopt;
}

char32_t decode_at(std::string_view s, std::size_t i, std::size_t* length) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  if (length) *length = n;
  return cp;
}

std::optional<std::size_t> mixed_script_letter(std::string_view name) {
  std::size_t latin = 0, cyrillic = 0;
  std::optional<std::size_t> first_latin, first_cyrillic;
  for (std::size_t i = 0, n = 0; i < name.size(); i += n) {
    char32_t cp = decode_at(name, i, &n);
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
      ++latin;
      if (!first_latin) first_latin = i;
    } else if (cp >= 0x0400 && cp <= 0x04FF) {
      ++cyrillic;
      if (!first_cyrillic) first_cyrillic = i;
    }
  }
  if (latin == 0 || cyrillic == 0) return std::nullopt;
  return cyrillic <= latin ? first_cyrillic : first_latin;
}

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;  // not a continuation byte
  return n;
}

std::string padded(std::string_view text, std::size_t width, bool right) {
  std::string fill(width > display_width(text) ? width - display_width(text) : 0, ' ');
  return right ? fill + std::string(text) : std::string(text) + fill;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<char32_t> x, y;
  for (std::size_t i = 0, n = 0; i < a.size(); i += n) x.push_back(decode_at(a, i, &n));
  for (std::size_t i = 0, n = 0; i < b.size(); i += n) y.push_back(decode_at(b, i, &n));
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace mera::dsl
