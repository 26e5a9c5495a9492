#include "mera/forms/typecheck.hpp"

#include <fmt/format.h>

#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

using Kind = Type::Kind;
using dsl::Expr;

std::string closest(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = word.size() <= 3 ? 1 : 2;  // short names: one typo at most
  // The distance is at least the difference of the lengths: a name much longer or shorter than
  // the word is skipped unread (a 50 MB unit id is measured once, not compared with every id).
  std::size_t length = dsl::display_width(word);
  for (const auto& n : names) {
    std::size_t other = dsl::display_width(n);
    if ((length > other ? length - other : other - length) > best_distance) continue;
    std::size_t d = dsl::edit_distance(word, n);
    if (d <= best_distance && (best.empty() || d < best_distance)) {
      best = n;
      best_distance = d;
    }
  }
  return best.empty() ? "" : text::tr("; did you mean '{}'?", best);
}

template <typename Names> std::string did_you_mean(std::string_view word, const Names& names) {
  std::vector<std::string> list;
  for (const auto& entry : names) list.push_back(std::string(entry.first));
  return closest(word, list);
}
template std::string did_you_mean(std::string_view, const EnumTable&);
template std::string did_you_mean(std::string_view, const FunctionTable&);

// ---- Scope --------------------------------------------------------------------------------

Type Scope::enum_value(const Expr& e, TypeChecker& tc, const std::string& unknown) const {
  const auto& head = e.path.front();
  auto it = enums_.find(head.text);
  if (it == enums_.end()) return tc.fail(head.span, unknown);
  if (e.path.size() != 2) return tc.fail(e.span, text::tr("'{}' is an enum: name one of its values, as in {}.{}", head.text, head.text, it->second->values.front().name));
  const Enum& en = *it->second;
  if (!en.value(e.path[1].text))
    return tc.fail(e.path[1].span, text::tr("enum '{}' has no value '{}'{}", en.name, e.path[1].text, closest(e.path[1].text, en.value_names())));
  Type t = Type::of(Kind::category);
  t.enumeration = &en;
  return t;
}

// f(a, b): a function of a lua block; its result is known only when it runs.
Type Scope::call(const Expr& e, TypeChecker& tc) const {
  bool failed = false;
  for (const auto& a : e.args) failed |= tc.check(a, *this).is(Kind::error);
  auto it = functions_.find(e.callee.text);
  if (it == functions_.end()) {
    return tc.fail(e.callee.span, text::tr("unknown function '{}': no lua block defines it{}", e.callee.text, did_you_mean(e.callee.text, functions_)));
  }
  const Function& f = it->second;
  auto given = static_cast<int>(e.args.size());
  if (given < f.params || (given > f.params && !f.variadic)) {
    return tc.fail(e.span, text::tr("function '{0}' takes {1} {1:argument|arguments}, but {2} {2:is|are} given", f.name, text::count(f.params), text::count(given)));
  }
  return failed ? Type::of(Kind::error) : Type::of(Kind::any);
}

// ---- TypeChecker --------------------------------------------------------------------------

Type TypeChecker::fail(dsl::Span span, std::string message) {
  diags_.error(span, std::move(message));
  return Type::of(Kind::error);
}

bool TypeChecker::expect(const Expr& e, const Scope& scope, Kind kind, const std::string& role) {
  Type t = check(e, scope);
  if (t.unknown() || t.kind == kind) return !t.is(Kind::error);
  fail(e.span, text::tr("{} must be {}, but this is {}", role, describe(Type::of(kind)), describe(t)));
  return false;
}

