// A reader of the part of gettext's PO format the catalog uses: msgid and msgstr, strings
// continued on following lines, comments. Plural entries (msgid_plural) are not used: counts
// choose their form inside the template (tr.hpp), so every entry is one msgid and one msgstr.
#include <fmt/format.h>

#include "mera/text/catalog.hpp"

namespace mera::text {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The text of a quoted PO string ("..." with C escapes); false when it is not one.
bool unquote(std::string_view s, std::string& out) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c == '"') return false;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i + 1 >= s.size()) return false;
    switch (s[i]) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      default: return false;
    }
  }
  return true;
}

}  // namespace

Catalog parse_po(std::string_view text, std::string_view name) {
  Catalog catalog;
  Entry entry;
  std::string* open = nullptr;  // the string that a "..." line continues
  bool has_id = false, has_str = false;
  auto finish = [&] {
    if (has_id && !entry.english.empty()) catalog.entries.push_back(entry);
    entry = Entry{};
    has_id = has_str = false;
    open = nullptr;
  };
  int number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    auto problem = [&](const char* what) { catalog.problems.push_back(fmt::format("{}:{}: {}", name, number, what)); };
    if (line.empty() || line.front() == '#') {
      if (has_str) finish();
      continue;
    }
    std::string_view rest;
    if (line.substr(0, 6) == "msgid ") {
      if (has_id) finish();
      has_id = true;
      entry.line = number;
      open = &entry.english;
      rest = trim(line.substr(6));
    } else if (line.substr(0, 7) == "msgstr ") {
      if (!has_id || has_str) problem("msgstr without its msgid");
      has_str = true;
      open = &entry.russian;
      rest = trim(line.substr(7));
    } else if (line.front() == '"') {
      if (!open) problem("a string outside an entry");
      rest = line;
    } else {
      problem("not a msgid, msgstr, string or comment (msgctxt and msgid_plural are not used by this catalog)");
      continue;
    }
    std::string piece;
    if (!unquote(rest, piece)) problem("not a quoted string (\"...\", with \\\" \\\\ \\n \\t the only escapes)");
    else if (open) *open += piece;
  }
  if (has_id) finish();
  return catalog;
}

}  // namespace mera::text
