// The canonical layout of a file, and where its comments go. The file is first planned as a
// list of lines (format_lines.cpp gives their text), then printed: alignment needs whole runs
// of lines before it can pad the first one.
//
// Comments are taken strictly in source order, so each is printed exactly once:
//  - before a node (declaration, block member, deadline rule, enum value, closing brace),
//    every comment not printed yet that starts before the node ends becomes an own-line comment
//    at the node's indentation. This covers comments on lines of their own and comments inside
//    the node (a multi-line expression, a header broken over lines), which cannot stay in place;
//  - after a node, the next comment stays at the end of the node's line when only blanks (and
//    an enum's comma) separate it from the node's end in the source;
//  - what is left after the last declaration goes at the end of the file.
// Blank lines around comments follow the source, at most one at a time.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "format_lines.hpp"
#include "mera/dsl/format.hpp"

namespace mera::dsl {

namespace {

using layout::blank_between;
using layout::open_brace;
using layout::Offset;
using layout::trim_right;

constexpr std::size_t kMaxLine = 100;  // an enum longer than this gets one value per line
constexpr int kIndent = 2;
constexpr std::size_t kMaxAlignedOptions = 30;  // longer field options do not set the label column

// One output line, planned before printing.
struct Line {
  explicit Line(std::string k, std::string r = {}, int in = 0)
      : key(std::move(k)), rest(std::move(r)), indent(in) {}

  std::string key;           // the whole line, or its part before an aligned column
  std::string rest;          // for aligned lines: the part after the column
  std::string tail;          // a field's label, aligned in a second column after `rest`
  int indent = 0;
  int group = -1;            // lines of one group pad `key` to the same width
  bool blank_before = false;
  std::string trailing;      // an end-of-line comment
};

template <typename Member> const Span& span_of(const Member& m) {
  return std::visit([](const auto& x) -> const Span& { return x.span; }, m);
}

Offset header_end(const Ident& name, const std::optional<Label>& label) {
  return label ? label->span.end : name.span.end;
}

// Declarations of these kinds are one line each, so a run of them reads like a table and
// keeps the source's spacing instead of a blank line between every two.
std::string one_line_kind(const Decl& d) {
  if (std::holds_alternative<LevelDecl>(d.node)) return d.replace ? "replace level" : "level";
  if (std::holds_alternative<RouteDecl>(d.node)) return "route";
  if (std::holds_alternative<DropDecl>(d.node)) return "drop";
  return {};
}

class Printer {
 public:
  explicit Printer(const File& file) : src_(file.source->text()), comments_(file.comments) {}

  std::string print(const std::vector<Decl>& decls);

 private:
  Line& push(Line line, Offset begin);
  void leading(Offset before, int indent);
  std::string trailing(Offset end);
  Line& leaf(Offset begin, Offset end, Line line);
  Offset open(const Decl& d, Offset header_end);
  void close(const Decl& d, Offset brace);
  bool comment_within(Offset from, Offset to) const;

  void declaration(const Decl& d);
  void model(const Decl& d, const ModelDecl& m);
  void holidays(const HolidaysClause& h);
  std::string text(const Span& s) const { return src_.substr(s.begin, s.end - s.begin); }  // as written
  void enumeration(const Decl& d, const EnumDecl& e);
  void form(const Decl& d, const FormDecl& f);
  void field(const FieldDecl& f, Offset begin, const char* mark = "");
  void amend(const Decl& d, const AmendDecl& a);
  void deadline(const Decl& d, const DeadlineDecl& dl);
  void indicator(const Decl& d, const IndicatorDecl& ind);

  std::string render() const;

