// The text of each line of the canonical layout, and small scans of the source text. Nothing
// here decides where comments, blank lines or aligned columns go: format.cpp does.
#include "format_lines.hpp"

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/dsl/format.hpp"

namespace mera::dsl::layout {

namespace {

template <typename... F> struct overloaded : F... { using F::operator()...; };
template <typename... F> overloaded(F...) -> overloaded<F...>;

std::string label(const std::optional<Label>& l) { return l ? " " + format_string(l->text) : ""; }

// The shortest Lua long bracket that the code cannot close early. The code's own end counts:
// code ending in "]" would close "[[...]]" one character too soon.
std::string lua_block(const std::string& code) {
  for (std::string eq;; eq += '=') {
    std::string close = "]" + eq + "]";
    if ((code + close).find(close) == code.size()) return "lua [" + eq + "[" + code + close;
  }
}

// Bounds read as a range, `>= 0 <= 100`, whichever was written first.
std::vector<const Bound*> lower_first(const std::vector<Bound>& bounds) {
  std::vector<const Bound*> sorted;
  for (const auto& b : bounds) sorted.push_back(&b);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Bound* a, const Bound* b) { return a->op[0] == '>' && b->op[0] != '>'; });
  return sorted;
}

std::string route(const RouteDecl& r) {
  std::string s = "route";
  for (std::size_t i = 0; i < r.levels.size(); ++i) s += (i ? " -> " : " ") + r.levels[i].text;
  return s;
}

std::string drop(const DropDecl& d) {
  std::string s = "drop " + d.kind.text + " " + d.name.text;
  if (d.from && d.to) s += " " + d.from->text + " -> " + d.to->text;
  return s;
}

std::string model(const ModelDecl& m) {
  std::string s = "model " + m.name.text + label(m.label);
  if (m.extends) s += " extends " + m.extends->text;
  return s + " {";
}

}  // namespace

std::string trim_right(const std::string& s) {
  return s.substr(0, s.find_last_not_of(" \t\r") + 1);
}

bool blank_between(const std::string& src, Offset from, Offset to) {
  bool line_empty = false;  // only blanks since the last line break
  for (Offset i = from; i < to && i < src.size(); ++i) {
    if (src[i] == '\n') {
      if (line_empty) return true;
      line_empty = true;
    } else if (src[i] != ' ' && src[i] != '\t' && src[i] != '\r') {
      line_empty = false;
    }
  }
  return false;
}

Offset open_brace(const std::string& src, Offset from) {
  for (Offset i = from; i < src.size(); ++i) {
    if (src[i] == '{') return i;
    if (src[i] == '#') i = static_cast<Offset>(std::min(src.find('\n', i), src.size()));
  }
  return from;
}

std::size_t width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation
  return n;
}

std::string decl_line(const Decl& d) {
  std::string line = std::visit(
      overloaded{
          [](const ModelDecl& m) { return model(m); },
          [](const LevelDecl& l) { return "level " + l.name.text + label(l.label); },
          [](const RouteDecl& r) { return route(r); },
          [](const EnumDecl& e) { return "enum " + e.name.text + label(e.label) + " {"; },
          [](const FormDecl& f) { return "form " + f.name.text + label(f.label) + " {"; },
          [](const DeadlineDecl& dl) {
            return "deadline " + dl.form.text + " " + dl.from.text + " -> " + dl.to.text + " {";
          },
          [](const IndicatorDecl& i) { return "indicator " + i.name.text + label(i.label) + " {"; },
          [](const LuaDecl& l) { return lua_block(l.code); },
          [](const DropDecl& dr) { return drop(dr); },
          [](const AmendDecl& a) { return "amend form " + a.form.text + label(a.label) + " {"; },
      },
      d.node);
  return d.replace ? "replace " + line : line;
}

std::string enum_value(const EnumValue& v) { return v.name.text + label(v.label); }

std::string enum_line(const Decl& d, const EnumDecl& e) {
  std::string s = decl_line(d);
  for (std::size_t i = 0; i < e.values.size(); ++i) s += (i ? ", " : " ") + enum_value(e.values[i]);
  return s + " }";
}

std::string field_key(const FieldDecl& f) { return "field " + f.name.text; }

// Options in one fixed order, whatever order they were written in: the tree does not keep it,
// and the order carries no meaning.
std::string field_rest(const FieldDecl& f) { return field_options(f) + label(f.label); }

std::string field_options(const FieldDecl& f) {
  std::string s = f.type.text;
  if (f.breakdown) s += " by " + f.breakdown->text;
  for (const Bound* b : lower_first(f.bounds)) s += " " + b->op + " " + b->value.text;
  if (f.required) s += " required";
  if (f.when) s += " when " + format_expr(*f.when);
  if (f.formula) s += " = " + format_expr(*f.formula);
  if (f.rollup) s += " rollup " + f.rollup->text;
  return s;
}

std::string form_member(const FormMember& m) {
  return std::visit(
      overloaded{
          [](const PeriodClause& p) { return "period " + p.kind.text; },
          [](const RecordClause& r) { return "record per " + r.key.text; },
          [](const ByClause& b) { return "by " + b.level.text; },
          [](const FieldDecl& f) { return field_key(f) + " " + field_rest(f); },
          [](const CheckDecl& c) {
            std::string level = c.severity == CheckSeverity::warning ? "warning " : "";
            return "check " + level + format_expr(c.condition) + " " + format_string(c.message.text);
          },
      },
      m);
}

std::string amend_member(const AmendMember& m) {
  return std::visit(
      overloaded{
          [](const ReplaceField& r) { return "replace " + field_key(r.field) + " " + field_rest(r.field); },
          [](const DropField& d) { return "drop field " + d.name.text; },
          [](const DropCheck& d) { return "drop check " + format_string(d.message.text); },
          [](const auto& member) { return form_member(FormMember(member)); },
      },
      m);
}

std::string indicator_member(const IndicatorMember& m) {
  return std::visit(
      overloaded{
          [](const ValueClause& v) { return "value = " + format_expr(v.value); },
          [](const FormatClause& f) {
            std::string s = "format " + f.kind.text;
            if (f.digits) s += " digits " + std::to_string(*f.digits);
            return f.truncate ? s + " truncate" : s;
          },
          [](const TargetClause& t) { return "target " + t.op + " " + format_expr(t.value); },
      },
      m);
}

std::string rule_key(const DueRule& r) { return r.selector.text + ":"; }

std::string rule_due(const DueRule& r) {
  switch (r.kind) {
    case DueRule::Kind::day_of_next_month: return "day " + std::to_string(r.day) + " of next month";
    case DueRule::Kind::fixed_date: return std::string(month_name(r.month)) + " " + std::to_string(r.day);
    case DueRule::Kind::days_after: return std::to_string(r.day) + " days after";
  }
  return {};
}

}  // namespace mera::dsl::layout
