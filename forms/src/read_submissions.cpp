// Reading a submission file: which format it is in, and the checks every format shares (the size
// that spans can address, a byte order mark, text that is not UTF-8).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "mera/dsl/utf8.hpp"
#include "mera/forms/encoding.hpp"
#include "mera/forms/read.hpp"
#include "read_formats.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool ends_with(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace

std::size_t after_bom(std::string_view text) { return text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0; }

std::string too_large_message(std::size_t size) {
  return text::tr("the file is {} bytes, larger than the 4 GB that mera reads at once: split it into smaller files", size);
}

// A file that looks like Windows-1251 (Russian Excel's "CSV") says so, and both ways to fix it.
std::string not_utf8_message(std::string_view text, std::size_t offset) {
  if (looks_like_cp1251(text, offset))
    return text::tr("the file is not UTF-8 text (byte 0x{:02X} at offset {}): it looks like Windows-1251; submit it with "
                    "mera submit --encoding cp1251, or save it as UTF-8 (in Excel: \"CSV UTF-8\")",
                    static_cast<unsigned char>(text[offset]), offset);
  return text::tr("the file is not UTF-8 text (byte 0x{:02X} at offset {}); save it as UTF-8",
                     static_cast<unsigned char>(text[offset]), offset);
}

bool bad_utf8_at(std::string_view text, std::size_t offset) {
  if (static_cast<unsigned char>(text[offset]) < 0x80) return false;
  auto bad = dsl::first_invalid_utf8(text.substr(offset, 4));
  return bad && *bad == 0;
}

bool blank(std::string_view text) {
  for (std::size_t i = 0, n = 0; i < text.size(); i += n) {
    char32_t c = dsl::decode_at(text, i, &n);
    bool space = (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200D) ||
                 c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
    if (!space) return false;
  }
  return true;
}

FileFormat detect_format(const dsl::SourceFile& file) {
  const std::string& name = file.name();
  for (std::string_view ext : {".json", ".jsonl", ".ndjson"})
    if (ends_with(name, ext)) return FileFormat::json;
  if (ends_with(name, ".csv")) return FileFormat::csv;
  const std::string& text = file.text();
  std::size_t first = text.find_first_not_of(" \t\r\n", after_bom(text));
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) return FileFormat::json;
  return FileFormat::csv;
}

std::size_t read_submissions(const dsl::SourceFile& file, dsl::Diagnostics& diags,
                             const std::function<void(SubmissionInput&&)>& each) {
  if (file.text().size() > std::numeric_limits<std::uint32_t>::max()) {
    diags.error({&file, 0, 0}, too_large_message(file.text().size()));
    return 0;
  }
  std::size_t start = after_bom(file.text());
  if (detect_format(file) == FileFormat::json) return read_json(file, start, diags, each);
  return read_csv(file, start, diags, each);
}

}  // namespace mera::forms