  const std::string& src_;
  const std::vector<Comment>& comments_;
  std::size_t next_comment_ = 0;  // comments before this one are printed
  Offset cursor_ = 0;             // the source offset up to which everything is printed
  std::optional<bool> blank_;     // a blank line decided by the layout, not by the source
  bool run_open_ = false;         // the last line continues a run of aligned fields
  int groups_ = 0;
  std::vector<Line> lines_;
};

std::string Printer::print(const std::vector<Decl>& decls) {
  blank_ = false;  // nothing above the first line
  for (std::size_t i = 0; i < decls.size(); ++i) {
    if (i > 0) {
      std::string kind = one_line_kind(decls[i - 1]);
      bool together = !kind.empty() && kind == one_line_kind(decls[i]);
      blank_ = together ? std::nullopt : std::optional<bool>(true);
    }
    declaration(decls[i]);
  }
  leading(UINT32_MAX, 0);  // comments after the last declaration
  return render();
}

Line& Printer::push(Line line, Offset begin) {
  line.blank_before = blank_ ? *blank_ : blank_between(src_, cursor_, begin);
  blank_.reset();
  if (line.blank_before) run_open_ = false;
  lines_.push_back(std::move(line));
  return lines_.back();
}

void Printer::leading(Offset before, int indent) {
  for (; next_comment_ < comments_.size() && comments_[next_comment_].offset < before; ++next_comment_) {
    const Comment& c = comments_[next_comment_];
    push(Line{trim_right(c.text), {}, indent}, c.offset);
    cursor_ = static_cast<Offset>(c.offset + c.text.size());
  }
}

std::string Printer::trailing(Offset end) {
  if (next_comment_ >= comments_.size()) return {};
  const Comment& c = comments_[next_comment_];
  for (Offset i = end; i < c.offset; ++i)
    if (src_[i] != ' ' && src_[i] != '\t' && src_[i] != ',') return {};
  ++next_comment_;
  cursor_ = static_cast<Offset>(c.offset + c.text.size());
  return trim_right(c.text);
}

// A node printed on one line: its comments before it, then the line, then its end comment.
Line& Printer::leaf(Offset begin, Offset end, Line line) {
  leading(end, line.indent);
  Line& l = push(std::move(line), begin);
  cursor_ = std::max(cursor_, end);
  l.trailing = trailing(end);
  return l;
}

bool Printer::comment_within(Offset from, Offset to) const {
  for (std::size_t i = next_comment_; i < comments_.size() && comments_[i].offset < to; ++i)
    if (comments_[i].offset > from) return true;
  return false;
}

// A block's header line; comments inside the header go before it.
Offset Printer::open(const Decl& d, Offset header) {
  Offset brace = open_brace(src_, header);
  leading(brace, 0);
  Line& l = push(Line{layout::decl_line(d)}, d.span.begin);
  cursor_ = brace + 1;
  l.trailing = trailing(brace + 1);
  blank_ = false;  // no blank line just inside `{`
  run_open_ = false;
  return brace;
}

void Printer::close(const Decl& d, Offset brace) {
  leading(brace, kIndent);
  blank_ = false;  // nor just before `}`
  leaf(brace, d.span.end, Line{"}"});
}

void Printer::declaration(const Decl& d) {
  std::visit([&](const auto& n) {
    using T = std::decay_t<decltype(n)>;
    if constexpr (std::is_same_v<T, ModelDecl>) model(d, n);
    else if constexpr (std::is_same_v<T, EnumDecl>) enumeration(d, n);
    else if constexpr (std::is_same_v<T, FormDecl>) form(d, n);
    else if constexpr (std::is_same_v<T, DeadlineDecl>) deadline(d, n);
    else if constexpr (std::is_same_v<T, IndicatorDecl>) indicator(d, n);
    else if constexpr (std::is_same_v<T, AmendDecl>) amend(d, n);
    else leaf(d.span.begin, d.span.end, Line{layout::decl_line(d)});  // level, route, drop, lua
  }, d.node);
}

// The members of the model's braces, in source order: effective, locale, shift, holidays.
void Printer::model(const Decl& d, const ModelDecl& m) {
  Offset header = m.extends ? m.extends->span.end : header_end(m.name, m.label);
  open(d, header);
  std::vector<std::pair<Offset, const HolidaysClause*>> members;  // null: effective, locale or shift
  if (m.effective) members.emplace_back(m.effective_span.begin, nullptr);
  if (m.locale) members.emplace_back(m.locale->span.begin, nullptr);
  if (m.shift) members.emplace_back(m.shift->begin, nullptr);
  for (const auto& h : m.holidays) members.emplace_back(h.span.begin, &h);
  std::sort(members.begin(), members.end());
  for (const auto& [begin, h] : members) {
    if (h) holidays(*h);
    else if (m.shift && begin == m.shift->begin) leaf(m.shift->begin, m.shift->end, Line{"shift to next working day", {}, kIndent});
    else if (m.locale && begin == m.locale->span.begin) leaf(m.locale->span.begin, m.locale->span.end, Line{"locale " + m.locale->text, {}, kIndent});
    else leaf(m.effective_span.begin, m.effective_span.end, Line{"effective " + text(m.effective_span), {}, kIndent});
  }
  close(d, m.close);
}

// One line when it fits and holds no comment; otherwise one day a line, under the first.
void Printer::holidays(const HolidaysClause& h) {
  std::vector<std::string> days;
  std::string line = "holidays ";
  for (std::size_t i = 0; i < h.days.size(); ++i) {
    const Holiday& day = h.days[i];
    days.push_back(text(day.first_span) + (day.last_span ? ".." + text(*day.last_span) : ""));
    line += (i ? ", " : "") + days.back();
  }
  if (layout::width(line) + kIndent <= kMaxLine && !comment_within(h.span.begin, h.span.end)) {
    leaf(h.span.begin, h.span.end, Line{std::move(line), {}, kIndent});
    return;
  }
  for (std::size_t i = 0; i < days.size(); ++i) {
    std::string comma = i + 1 < days.size() ? "," : "";
    const Span& s = h.days[i].span;
    if (i == 0) leaf(h.span.begin, s.end, Line{"holidays " + days[i] + comma, {}, kIndent});
    else leaf(s.begin, s.end, Line{days[i] + comma, {}, kIndent + 9});  // under the first day
  }
}

// One line when it fits and no comment sits between the braces (a comment cannot go inside a
// line); otherwise one value per line.
void Printer::enumeration(const Decl& d, const EnumDecl& e) {
  Offset brace = open_brace(src_, header_end(e.name, e.label));
  std::string line = layout::enum_line(d, e);
  if (layout::width(line) <= kMaxLine && !comment_within(brace, e.close)) {
    leaf(d.span.begin, d.span.end, Line{std::move(line)});
    return;
  }
  open(d, header_end(e.name, e.label));
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    const EnumValue& v = e.values[i];
    Offset end = v.label ? v.label->span.end : v.name.span.end;
    std::string comma = i + 1 < e.values.size() ? "," : "";
    leaf(v.name.span.begin, end, Line{layout::enum_value(v) + comma, {}, kIndent});
  }
  close(d, e.close);
}

void Printer::form(const Decl& d, const FormDecl& f) {
  open(d, header_end(f.name, f.label));
  for (const FormMember& m : f.members) {
    if (const auto* fd = std::get_if<FieldDecl>(&m)) {
      field(*fd, fd->span.begin);
      continue;
    }
    const Span& s = span_of(m);
    leaf(s.begin, s.end, Line{layout::form_member(m), {}, kIndent});
    run_open_ = false;  // any other member ends a run of aligned fields
  }
  close(d, f.close);
}

// Fields on consecutive lines form a run whose types start in one column, and whose labels
// start in another: the form reads as the table it describes. In an amended form, a
// `replace field` (`mark` is "replace ", the line begins at `begin`) is a field of the run too.
void Printer::field(const FieldDecl& f, Offset begin, const char* mark) {
  Line& l = leaf(begin, f.span.end,
                 Line{mark + layout::field_key(f), layout::field_options(f), kIndent});
  if (f.label) l.tail = format_string(f.label->text);
  if (!run_open_) ++groups_;
  l.group = groups_ - 1;
  run_open_ = true;
}

// Like a form: fields (added or replaced) in aligned runs, the other changes a line each.
void Printer::amend(const Decl& d, const AmendDecl& a) {
  open(d, header_end(a.form, a.label));
  for (const AmendMember& m : a.members) {
    if (const auto* fd = std::get_if<FieldDecl>(&m)) {
      field(*fd, fd->span.begin);
    } else if (const auto* r = std::get_if<ReplaceField>(&m)) {
      field(r->field, r->span.begin, "replace ");
    } else {
      const Span& s = span_of(m);
      leaf(s.begin, s.end, Line{layout::amend_member(m), {}, kIndent});
      run_open_ = false;
    }
  }
  close(d, a.close);
}

// All rules of a deadline align their due dates, blank lines or not.
void Printer::deadline(const Decl& d, const DeadlineDecl& dl) {
  open(d, dl.to.span.end);
  int group = groups_++;
  for (const DueRule& r : dl.rules) {
    Line& l = leaf(r.span.begin, r.span.end,
                   Line{layout::rule_key(r), layout::rule_due(r), kIndent});
    l.group = group;
  }
  close(d, dl.close);
}

void Printer::indicator(const Decl& d, const IndicatorDecl& ind) {
  open(d, header_end(ind.name, ind.label));
  for (const IndicatorMember& m : ind.members) {
    const Span& s = span_of(m);
    leaf(s.begin, s.end, Line{layout::indicator_member(m), {}, kIndent});
  }
  close(d, ind.close);
}

std::string Printer::render() const {
  std::vector<std::size_t> widths(static_cast<std::size_t>(groups_), 0);
  std::vector<std::size_t> tail_columns(static_cast<std::size_t>(groups_), 0);
  for (const Line& l : lines_) {
    if (l.group < 0) continue;
    widths[l.group] = std::max(widths[l.group], layout::width(l.key));
    // A field with long options (a formula, a condition) would push every label of its run
    // far right; it keeps its label one space away instead.
    if (!l.tail.empty() && layout::width(l.rest) <= kMaxAlignedOptions)
      tail_columns[l.group] = std::max(tail_columns[l.group], layout::width(l.rest));
  }
  std::string out;
  for (const Line& l : lines_) {
    if (l.blank_before && !out.empty()) out += '\n';
    out.append(static_cast<std::size_t>(l.indent), ' ');
    out += l.key;
    if (l.group >= 0) out.append(widths[l.group] - layout::width(l.key) + 1, ' ') += l.rest;
    if (!l.tail.empty()) {
      std::size_t used = layout::width(l.rest);
      out.append(used < tail_columns[l.group] ? tail_columns[l.group] - used + 1 : 1, ' ') += l.tail;
    }
    if (!l.trailing.empty()) out += "  " + l.trailing;
    out += '\n';
  }
  return out;
}

}  // namespace

std::string format(const File& file) { return Printer(file).print(file.decls); }

}  // namespace mera::dsl
