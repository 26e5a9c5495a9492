// What names mean inside a form: its own fields, the values of enums, and aggregates that add
// up the categories of a breakdown (`sum(by_risk)`).
#include <fmt/format.h>

#include "mera/forms/compile.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

using Kind = Type::Kind;

Type FormScope::name(const dsl::Expr& e, TypeChecker& tc) const {
  const auto& head = e.path.front();
  if (e.path.size() == 1) {
    if (const Field* f = form_.field(head.text)) return f->type;
    return tc.fail(head.span, text::tr("form '{}' has no field '{}'{}", form_.name, head.text, closest(head.text, form_.field_names())));
  }
  return enum_value(e, tc, text::tr("'{}' is not an enum; a check of form '{}' sees only its own fields (other forms are for indicators)", head.text, form_.name));
}

Type FormScope::aggregate(const dsl::Expr& e, TypeChecker& tc) const {
  const dsl::Expr& source = e.args[0];
  if (e.op == "count" || e.has_where || source.kind != dsl::Expr::Kind::name || source.path.size() != 1)
    return tc.fail(e.span, text::tr("in a form, '{}( )' takes one breakdown field of the form, as in sum(by_risk); aggregates over submissions belong in indicators", e.op));
  Type t = name(source, tc);
  if (t.unknown()) return t;
  if (!t.is(Kind::breakdown)) return tc.fail(source.span, text::tr("in a form, '{}( )' works over the categories of a breakdown, but '{}' is {}", e.op, source.path.front().text, describe(t)));
  return Type{Kind::number, nullptr, e.op != "avg"};
}

std::string FormScope::no_period_reason() const {
  return text::tr("a check of form '{}' looks at one submission: 'in period' and previous() belong in indicators", form_.name);
}

}  // namespace mera::forms
