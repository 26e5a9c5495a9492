// Syntax tree building, part one: names, labels, dates and declarations.
#include "build_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "grammar.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::dsl {
namespace g = grammar;

namespace {

const Node* child_of(const Node& n, auto predicate) {
  for (const auto& c : n.children)
    if (predicate(*c)) return c.get();
  return nullptr;
}

template <typename Rule> const Node* find(const Node& n) {
  return child_of(n, [](const Node& c) { return c.is_type<Rule>(); });
}

}  // namespace

Span TreeBuilder::span(const Node& n) const {
  return {&file_, static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
}

Ident TreeBuilder::ident(const Node& n) {
  Ident id{n.string(), span(n)};
  if (auto bad = mixed_script_letter(id.text)) {
    std::size_t len = 1;
    char32_t cp = decode_at(id.text, *bad, &len);
    auto at = static_cast<std::uint32_t>(id.span.begin + *bad);
    diags_.error({&file_, at, static_cast<std::uint32_t>(at + len)},
                 text::tr("'{}' mixes Latin and Cyrillic letters: '{}' (U+{:04X}) is {}", id.text,
                             id.text.substr(*bad, len), static_cast<unsigned>(cp),
                             text::translate(cp < 0x80 ? MERA_TEXT("Latin") : MERA_TEXT("Cyrillic"))));
  }
  return id;
}

Label TreeBuilder::label(const Node& n) {
  std::string_view raw = n.string_view();
  std::string text;
  for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\') {
      char e = raw[++i];
      text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      text += raw[i];
    }
  }
  return {std::move(text), span(n)};
}

Date TreeBuilder::date(const Node& n) {
  std::string s = n.string();
  Date d{std::atoi(s.substr(0, 4).c_str()), std::atoi(s.substr(5, 2).c_str()),
         std::atoi(s.substr(8, 2).c_str())};
  if (auto problem = date_problem(d.year, d.month, d.day); !problem.empty())
    diags_.error(span(n), text::tr("{} is not a date: {}", s, problem));
  return d;
}

int TreeBuilder::small_integer(const Node& n, int max) {
  std::string s = n.string();
  if (s.size() > 6 || std::atoi(s.c_str()) > max) {
    diags_.error(span(n), text::tr("{} is too large here (at most {})", s, max));
    return max;
  }
  return std::atoi(s.c_str());
}

// ---- declarations -------------------------------------------------------------------------

Decl TreeBuilder::declaration(const Node& n) {
  if (n.is_type<g::replace_decl>()) {
    return Decl{plain_declaration(*n.children.at(1)), true, span(n)};
  }
  return Decl{plain_declaration(n), false, span(n)};
}

DeclNode TreeBuilder::plain_declaration(const Node& n) {
  if (n.is_type<g::model_decl>()) return model(n);
  if (n.is_type<g::level_decl>()) return level(n);
  if (n.is_type<g::route_decl>()) return route(n);
  if (n.is_type<g::enum_decl>()) return enumeration(n);
  if (n.is_type<g::form_decl>()) return form(n);
  if (n.is_type<g::deadline_decl>()) return deadline(n);
  if (n.is_type<g::indicator_decl>()) return indicator(n);
  if (n.is_type<g::lua_decl>()) return lua(n);
  if (n.is_type<g::amend_decl>()) return amend(n);
  return drop(n);
}

// model NAME [LABEL] [extends BASE] { effective DATE [locale NAME] [shift ...] [holidays ...] }
ModelDecl TreeBuilder::model(const Node& n) {
  ModelDecl m;
  m.span = span(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::decl_name>()) m.name = ident(*c);
    else if (c->is_type<g::label>()) m.label = label(*c);
    else if (c->is_type<g::extends_clause>()) m.extends = ident(*c->children.at(0));
    else if (c->is_type<g::model_close>()) m.close = span(*c).begin;
    else if (c->is_type<g::effective_clause>()) {
      if (m.effective) {
        diags_.error(span(*c), text::tr("the model's effective date is given twice"));
        diags_.note(m.effective_span, text::tr("the first one is here"));
        continue;
      }
      m.effective = date(*c->children.at(0));
      m.effective_span = span(*c->children.at(0));
    } else if (c->is_type<g::locale_clause>()) {
      if (m.locale) {
        diags_.error(span(*c), text::tr("the model's locale is given twice"));
        diags_.note(m.locale->span, text::tr("the first one is here"));
        continue;
      }
      m.locale = ident(*c->children.at(0));
    } else if (c->is_type<g::shift_clause>()) {
      if (m.shift) {
        diags_.error(span(*c), text::tr("'shift to next working day' is given twice"));
        diags_.note(*m.shift, text::tr("the first one is here"));
        continue;
      }
      m.shift = span(*c);
    } else if (c->is_type<g::holidays_clause>()) {
      m.holidays.push_back(holidays(*c));
    }
  }
  return m;
}

