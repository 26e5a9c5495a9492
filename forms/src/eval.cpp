// evaluate: the rules of the expression language that are the same in every scope. Names,
// aggregates, `in period`, previous() and calls are the scope's business.
#include "mera/forms/eval.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "mera/dsl/format.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

using dsl::Expr;

namespace {

// How a value's kind is named when a Lua function gave the wrong one.
std::string kind_of(const Value& v) {
  struct Visit {
    std::string operator()(const Null&) const { return "no value"; }
    std::string operator()(double) const { return "a number"; }
    std::string operator()(bool) const { return "a condition (true or false)"; }
    std::string operator()(const std::string&) const { return "text"; }
    std::string operator()(const dsl::Date&) const { return "a date"; }
    std::string operator()(const Category& c) const { return "a category of " + c.enumeration->name; }
    std::string operator()(const Breakdown& b) const { return "a breakdown by " + b.enumeration->name; }
  };
  return std::visit(Visit{}, v.data());
}

const Expr* first_call(const Expr& e) {
  if (e.kind == Expr::Kind::call) return &e;
  for (const auto& a : e.args)
    if (const Expr* c = first_call(a)) return c;
  return nullptr;
}

// A value of the wrong kind. The checker refused every such expression unless a Lua function
// (whose result is known only when it runs) gave the value: then it is that function's error;
// otherwise it is a bug in mera.
Value mismatch(const Expr& e, const std::string& what) {
  if (const Expr* call = first_call(e))
    return Value::none(NoValue::lua_error, text::tr("{} (the value comes from function '{}')", what, call->callee.text));
  throw std::logic_error(fmt::format("evaluate `{}`: {}; the type checker should have refused it", dsl::format_expr(e), what));
}

Value shift(const dsl::Date& d, double days) {
  if (!std::isfinite(days) || std::fabs(days) > 3'000'000)
    return Value::none(NoValue::empty, text::tr("the date would fall outside the calendar"));
  return Value(dsl::Date::from_days(d.days() + static_cast<long>(std::floor(days))));
}

Value arithmetic(const Expr& e, const Value& a, const Value& b);

// A breakdown with a number, or two breakdowns by the same enum: category by category. A
// category empty in an operand stays empty with its reason; x / 0 empties only its category.
Value per_category(const Expr& e, const Value& a, const Value& b) {
  const Breakdown* x = a.get<Breakdown>();
  const Breakdown* y = b.get<Breakdown>();
  const Breakdown& shape = x ? *x : *y;
  bool fits = x && y ? x->enumeration == y->enumeration && x->counts.size() == y->counts.size() : (x ? b : a).is<double>();
  if (!fits) return mismatch(e, fmt::format("'{}' cannot combine {} and {}", e.op, kind_of(a), kind_of(b)));
  Breakdown out(shape.enumeration, std::vector<double>(shape.counts.size(), 0.0));
  for (std::size_t i = 0; i < out.counts.size(); ++i) {
    Value l = x ? x->at(i) : a;
    Value r = y ? y->at(i) : b;
    Value v = l.is_null() ? l : r.is_null() ? r : arithmetic(e, l, r);
    if (const Null* n = v.get<Null>()) out.set_empty(i, *n);
    else out.counts[i] = v.as<double>();
  }
  return Value(std::move(out));
}

// + - * /: numbers; date - date is days; date + n, n + date and date - n are dates; a
// breakdown with a number or a breakdown, category by category.
Value arithmetic(const Expr& e, const Value& a, const Value& b) {
  if (a.is<Breakdown>() || b.is<Breakdown>()) return per_category(e, a, b);
  char op = e.op[0];
  if (const double* x = a.get<double>()) {
    if (const double* y = b.get<double>()) {
      switch (op) {
        case '+': return Value(*x + *y);
        case '-': return Value(*x - *y);
        case '*': return Value(*x * *y);
        default: return *y == 0 ? Value::none(NoValue::zero_division) : Value(*x / *y);
      }
    }
    if (const auto* d = b.get<dsl::Date>(); d && op == '+') return shift(*d, *x);
  } else if (const auto* d = a.get<dsl::Date>()) {
    if (const double* y = b.get<double>(); y && (op == '+' || op == '-')) return shift(*d, op == '+' ? *y : -*y);
    if (const auto* d2 = b.get<dsl::Date>(); d2 && op == '-') return Value(static_cast<double>(d->days() - d2->days()));
  }
  return mismatch(e, fmt::format("'{}' cannot combine {} and {}", e.op, kind_of(a), kind_of(b)));
}

bool equality(const std::string& op) { return op[0] == '=' || op[0] == '!'; }

template <typename T> int order(const T& x, const T& y) { return x < y ? -1 : y < x ? 1 : 0; }

// -1, 0, 1; nullopt when the two cannot be compared with `op`.
std::optional<int> compare_values(const std::string& op, const Value& a, const Value& b) {
  bool only_equality = equality(op);
  if (const double* x = a.get<double>()) {
    if (const double* y = b.get<double>()) return order(*x, *y);
  } else if (const auto* d = a.get<dsl::Date>()) {
    if (const auto* d2 = b.get<dsl::Date>()) return order(*d, *d2);
  } else if (const auto* s = a.get<std::string>()) {
    if (const auto* s2 = b.get<std::string>()) return s->compare(*s2) < 0 ? -1 : *s == *s2 ? 0 : 1;
  } else if (const bool* p = a.get<bool>(); p && only_equality) {
    if (const bool* q = b.get<bool>()) return *p == *q ? 0 : 1;
  } else if (const auto* c = a.get<Category>(); c && only_equality) {
    if (const auto* c2 = b.get<Category>(); c2 && c->enumeration == c2->enumeration) return c->index == c2->index ? 0 : 1;
  }
  return std::nullopt;
}

// Whether order `c` (-1, 0, 1) satisfies a comparison operator. Decided by its characters, not
// by comparing strings: this runs for every check of every submission.
bool holds(const std::string& op, int c) {
  bool or_equal = op.size() == 2 && op[1] == '=';
  switch (op[0]) {
    case '=': return c == 0;
    case '!': return c != 0;
    case '<': return c < 0 || (or_equal && c == 0);
    default: return c > 0 || (or_equal && c == 0);
  }
}

// `x == null`, `x != null`: a test for emptiness, never empty itself. A Lua error is not an
// empty value: it goes on (no error is silently turned into "empty").
Value null_test(const Expr& e, const EvalScope& scope) {
  const Expr& other = e.args[0].kind == Expr::Kind::null ? e.args[1] : e.args[0];
  Value v = evaluate(other, scope);
  const Null* n = v.get<Null>();
  if (n && n->reason == NoValue::lua_error) return v;
  return Value((n != nullptr) == (e.op[0] == '='));
}

Value comparison(const Expr& e, const EvalScope& scope) {
  if (equality(e.op) && (e.args[0].kind == Expr::Kind::null || e.args[1].kind == Expr::Kind::null)) return null_test(e, scope);
  Value a = evaluate(e.args[0], scope);
  Value b = evaluate(e.args[1], scope);
  if (a.is_null()) return a;
  if (b.is_null()) return b;
  if (auto c = compare_values(e.op, a, b)) return Value(holds(e.op, *c));
  return mismatch(e, fmt::format("'{}' cannot compare {} with {}", e.op, kind_of(a), kind_of(b)));
}

// and, or: three-valued. The left operand decides alone when it can (false and ..., true or ...);
// otherwise an empty operand makes the result empty, unless the other one decides.
Value logic(const Expr& e, const EvalScope& scope) {
  bool decisive = e.op[0] == 'o';  // or; the value that settles the result by itself
  Value a = evaluate(e.args[0], scope);
  if (!a.is<bool>() && !a.is_null()) return mismatch(e.args[0], fmt::format("'{}' needs a condition, but got {}", e.op, kind_of(a)));
  if (a.is<bool>() && a.as<bool>() == decisive) return a;
  Value b = evaluate(e.args[1], scope);
  if (!b.is<bool>() && !b.is_null()) return mismatch(e.args[1], fmt::format("'{}' needs a condition, but got {}", e.op, kind_of(b)));
  if (a.is<bool>()) return b;
  if (b.is<bool>() && b.as<bool>() == decisive) return b;
  bool b_failed = b.is_null() && b.as<Null>().reason == NoValue::lua_error;
  return b_failed && a.as<Null>().reason != NoValue::lua_error ? b : a;
}

Value unary(const Expr& e, const EvalScope& scope) {
  Value v = evaluate(e.args[0], scope);
  if (v.is_null()) return v;
  if (e.op == "not") {
    if (const bool* b = v.get<bool>()) return Value(!*b);
    return mismatch(e, fmt::format("'not' needs a condition, but got {}", kind_of(v)));
  }
  if (const double* d = v.get<double>()) return Value(-*d);
  if (const Breakdown* b = v.get<Breakdown>()) {
    Breakdown out = *b;
    for (double& c : out.counts) c = -c;
    return Value(std::move(out));
  }
  return mismatch(e, fmt::format("'-' needs a number, but got {}", kind_of(v)));
}

// if C then A else B: only the chosen branch is evaluated; an empty C gives that empty value.
Value condition(const Expr& e, const EvalScope& scope) {
  Value c = evaluate(e.args[0], scope);
  if (c.is_null()) return c;
  if (const bool* b = c.get<bool>()) return evaluate(e.args[*b ? 1 : 2], scope);
  return mismatch(e.args[0], fmt::format("'if' needs a condition, but got {}", kind_of(c)));
}

// by_risk[high]: one category's count (or why it has none: risk_share[high] may be 0/0).
Value category(const Expr& e, const EvalScope& scope) {
  Value base = evaluate(e.args[0], scope);
  if (base.is_null()) return base;
  const Breakdown* b = base.get<Breakdown>();
  if (!b) return mismatch(e, fmt::format("only a breakdown has categories, but got {}", kind_of(base)));
  const auto& values = b->enumeration->values;
  for (std::size_t i = 0; i < values.size() && i < b->counts.size(); ++i)
    if (values[i].name == e.key.text) return b->at(i);
  throw std::logic_error(fmt::format("evaluate: '{}' is not a category of {}", e.key.text, b->enumeration->name));
}

Value call(const Expr& e, const EvalScope& scope) {
  if (auto v = scope.builtin(e)) return std::move(*v);
  std::vector<Value> args;
  args.reserve(e.args.size());
  for (const auto& a : e.args) args.push_back(evaluate(a, scope));
  return scope.call(e.callee.text.empty() ? e.op : e.callee.text, args);
}

Value in_period(const Expr& e, const EvalScope& scope) {
  Value d = evaluate(e.args[0], scope);
  if (d.is_null()) return d;
  if (!d.is<dsl::Date>()) return mismatch(e, fmt::format("'in period' needs a date, but got {}", kind_of(d)));
  return scope.in_period(d, e);
}

}  // namespace