Type TypeChecker::check(const Expr& e, const Scope& scope) {
  switch (e.kind) {
    case Expr::Kind::number: return Type{Kind::number, nullptr, e.text.find('.') == std::string::npos};
    case Expr::Kind::percent: return Type{Kind::number, nullptr, false, true};
    case Expr::Kind::date: return Type::of(Kind::date);
    case Expr::Kind::string: return Type::of(Kind::text);
    case Expr::Kind::boolean: return Type::of(Kind::boolean);
    case Expr::Kind::null: return Type::of(Kind::null);
    case Expr::Kind::name: return scope.name(e, *this);
    case Expr::Kind::index: return index(e, scope);
    case Expr::Kind::aggregate: return scope.aggregate(e, *this);
    case Expr::Kind::call: return scope.call(e, *this);
    case Expr::Kind::condition: return condition(e, scope);
    case Expr::Kind::in_period:
    case Expr::Kind::previous: {
      if (auto why = scope.no_period_reason(); !why.empty()) return fail(e.span, why);
      Type inner = check(e.args[0], scope);
      if (e.kind == Expr::Kind::previous || inner.unknown()) return inner;
      if (!inner.is(Kind::date)) return fail(e.args[0].span, text::tr("'in period' needs a date, but this is {}", describe(inner)));
      return Type::of(Kind::boolean);
    }
    case Expr::Kind::unary:
      if (e.op == "not") return logic(e, scope);
      if (Type t = check(e.args[0], scope); !t.numeric() && !(t.is(Kind::breakdown) && scope.per_category_arithmetic())) return fail(e.args[0].span, text::tr("'-' needs a number, but this is {}", describe(t)));
      else return t;
    case Expr::Kind::binary:
      if (e.op == "and" || e.op == "or") return logic(e, scope);
      Type a = check(e.args[0], scope);
      Type b = check(e.args[1], scope);
      if (a.is(Kind::error) || b.is(Kind::error)) return Type::of(Kind::error);
      if (e.op == "+" || e.op == "-" || e.op == "*" || e.op == "/") return arithmetic(e, a, b, scope);
      return comparison(e, a, b);
  }
  return Type::of(Kind::error);
}

// + - * /: numbers; a date minus a date is days; a date plus or minus days is a date; in an
// indicator, a breakdown with a number or a breakdown is a breakdown.
Type TypeChecker::arithmetic(const Expr& e, const Type& a, const Type& b, const Scope& scope) {
  if (a.is(Kind::any) || b.is(Kind::any)) return Type::of(Kind::any);
  if (a.is(Kind::breakdown) || b.is(Kind::breakdown)) {
    if (scope.per_category_arithmetic()) return per_category(e, a, b);
    const Expr& operand = e.args[a.is(Kind::breakdown) ? 0 : 1];
    std::string field = operand.kind == Expr::Kind::name ? operand.path.front().text : "FIELD";
    const std::string& first = (a.is(Kind::breakdown) ? a : b).enumeration->values.front().name;
    return fail(e.span, text::tr("'{}' cannot combine {} and {}: within one submission a breakdown is used one category at a time ({}[{}]) "
                                    "or added up (sum({})); arithmetic category by category belongs in indicators",
                                    e.op, describe(a), describe(b), field, first, field));
  }
  bool additive = e.op == "+" || e.op == "-";
  if (a.is(Kind::number) && b.is(Kind::number)) return Type{Kind::number, nullptr, a.integer && b.integer && e.op != "/"};
  if (additive && a.is(Kind::date) && b.is(Kind::number)) return Type::of(Kind::date);
  if (e.op == "+" && a.is(Kind::number) && b.is(Kind::date)) return Type::of(Kind::date);
  if (e.op == "-" && a.is(Kind::date) && b.is(Kind::date)) return Type{Kind::number, nullptr, true};
  if (additive)
    return fail(e.span, text::tr("'{}' cannot combine {} and {}: it works on numbers, and on a date with a number of days", e.op, describe(a), describe(b)));
  return fail(e.span, text::tr("'{}' cannot combine {} and {}: it works on numbers", e.op, describe(a), describe(b)));
}

// A breakdown with a number (sum(v.by_risk) / sum(v.families)), or two breakdowns by the same
// enum (element-wise): a value per category.
Type TypeChecker::per_category(const Expr& e, const Type& a, const Type& b) {
  const Type& shape = a.is(Kind::breakdown) ? a : b;
  const Type& other = a.is(Kind::breakdown) ? b : a;
  if (other.is(Kind::breakdown) && other.enumeration != shape.enumeration)
    return fail(e.span, text::tr("'{}' cannot combine {} and {}: breakdowns combine category by category, so both must be by the same enum",
                                    e.op, describe(a), describe(b)));
  if (!other.is(Kind::breakdown) && !other.is(Kind::number))
    return fail(e.span, text::tr("'{}' cannot combine {} and {}: a breakdown combines with a number or with a breakdown by the same enum",
                                    e.op, describe(a), describe(b)));
  return Type{Kind::breakdown, shape.enumeration, a.integer && b.integer && e.op != "/"};
}