// holidays DAY, ... where DAY is DATE or DATE..DATE
HolidaysClause TreeBuilder::holidays(const Node& n) {
  HolidaysClause h{{}, span(n)};
  for (const auto& c : n.children) {
    Holiday day;
    day.span = span(*c);
    const Node& first = *c->children.at(0);
    day.first = day.last = date(first);
    day.first_span = span(first);
    if (c->children.size() > 1) {
      day.last = date(*c->children.at(1));
      day.last_span = span(*c->children.at(1));
    }
    h.days.push_back(std::move(day));
  }
  return h;
}

// level NAME [LABEL]
LevelDecl TreeBuilder::level(const Node& n) {
  LevelDecl l{ident(*n.children.at(0)), {}, span(n)};
  if (auto* lb = find<g::label>(n)) l.label = label(*lb);
  return l;
}

// route LEVEL -> LEVEL ...
RouteDecl TreeBuilder::route(const Node& n) {
  RouteDecl r{{}, span(n)};
  for (const auto& c : n.children) r.levels.push_back(ident(*c));
  return r;
}

// enum NAME [LABEL] { VALUE [LABEL], ... }
EnumDecl TreeBuilder::enumeration(const Node& n) {
  EnumDecl e;
  e.span = span(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::decl_name>()) e.name = ident(*c);
    else if (c->is_type<g::label>()) e.label = label(*c);
    else if (c->is_type<g::enum_close>()) e.close = span(*c).begin;
    else if (c->is_type<g::enum_value>()) {
      EnumValue v{ident(*c->children.at(0)), {}};
      if (c->children.size() > 1) v.label = label(*c->children[1]);
      e.values.push_back(std::move(v));
    }
  }
  return e;
}

// form NAME [LABEL] { members }
FormDecl TreeBuilder::form(const Node& n) {
  FormDecl f;
  f.span = span(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::decl_name>()) f.name = ident(*c);
    else if (c->is_type<g::label>()) f.label = label(*c);
    else if (c->is_type<g::form_close>()) f.close = span(*c).begin;
    else f.members.push_back(form_member(*c));
  }
  return f;
}

// period KIND | record per KEY | by LEVEL | field ... | check ...
FormMember TreeBuilder::form_member(const Node& n) {
  if (n.is_type<g::period_clause>()) return PeriodClause{ident(*n.children.at(0)), span(n)};
  if (n.is_type<g::record_clause>()) return RecordClause{ident(*n.children.at(0)), span(n)};
  if (n.is_type<g::by_clause>()) return ByClause{ident(*n.children.at(0)), span(n)};
  if (n.is_type<g::check_decl>()) return check(n);
  return field(n);
}

// field NAME TYPE [by ENUM] [>= v] [required] [when C] [= E] [rollup K] [LABEL]
FieldDecl TreeBuilder::field(const Node& n) {
  FieldDecl f;
  f.span = span(n);
  auto twice = [&](const Node& c, const char* what) {
    diags_.error(span(c), text::tr("'{}' is given twice for field '{}'", what, f.name.text));
  };
  for (const auto& c : n.children) {
    if (c->is_type<g::field_name>()) f.name = ident(*c);
    else if (c->is_type<g::type_name>()) f.type = ident(*c);
    else if (c->is_type<g::breakdown>()) f.breakdown = ident(*c->children.at(0));
    else if (c->is_type<g::label>()) f.label = label(*c);
    else if (c->is_type<g::bound>()) {
      const Node& value = *c->children.at(1);
      Expr v = literal(*value.children.at(0));
      if (value.string_view().front() == '-') {
        v.number = -v.number;
        v.text = "-" + v.text;
        v.span = span(value);
        if (v.kind == Expr::Kind::date) diags_.error(span(value), text::tr("a date cannot be negative"));
      }
      f.bounds.push_back({c->children.at(0)->string(), std::move(v), span(*c)});
    } else if (c->is_type<g::required_opt>()) {
      if (f.required) twice(*c, "required");
      f.required = span(*c);
    } else if (c->is_type<g::when_opt>()) {
      if (f.when) twice(*c, "when");
      f.when = expr(*c->children.at(0));
    } else if (c->is_type<g::formula_opt>()) {
      if (f.formula) twice(*c, "=");
      f.formula = expr(*c->children.at(0));
    } else if (c->is_type<g::rollup_opt>()) {
      if (f.rollup) twice(*c, "rollup");
      f.rollup = ident(*c->children.at(0));
    }
  }
  return f;
}

// check [warning] CONDITION "message"
CheckDecl TreeBuilder::check(const Node& n) {
  CheckDecl c;
  c.span = span(n);
  for (const auto& k : n.children) {
    if (k->is_type<g::check_level>()) c.severity = CheckSeverity::warning;
    else if (k->is_type<g::check_condition>()) c.condition = expr(*k);
    else if (k->is_type<g::check_message>()) c.message = label(*k);
  }
  return c;
}

