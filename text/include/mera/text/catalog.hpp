// The Russian catalog as entries, for the test that holds it against the sources (and for
// whoever wants to list it). tr() itself only needs russian() of tr.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mera::text {

struct Entry {
  std::string english;  // msgid: the English template, as the source writes it
  std::string russian;  // msgstr
  int line = 0;         // of its msgid in ru.po
};

struct Catalog {
  std::vector<Entry> entries;
  std::vector<std::string> problems;  // "ru.po:12: ..." for what the reader could not take
};

// Reads gettext PO text: `msgid "..."` and `msgstr "..."`, each possibly continued by further
// "..." lines, C escapes (\" \\ \n \t) inside; comments (#) and blank lines between entries.
// The header entry (empty msgid) is skipped. An entry with an empty msgstr is untranslated.
Catalog parse_po(std::string_view text, std::string_view name = "ru.po");

// The catalog embedded at build time from text/ru.po, read once.
const Catalog& russian_catalog();

}  // namespace mera::text
