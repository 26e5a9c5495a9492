// Splitting a CSV file into records and cells (RFC 4180), reporting what is wrong with the text
// itself: a quote never closed, text after a closing quote, bytes that are not UTF-8.
#include "csv_records.hpp"

#include <fmt/format.h>

#include "mera/dsl/utf8.hpp"
#include "read_formats.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms::csv {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

// The separator the header uses outside quotes: ';' (Russian Excel) when it is the more frequent.
char detect_separator(const std::string& text, std::size_t pos) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (std::size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\n') break;
    else if (c == ',') ++commas;
    else if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

bool blank_record(const Record& r) {
  for (std::size_t i = 0; i < r.size; ++i)
    for (char c : r[i].text)
      if (!blank(c)) return false;
  return true;
}

}  // namespace

Scanner::Scanner(const dsl::SourceFile& file, std::size_t start, dsl::Diagnostics& diags)
    : file_(file), text_(file.text()), diags_(diags), pos_(start) {
  std::size_t first = text_.find_first_not_of(" \t\r\n", start);
  if (first == std::string::npos) return;
  std::size_t line = text_.rfind('\n', first);
  separator_ = detect_separator(text_, line == std::string::npos || line < start ? start : line + 1);
}

bool Scanner::next(Record& r) {
  while (pos_ < text_.size() && !swallowed_) {
    r.begin = pos_;
    r.size = 0;
    r.broken = r.not_utf8 = false;
    while (cell(r)) {}
    r.end = pos_;
    if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    if (swallowed_) return false;
    check_utf8(r);
    if (r.not_utf8 || !blank_record(r)) return true;
  }
  return false;
}

// cell: a quoted cell or the bytes up to a separator or a line break
bool Scanner::cell(Record& r) {
  if (r.size == r.cells.size()) r.cells.emplace_back();
  Cell& c = r.cells[r.size++];
  c.begin = pos_;
  c.text.clear();
  if (pos_ < text_.size() && text_[pos_] == '"') quoted(c, r);
  else unquoted(c);
  c.end = pos_;
  if (pos_ < text_.size() && text_[pos_] == separator_) {
    ++pos_;
    return true;
  }
  return false;
}

// quoted: '"' (any byte but '"', or '""')* '"'
void Scanner::quoted(Cell& c, Record& r) {
  ++pos_;
  for (;;) {
    std::size_t quote = text_.find('"', pos_);
    if (quote == std::string::npos) {
      diags_.error(span_of(file_, c.begin, c.begin + 1),
                   text::tr("unterminated quote: the cell that begins here has no closing '\"', so it runs to the end of the file"));
      pos_ = text_.size();
      swallowed_ = true;
      return;
    }
    c.text.append(text_, pos_, quote - pos_);
    pos_ = quote + 1;
    if (pos_ >= text_.size() || text_[pos_] != '"') break;
    c.text += '"';
    ++pos_;
  }
  if (cell_ends(pos_)) return;
  diags_.error(span_of(file_, pos_, pos_ + 1),
               text::tr("unexpected text after the closing quote of a cell: a quote inside a quoted cell is written twice (\"\")"));
  r.broken = true;
  std::size_t rest = pos_;
  while (!cell_ends(pos_)) ++pos_;
  c.text.append(text_, rest, pos_ - rest);
}

void Scanner::unquoted(Cell& c) {
  std::size_t begin = pos_;
  while (!cell_ends(pos_)) ++pos_;
  c.text.assign(text_, begin, pos_ - begin);
}

// A cell ends at a separator, a line break (LF or CRLF) or the end of the file.
bool Scanner::cell_ends(std::size_t at) const {
  if (at >= text_.size()) return true;
  char c = text_[at];
  return c == separator_ || c == '\n' || (c == '\r' && at + 1 < text_.size() && text_[at + 1] == '\n') ||
         (c == '\r' && at + 1 == text_.size());
}

// Once per record at most, however many bytes are wrong.
void Scanner::check_utf8(Record& r) {
  std::string_view bytes(text_.data() + r.begin, r.end - r.begin);
  auto bad = dsl::first_invalid_utf8(bytes);
  if (!bad) return;
  std::size_t at = r.begin + *bad;
  diags_.error(span_of(file_, at, at + 1), not_utf8_message(text_, at));
  r.broken = r.not_utf8 = true;
}

}  // namespace mera::forms::csv
