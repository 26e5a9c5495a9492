// The text encodings a submission file may come in: UTF-8 (mera's own), and Windows-1251, in
// which Russian Excel saves "CSV (разделители — запятые)" (issue 17). A file in Windows-1251
// is recognised and refused with a message saying how to fix it, or converted on request
// (mera submit --encoding cp1251).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mera::forms {

enum class Encoding { utf8, cp1251 };

// "utf-8", "utf8" -> utf8; "cp1251", "windows-1251", "win1251" -> cp1251 (any case); else nullopt.
std::optional<Encoding> encoding_named(std::string_view name);

// Whether text that is not UTF-8 reads as Windows-1251 Russian: around `offset`, its bytes
// from 0x80 on are mostly the letters А-я (0xC0-0xFF), each of them on its own, not as UTF-8.
bool looks_like_cp1251(std::string_view text, std::size_t offset);

// `text` (Windows-1251) as UTF-8, or nullopt with `why` set: the one byte the code page leaves
// undefined (0x98), or text that already is UTF-8 with letters beyond ASCII (converting it
// would garble every one of them).
std::optional<std::string> cp1251_to_utf8(std::string_view text, std::string& why);

}  // namespace mera::forms
