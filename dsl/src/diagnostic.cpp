#include "mera/dsl/diagnostic.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace mera::dsl {

void Diagnostics::keep(const Span& span) {
  if (!span.known()) return;
  for (const auto& f : files_)
    if (f.get() == span.file) return;
  files_.push_back(span.file->shared_from_this());
}

void Diagnostics::error(Span span, std::string message) {
  keep(span);
  list_.push_back({Severity::error, span, std::move(message), {}});
  ++errors_;
}

void Diagnostics::warning(Span span, std::string message) {
  keep(span);
  list_.push_back({Severity::warning, span, std::move(message), {}});
}

void Diagnostics::note(Span span, std::string message) {
  if (list_.empty()) return;
  keep(span);
  list_.back().notes.push_back({Severity::note, span, std::move(message), {}});
}

void Diagnostics::append(const Diagnostics& other) {
  list_.insert(list_.end(), other.list_.begin(), other.list_.end());
  files_.insert(files_.end(), other.files_.begin(), other.files_.end());
  errors_ += other.errors_;
}

void Diagnostics::sort() {
  std::map<const SourceFile*, std::size_t> file_order;
  for (const auto& d : list_) file_order.emplace(d.span.file, file_order.size());
  std::stable_sort(list_.begin(), list_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto fa = file_order[a.span.file], fb = file_order[b.span.file];
    if (fa != fb) return fa < fb;
    return a.span.begin < b.span.begin;
  });
}

namespace {

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

// Lines longer than this are shown as a window around the caret.
constexpr std::size_t kMaxExcerpt = 120;

// Characters (code points) of a line, with bytes that are not UTF-8 shown as U+FFFD.
std::vector<std::string> characters(std::string_view line) {
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t n = 1;
    auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0x80) n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    bool ok = n > 1 && i + n <= line.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
    if (c < 0x80) chars.emplace_back(1, c == '\t' ? ' ' : line[i]);
    else if (ok) chars.emplace_back(line.substr(i, n));
    else { chars.emplace_back("\xEF\xBF\xBD"); n = 1; }
    i += n;
  }
  return chars;
}

// The source line and a caret under the span's first character; a span within the line gets
// tildes under the rest of it, so the reader sees the whole offending word.
void render_excerpt(std::string& out, const Span& span) {
  const SourceFile& file = *span.file;
  std::size_t line = file.line_of(span.begin);
  std::size_t line_end = file.line_start(line) + file.line_text(line).size();
  std::vector<std::string> chars = characters(file.line_text(line));
  std::size_t column = file.column_of(span.begin);
  std::size_t width = 1;
  if (span.end > span.begin && span.end <= line_end) width = std::max<std::size_t>(1, file.column_of(span.end) - column);
  std::size_t first = 0;  // first character shown
  if (chars.size() > kMaxExcerpt && column > kMaxExcerpt / 2) first = column - kMaxExcerpt / 2;
  std::size_t last = std::min(chars.size(), first + kMaxExcerpt);
  width = std::min(width, last + 1 - std::min(last, column - 1));
  out += first > 0 ? "  ..." : "  ";
  for (std::size_t i = first; i < last; ++i) out += chars[i];
  if (last < chars.size()) out += "...";
  out += first > 0 ? "\n     " : "\n  ";
  out.append(column - 1 - first, ' ');
  out += '^';
  out.append(width - 1, '~');
  out += '\n';
}

void render_one(std::string& out, const Diagnostic& d) {
  if (d.span.known()) {
    const SourceFile& file = *d.span.file;
    out += file.name() + ":" + std::to_string(file.line_of(d.span.begin)) + ":" +
           std::to_string(file.column_of(d.span.begin)) + ": ";
  } else {
    out += "mera: ";
  }
  out += severity_word(d.severity);
  out += ": ";
  out += d.message;
  out += '\n';
  if (d.span.known()) render_excerpt(out, d.span);
}

}  // namespace

std::string render(const Diagnostic& d) {
  std::string out;
  render_one(out, d);
  for (const auto& n : d.notes) render_one(out, n);
  return out;
}

std::string render(const Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds.all()) out += render(d);
  return out;
}

}  // namespace mera::dsl
