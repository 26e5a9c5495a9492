#include "mera/dsl/printable.hpp"

#include <fmt/format.h>

namespace mera::dsl {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at `i`, or 0 (the byte is shown as \xNN).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if (!continuation(b)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

char32_t code_point(std::string_view s, std::size_t i, std::size_t n) {
  auto c = static_cast<unsigned char>(s[i]);
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// C1 controls act like ESC sequences on some terminals; the bidirectional controls reorder
// what the reader sees (a reason that reads differently from what it says), as do the line and
// paragraph separators.
bool invisible(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

}  // namespace

std::string printable_at(std::string_view text, std::size_t offset, std::size_t& length) {
  length = sequence_length(text, offset);
  if (length == 0) {
    length = 1;
    return fmt::format("\\x{:02x}", static_cast<unsigned char>(text[offset]));
  }
  char32_t cp = code_point(text, offset, length);
  switch (cp) {
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    default: break;
  }
  if (cp < 0x20 || cp == 0x7F) return fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
  if (invisible(cp)) return fmt::format("\\u{{{:04x}}}", static_cast<unsigned>(cp));
  return std::string(text.substr(offset, length));
}

std::string printable(std::string_view text, bool lines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 0x20 && c < 0x7F) || (lines && c == '\n')) {  // the common case, without a detour
      out += text[i++];
      continue;
    }
    std::size_t n = 1;
    out += printable_at(text, i, n);
    i += n;
  }
  return out;
}

std::string clipped(std::string_view text, std::size_t max_chars) {
  std::size_t at = 0;
  for (std::size_t chars = 0; at < text.size() && chars < max_chars; ++chars) {
    std::size_t n = sequence_length(text, at);
    at += n == 0 ? 1 : n;
  }
  if (at >= text.size()) return std::string(text);
  return std::string(text.substr(0, at)) + "…";
}

std::string shown(std::string_view text, std::size_t max_chars) { return printable(clipped(text, max_chars)); }

}  // namespace mera::dsl