namespace {

// ", as in by_risk[low]" or ", as in sum(v.by_risk[low])": how one category of a breakdown
// operand is written; empty when the operand is no name or aggregate.
std::string one_category(const Expr& operand, const Enum& en) {
  const std::string& first = en.values.front().name;
  auto path_text = [](const Expr& p) {
    std::string out;
    for (const auto& part : p.path) out += (out.empty() ? "" : ".") + part.text;
    return out;
  };
  if (operand.kind == Expr::Kind::name) return text::tr(", as in {}[{}]", path_text(operand), first);
  if (operand.kind == Expr::Kind::aggregate && operand.args[0].kind == Expr::Kind::name)
    return text::tr(", as in {}({}[{}]{})", operand.op, path_text(operand.args[0]), first, operand.has_where ? " where ..." : "");
  return {};
}

}  // namespace

// A breakdown has no single value to compare: one of its categories has.
Type TypeChecker::breakdown_comparison(const Expr& e, const Type& a, const Type& b) {
  const Expr& operand = e.args[a.is(Kind::breakdown) ? 0 : 1];
  const Type& t = a.is(Kind::breakdown) ? a : b;
  std::string what = a.is(Kind::breakdown) && b.is(Kind::breakdown) ? text::tr("'{}' cannot compare two breakdowns", e.op)
                                                                      : text::tr("cannot compare {} with {}", describe(a), describe(b));
  return fail(e.span, text::tr("{}: a breakdown has a value per category; compare one of them{}", what, one_category(operand, *t.enumeration)));
}

Type TypeChecker::comparison(const Expr& e, const Type& a, const Type& b) {
  Type boolean = Type::of(Kind::boolean);
  if (a.unknown() || b.unknown()) return boolean;
  bool equality = e.op == "==" || e.op == "!=";
  if (equality && (a.is(Kind::null) || b.is(Kind::null))) return boolean;
  if (a.is(Kind::breakdown) || b.is(Kind::breakdown)) return breakdown_comparison(e, a, b);
  bool same = a.kind == b.kind && a.enumeration == b.enumeration;
  bool ordered = a.is(Kind::number) || a.is(Kind::date) || a.is(Kind::text);
  if (same && (equality || ordered)) return boolean;
  if (same && !ordered) return fail(e.span, text::tr("'{}' cannot order {}: only numbers, dates and text have an order", e.op, describe(a)));
  return fail(e.span, text::tr("cannot compare {} with {}", describe(a), describe(b)));
}

// and, or, not: conditions only.
Type TypeChecker::logic(const Expr& e, const Scope& scope) {
  bool failed = false;
  for (const auto& arg : e.args) {
    Type t = check(arg, scope);
    if (t.is(Kind::error)) failed = true;
    else if (!t.boolean()) failed = fail(arg.span, text::tr("'{}' needs a condition (true or false), but this is {}", e.op, describe(t))).is(Kind::error);
  }
  return failed ? Type::of(Kind::error) : Type::of(Kind::boolean);
}

// if C then A else B: both branches give the same kind of value (or null).
Type TypeChecker::condition(const Expr& e, const Scope& scope) {
  bool ok = expect(e.args[0], scope, Kind::boolean, text::tr("what follows 'if'"));
  Type a = check(e.args[1], scope);
  Type b = check(e.args[2], scope);
  if (!ok || a.is(Kind::error) || b.is(Kind::error)) return Type::of(Kind::error);
  if (a.is(Kind::null) || a.is(Kind::any)) return b;
  if (b.is(Kind::null) || b.is(Kind::any)) return a;
  if (a.kind != b.kind || a.enumeration != b.enumeration)
    return fail(e.span, text::tr("the branches of 'if' give different kinds of value: {} after 'then', {} after 'else'", describe(a), describe(b)));
  return a;
}

// by_risk[high]: one category of a breakdown.
Type TypeChecker::index(const Expr& e, const Scope& scope) {
  Type base = check(e.args[0], scope);
  if (base.unknown()) return base;
  if (!base.is(Kind::breakdown)) return fail(e.args[0].span, text::tr("only a breakdown ('int by ENUM') has categories in '[ ]', but this is {}", describe(base)));
  return category(base, e.key);
}

Type TypeChecker::category(const Type& breakdown, const dsl::Ident& key) {
  const Enum& en = *breakdown.enumeration;
  if (!en.value(key.text))
    return fail(key.span, text::tr("'{}' is not a category of {}{}", key.text, en.name, closest(key.text, en.value_names())));
  return Type{Kind::number, nullptr, breakdown.integer};
}

}  // namespace mera::forms