// ---- EvalScope ----------------------------------------------------------------------------

Value EvalScope::in_period(const Value&, const dsl::Expr& e) const {
  throw std::logic_error(fmt::format("evaluate `{}`: 'in period' means nothing in this scope", dsl::format_expr(e)));
}

Value EvalScope::previous(const dsl::Expr& e) const {
  throw std::logic_error(fmt::format("evaluate `{}`: previous() means nothing in this scope", dsl::format_expr(e)));
}

Value EvalScope::call(const std::string& name, const std::vector<Value>& args) const {
  if (functions_) return functions_->call(name, args);
  return Value::none(NoValue::lua_error, fmt::format("function '{}' cannot run here: no Lua functions were given", name));
}

std::optional<Value> EvalScope::enum_value(const dsl::Expr& e) const {
  if (e.path.size() != 2) return std::nullopt;
  auto it = enums_.find(e.path[0].text);
  if (it == enums_.end()) return std::nullopt;
  const auto& values = it->second->values;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i].name == e.path[1].text) return Value(Category{it->second, i});
  return std::nullopt;
}

// ---- evaluate -----------------------------------------------------------------------------

Value evaluate(const dsl::Expr& e, const EvalScope& scope) {
  switch (e.kind) {
    case Expr::Kind::number:
    case Expr::Kind::percent: return Value(e.number);
    case Expr::Kind::date: return Value(e.date);
    case Expr::Kind::string: return Value(e.text);
    case Expr::Kind::boolean: return Value(e.boolean);
    case Expr::Kind::null: return Value::none(NoValue::empty);
    case Expr::Kind::name:
      if (auto v = scope.enum_value(e)) return std::move(*v);
      return scope.name(e);
    case Expr::Kind::index: return category(e, scope);
    case Expr::Kind::unary: return unary(e, scope);
    case Expr::Kind::binary:
      if (e.op[0] == 'a' || e.op[0] == 'o') return logic(e, scope);  // and, or
      if (e.op.size() == 1 && std::string_view("+-*/").find(e.op[0]) != std::string_view::npos) {
        Value a = evaluate(e.args[0], scope);
        Value b = evaluate(e.args[1], scope);
        if (a.is_null()) return a;
        if (b.is_null()) return b;
        return arithmetic(e, a, b);
      }
      return comparison(e, scope);
    case Expr::Kind::condition: return condition(e, scope);
    case Expr::Kind::aggregate: return scope.aggregate(e);
    case Expr::Kind::call: return call(e, scope);
    case Expr::Kind::previous: return scope.previous(e);
    case Expr::Kind::in_period: return in_period(e, scope);
  }
  throw std::logic_error("evaluate: unknown kind of expression");
}

}  // namespace mera::forms