// deadline FORM FROM -> TO { rules }
DeadlineDecl TreeBuilder::deadline(const Node& n) {
  DeadlineDecl d;
  d.span = span(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::deadline_form>()) d.form = ident(*c);
    else if (c->is_type<g::hop_from>()) d.from = ident(*c);
    else if (c->is_type<g::hop_to>()) d.to = ident(*c);
    else if (c->is_type<g::due_rule>()) d.rules.push_back(due_rule(*c));
    else if (c->is_type<g::deadline_close>()) d.close = span(*c).begin;
  }
  return d;
}

// SELECTOR: day N of next month | MONTH N | N days after
DueRule TreeBuilder::due_rule(const Node& n) {
  DueRule r;
  r.span = span(n);
  r.selector = ident(*n.children.at(0));
  const Node& due = *n.children.at(1);
  r.due_span = span(due);
  if (due.is_type<g::day_of_next_month>()) {
    r.kind = DueRule::Kind::day_of_next_month;
    r.day = small_integer(*due.children.at(0), 31);
    if (r.day == 0) diags_.error(span(*due.children.at(0)), text::tr("there is no day 0 in a month"));
  } else if (due.is_type<g::days_after>()) {
    r.kind = DueRule::Kind::days_after;
    r.day = small_integer(*due.children.at(0), 366);
  } else {
    r.kind = DueRule::Kind::fixed_date;
    const Node& month = *due.children.at(0);
    r.month = month_from_name(month.string());
    r.day = small_integer(*due.children.at(1), 31);
    if (r.month == 0) {
      diags_.error(span(month), text::tr("'{}' is not a month: write January to December", month.string()));
    } else if (r.day < 1 || r.day > days_in_month(2000, r.month)) {
      diags_.error(span(*due.children.at(1)),
                   text::tr("there is no day {} in {}", r.day, dsl::month_name(r.month)));
    }
  }
  return r;
}

// indicator NAME [LABEL] { value = E  format K  target OP E }
IndicatorDecl TreeBuilder::indicator(const Node& n) {
  IndicatorDecl ind;
  ind.span = span(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::decl_name>()) ind.name = ident(*c);
    else if (c->is_type<g::label>()) ind.label = label(*c);
    else if (c->is_type<g::indicator_close>()) ind.close = span(*c).begin;
    else if (c->is_type<g::value_clause>()) ind.members.emplace_back(ValueClause{expr(*c->children.at(0)), span(*c)});
    else if (c->is_type<g::format_clause>()) ind.members.emplace_back(format_clause(*c));
    else if (c->is_type<g::target_clause>())
      ind.members.emplace_back(TargetClause{c->children.at(0)->string(), expr(*c->children.at(1)), span(*c)});
  }
  return ind;
}

FormatClause TreeBuilder::format_clause(const Node& n) {
  FormatClause f;
  f.span = span(n);
  f.kind = ident(*n.children.at(0));
  if (auto* d = find<g::format_digits>(n)) f.digits = small_integer(*d, 9);
  f.truncate = find<g::kw_truncate>(n) != nullptr;
  return f;
}

// lua [==[ code ]==]: the code is what lies between the brackets.
LuaDecl TreeBuilder::lua(const Node& n) {
  const Node& block = *n.children.at(0);
  std::string_view raw = block.string_view();
  std::size_t open = raw.find('[', 1) + 1;  // "[" "="* "["
  std::size_t marker = open;                // the close bracket has the same length as the open
  auto begin = static_cast<std::uint32_t>(block.m_begin.byte + open);
  auto end = static_cast<std::uint32_t>(block.m_end.byte - marker);
  return LuaDecl{std::string(raw.substr(open, raw.size() - 2 * marker)), {&file_, begin, end}, span(n)};
}

// amend form NAME [LABEL] { members }
AmendDecl TreeBuilder::amend(const Node& n) {
  AmendDecl a;
  a.span = span(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::decl_name>()) a.form = ident(*c);
    else if (c->is_type<g::label>()) a.label = label(*c);
    else if (c->is_type<g::amend_close>()) a.close = span(*c).begin;
    else a.members.push_back(amend_member(*c));
  }
  return a;
}

// replace field ... | drop field NAME | drop check "message" | a member as in a form
AmendMember TreeBuilder::amend_member(const Node& n) {
  if (n.is_type<g::replace_field>()) return ReplaceField{field(*n.children.at(0)), span(n)};
  if (n.is_type<g::drop_member>()) {
    const Node& what = *n.children.at(0);
    if (what.is_type<g::dropped_field>()) return DropField{ident(what), span(n)};
    return DropCheck{label(what), span(n)};
  }
  return std::visit([](auto&& m) -> AmendMember { return std::move(m); }, form_member(n));
}

// drop KIND NAME [FROM -> TO]
DropDecl TreeBuilder::drop(const Node& n) {
  DropDecl d;
  d.span = span(n);
  d.kind = ident(*n.children.at(0));
  d.name = ident(*n.children.at(1));
  if (auto* hop = find<g::drop_hop>(n)) {
    d.from = ident(*hop->children.at(0));
    d.to = ident(*hop->children.at(1));
  }
  return d;
}

}  // namespace mera::dsl
