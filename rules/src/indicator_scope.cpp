#include "indicator_scope.hpp"

#include <fmt/format.h>

#include "mera/dsl/printable.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {

using forms::Type;
using Kind = forms::Type::Kind;

// A bare name is another indicator; form.field outside an aggregate is a mistake worth
// explaining, because it is the one people make.
Type IndicatorScope::name(const dsl::Expr& e, forms::TypeChecker& tc) const {
  const auto& head = e.path.front();
  const forms::Form* form = c_.model.form(head.text);
  if (e.path.size() == 1) {
    if (auto d = c_.indicator_decls.find(head.text); d != c_.indicator_decls.end()) return indicator(*d->second);
    // A form is often named like its main field (blood_families.families): show that field.
    if (form) return tc.fail(head.span, text::tr("form '{}' is not a value: aggregate it, as in count({}) or sum({}.{})", head.text, head.text, head.text, form->field(head.text) ? head.text : "FIELD"));
    for (const auto& f : c_.model.forms)
      if (f->field(head.text))
        return tc.fail(head.span, text::tr("'{}' is a field of form '{}': aggregate it, as in sum({}.{})", head.text, f->name, f->name, head.text));
    std::vector<std::string> names;
    for (const auto& [n, d] : c_.indicator_decls) names.push_back(n);
    return tc.fail(head.span, text::tr("unknown indicator '{}'{}", head.text, forms::closest(head.text, names)));
  }
  if (form) {
    Type t = form_field(e, *form, tc);
    if (t.is(Kind::error)) return t;
    return tc.fail(e.span, text::tr("'{}.{}' is one value per submission: aggregate it, as in sum({}.{})", head.text, e.path[1].text, head.text, e.path[1].text));
  }
  return enum_value(e, tc, text::tr("unknown form or enum '{}'{}", head.text, forms::closest(head.text, c_.model.form_names())));
}

// The type of another indicator's value: a number or a breakdown. Found by checking its formula
// quietly (its own check reports its problems; here a broken one is an error, so nothing
// cascades); `any` while being found: an indicator that reaches itself (previous(x) in x, or a
// cycle, reported where it closes) is known only when it runs.
Type IndicatorScope::indicator(const dsl::IndicatorDecl& d) const {
  auto [it, fresh] = c_.indicator_types.try_emplace(d.name.text, Type::of(Kind::any));
  if (!fresh) return it->second;
  Type t = Type::of(Kind::any);
  for (const auto& m : d.members)
    if (const auto* v = std::get_if<dsl::ValueClause>(&m)) {
      dsl::Diagnostics quiet;
      forms::TypeChecker tc(quiet);
      t = tc.check(v->value, *this);
      if (quiet.has_errors() || !(t.unknown() || t.is(Kind::number) || t.is(Kind::breakdown))) t = Type::of(Kind::error);
      break;
    }
  return it->second = t;
}

Type IndicatorScope::form_field(const dsl::Expr& source, const forms::Form& form, forms::TypeChecker& tc) const {
  if (source.path.size() > 2) return tc.fail(source.path[2].span, text::tr("'{}.{}' has no parts: a field is named form.field", form.name, source.path[1].text));
  const forms::Field* field = form.field(source.path[1].text);
  if (field) return field->type;
  return tc.fail(source.path[1].span, text::tr("form '{}' has no field '{}'{}", form.name, source.path[1].text, forms::closest(source.path[1].text, form.field_names())));
}

