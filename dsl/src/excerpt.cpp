// The excerpt is built from "pieces": a character of the line as it is shown (a tab as a space,
// a control character or a byte that is not UTF-8 as an escape such as \x1b), with its width on
// screen, so the caret stays under the right character whatever the line holds.
#include "excerpt.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"

namespace mera::dsl {
namespace {

// The window keeps this many characters before the caret when it cuts the line's start.
constexpr std::size_t kBefore = kExcerptWidth / 2 - 1;
// A character takes at most 4 bytes: reading this far back finds every character a window can
// show before the caret (and tells whether the line goes on beyond them).
constexpr std::size_t kBackBytes = 4 * kExcerptWidth + 4;

struct Piece {
  std::size_t at;     // byte offset in the line
  std::string shown;  // as it is printed
};

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

Piece piece_at(std::string_view line, std::size_t at, std::size_t& length) {
  if (line[at] == '\t') {
    length = 1;
    return {at, " "};  // a tab in a source line is layout, and a space keeps the caret in place
  }
  return {at, printable_at(line, at, length)};
}

// Pieces of `line` from byte `from` up to byte `to`, at most `limit` of them.
std::vector<Piece> pieces(std::string_view line, std::size_t from, std::size_t to, std::size_t limit) {
  std::vector<Piece> out;
  for (std::size_t i = from, n = 0; i < to && out.size() < limit; i += n) out.push_back(piece_at(line, i, n));
  return out;
}

std::size_t width(const std::vector<Piece>& ps, std::size_t from, std::size_t to) {
  std::size_t w = 0;
  for (std::size_t i = from; i < to; ++i) w += display_width(ps[i].shown);
  return w;
}

}  // namespace

void render_excerpt(std::string& out, const Span& span) {
  const SourceFile& file = *span.file;
  std::size_t line_no = file.line_of(span.begin);
  std::size_t start = file.line_start(line_no);
  std::string_view line = file.line_text(line_no);
  std::size_t caret = std::min<std::size_t>(span.begin - start, line.size());

  // Before the caret: what a window can show, read from a bounded distance back.
  std::size_t back = caret > kBackBytes ? caret - kBackBytes : 0;
  for (int k = 0; k < 3 && back > 0 && back < caret && continuation(line[back]); ++k) ++back;
  std::vector<Piece> left = pieces(line, back, caret, kBackBytes);
  // From the caret on: one more than a window, to know whether the line is longer than one.
  std::vector<Piece> right = pieces(line, caret, line.size(), kExcerptWidth + 1);
  bool longer = back > 0 || left.size() + right.size() > kExcerptWidth;
  std::size_t first = longer && left.size() > kBefore ? left.size() - kBefore : 0;  // first piece of `left` shown
  std::size_t shown_right = std::min(right.size(), kExcerptWidth - (left.size() - first));
  bool cut_start = back > 0 || first > 0;
  bool cut_end = shown_right < right.size();

  out += cut_start ? "  …" : "  ";
  for (std::size_t i = first; i < left.size(); ++i) out += left[i].shown;
  for (std::size_t i = 0; i < shown_right; ++i) out += right[i].shown;
  if (cut_end) out += "…";
  out += '\n';

  // Tildes under the rest of the span when it ends on this line (one under the "…" if it goes on).
  std::size_t span_end = span.end > span.begin && span.end <= start + line.size() ? span.end - start : caret;
  std::size_t under = 0;
  while (under < shown_right && right[under].at < span_end) ++under;
  std::size_t tildes = under > 0 ? width(right, 0, under) : 1;
  if (under == shown_right && cut_end && right[shown_right].at < span_end) ++tildes;
  out.append((cut_start ? 3 : 2) + width(left, first, left.size()), ' ');
  out += '^';
  out.append(std::max<std::size_t>(tildes, 1) - 1, '~');
  out += '\n';
}

}  // namespace mera::dsl
