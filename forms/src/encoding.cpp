// Windows-1251 recognised and converted (encoding.hpp).
#include "mera/forms/encoding.hpp"

#include <array>

#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

namespace {

// 0x80-0xBF of Windows-1251 (0 for 0x98, which it leaves undefined); 0xC0-0xFF are U+0410-U+044F.
constexpr std::array<char16_t, 64> kHigh{
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0,      0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<Encoding> encoding_named(std::string_view name) {
  std::string n;
  for (char c : name) n.push_back(ascii_lower(c));
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "cp1251" || n == "windows-1251" || n == "win1251" || n == "cp-1251") return Encoding::cp1251;
  return std::nullopt;
}

bool looks_like_cp1251(std::string_view text, std::size_t offset) {
  std::size_t from = offset > 2048 ? offset - 2048 : 0;
  std::string_view window = text.substr(from, 4096);
  std::size_t high = 0, letters = 0;
  for (unsigned char c : window) {
    if (c < 0x80) continue;
    ++high;
    letters += c >= 0xC0 || c == 0xA8 || c == 0xB8;  // А-я, Ё, ё
  }
  return high >= 2 && letters * 10 >= high * 8 && dsl::first_invalid_utf8(window).has_value();
}

std::optional<std::string> cp1251_to_utf8(std::string_view text, std::string& why) {
  bool beyond_ascii = false;
  for (unsigned char c : text) beyond_ascii = beyond_ascii || c >= 0x80;
  if (beyond_ascii && !dsl::first_invalid_utf8(text)) {
    why = text::tr("the file is UTF-8 text already, not Windows-1251: submit it without --encoding cp1251");
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    char32_t u = c < 0x80 ? c : c >= 0xC0 ? 0x0410 + (c - 0xC0) : kHigh[c - 0x80];
    if (u == 0) {
      why = text::tr("byte 0x98 at offset {} is not a character of Windows-1251: the file is in another encoding; save it as UTF-8", i);
      return std::nullopt;
    }
    append_utf8(out, u);
  }
  return out;
}

}  // namespace mera::forms
