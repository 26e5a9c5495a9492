#include "mera/dsl/diagnostic.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "excerpt.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/text/tr.hpp"

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

// The frame's word in the reader's language (ошибка, предупреждение, примечание in Russian);
// editors that jump to `file:line:col:` read the position, not the word.
std::string severity_word(Severity s) {
  switch (s) {
    case Severity::error: return text::tr("error");
    case Severity::warning: return text::tr("warning");
    case Severity::note: return text::tr("note");
  }
  return text::tr("error");
}

// A message is a sentence or two; one longer than this quotes something huge.
constexpr std::size_t kMaxMessage = 2000;

void render_one(std::string& out, const Diagnostic& d) {
  if (d.span.known()) {
    const SourceFile& file = *d.span.file;
    if (const std::string* place = file.place_of(d.span.begin)) out += file.name() + (place->empty() ? "" : ":" + *place) + ": ";
    else out += file.name() + ":" + std::to_string(file.line_of(d.span.begin)) + ":" +
           std::to_string(file.column_of(d.span.begin)) + ": ";
  } else {
    out += "mera: ";
  }
  out += severity_word(d.severity);
  out += ": ";
  // The sites that quote a value cut it (clipped); this bound is for any they missed.
  // A message quotes what the input says: shown escaped, so no escape sequence of a file reaches
  // the terminal.
  out += printable(d.message.size() <= kMaxMessage ? d.message : clipped(d.message, kMaxMessage));
  out += '\n';
  // A file of places (a workbook) has no lines of its own to show: the message quotes the value.
  if (d.span.known() && !d.span.file->place_of(d.span.begin)) render_excerpt(out, d.span);
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