// sum/avg/min/max(form.field [where C]), sum(form.breakdown[category]), count(form [where C]).
Type IndicatorScope::aggregate(const dsl::Expr& e, forms::TypeChecker& tc) const {
  const dsl::Expr& source = e.args[0];
  const dsl::Expr& path = source.kind == dsl::Expr::Kind::index ? source.args[0] : source;
  const auto& head = path.path.front();
  const forms::Form* form = c_.model.form(head.text);
  if (!form) return tc.fail(head.span, text::tr("unknown form '{}'{}", head.text, forms::closest(head.text, c_.model.form_names())));
  bool where_ok = true;
  if (e.has_where) {
    RowScope row(*form, c_.enums, c_.model.functions);
    where_ok = tc.expect(e.args[1], row, Kind::boolean, text::tr("what follows 'where'"));
  }
  if (path.path.size() == 1) {
    if (e.op == "count" && source.kind != dsl::Expr::Kind::index) return where_ok ? Type{Kind::number, nullptr, true} : Type::of(Kind::error);
    return tc.fail(path.span, text::tr("'{}' of a whole form: name a field, as in {}({}.FIELD)", e.op, e.op, head.text));
  }
  Type t = form_field(path, *form, tc);
  if (t.is(Kind::error) || !where_ok) return Type::of(Kind::error);
  if (e.op == "count")
    return tc.fail(source.span, text::tr("'count' counts the submissions of a form: write count({}) or count({} where ...); to add up a field, use sum({})",
                                            head.text, head.text, source.span.file->text().substr(source.span.begin, source.span.end - source.span.begin)));
  if (source.kind == dsl::Expr::Kind::index) {
    if (!t.is(Kind::breakdown)) return tc.fail(path.span, text::tr("only a breakdown ('int by ENUM') has categories in '[ ]', but '{}.{}' is {}", head.text, path.path[1].text, forms::describe(t)));
    t = tc.category(t, source.key);
    if (t.is(Kind::error)) return t;
  }
  bool ordered = e.op == "min" || e.op == "max";
  // sum(form.breakdown) in an indicator: a value per category (in a form, a number: form_scope.cpp).
  if (t.is(Kind::breakdown)) return Type{Kind::breakdown, t.enumeration, t.integer && e.op != "avg"};
  if (t.is(Kind::number)) return Type{Kind::number, nullptr, t.integer && e.op != "avg", t.percent};
  if (ordered && t.is(Kind::date)) return t;
  return tc.fail(path.span, ordered ? text::tr("'{}' needs numbers or dates, but '{}.{}' is {}", e.op, head.text, path.path[1].text, forms::describe(t))
                            : text::tr("'{}' needs numbers, but '{}.{}' is {}", e.op, head.text, path.path[1].text, forms::describe(t)));
}

Type IndicatorScope::call(const dsl::Expr& e, forms::TypeChecker& tc) const {
  const std::string& f = e.callee.text;
  if (f != "completeness" && f != "timeliness") return Scope::call(e, tc);
  if (e.args.size() != 1 || e.args[0].kind != dsl::Expr::Kind::name || e.args[0].path.size() != 1)
    return tc.fail(e.span, text::tr("{}( ) takes one form, as in {}(blood_families)", f, f));
  const auto& form = e.args[0].path[0];
  const forms::Form* found = c_.model.form(form.text);
  if (!found) return tc.fail(form.span, text::tr("unknown form '{}'{}", form.text, forms::closest(form.text, c_.model.form_names())));
  if (found->period == forms::PeriodKind::record)
    return tc.fail(form.span, text::tr("form '{}' is a record form: no report of it is expected by a date, so it has no {}", form.text, f));
  return Type{Kind::number, nullptr, false, true};
}

namespace {

std::string span_text(const dsl::Expr& e) {
  return std::string(e.span.file->text().substr(e.span.begin, e.span.end - e.span.begin));
}

// The form's first date field, for an example ("closed in period"), or FIELD if it has none.
std::string first_date_field(const forms::Form& form) {
  for (const auto& f : form.fields)
    if (f.type.is(Kind::date)) return f.name;
  return "FIELD";
}

}  // namespace

// `period.end`, `other_form.field`: a `where` sees one submission of its form at a time. What it
// may use instead is said, since the wish behind `period.end` (a date against the period being
// evaluated) has its own words: `FIELD in period`.
Type RowScope::name(const dsl::Expr& e, forms::TypeChecker& tc) const {
  const auto& head = e.path.front();
  if (e.path.size() == 1 || enums_.count(head.text)) return FormScope::name(e, tc);
  std::string sees = text::tr("it looks at one submission of form '{}' at a time, and may use its fields, enum values (ENUM.VALUE) "
                                 "and 'FIELD in period' for a date within the period evaluated",
                                 form_.name);
  if (head.text == "period")
    return tc.fail(e.span, text::tr("'{}' is not available in an indicator's 'where': {}; write, for example, '{} in period'",
                                       dsl::clipped(span_text(e)), sees, first_date_field(form_)));
  return tc.fail(head.span, text::tr("'{}' is neither a field of form '{}' nor an enum, in an indicator's 'where': {}", head.text,
                                        form_.name, sees));
}

}  // namespace mera::rules
