// Expressions in canonical form. Parentheses are not kept in the tree, so they are recomputed
// from precedence: printed exactly where leaving them out would parse to a different tree.
#include <string>

#include "mera/dsl/format.hpp"

namespace mera::dsl {

namespace {

// Binding strength, loosest first, as in the grammar (grammar.hpp: expression .. unary).
enum Prec { kIf, kOr, kAnd, kNot, kCompare, kAdd, kMul, kNeg, kAtom };

Prec binary_prec(const std::string& op) {
  if (op == "or") return kOr;
  if (op == "and") return kAnd;
  if (op == "+" || op == "-") return kAdd;
  if (op == "*" || op == "/") return kMul;
  return kCompare;
}

Prec prec(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::condition: return kIf;
    case Expr::Kind::binary: return binary_prec(e.op);
    case Expr::Kind::unary: return e.op == "not" ? kNot : kNeg;
    case Expr::Kind::in_period: return kCompare;
    default: return kAtom;
  }
}

std::string text(const Expr& e);

// `e` as an operand that the grammar only accepts at `min` or tighter.
std::string operand(const Expr& e, Prec min) {
  if (prec(e) >= min) return text(e);
  return "(" + text(e) + ")";
}

// Chains fold to the left, so the right operand must bind tighter than the operator itself;
// comparisons do not chain at all, so neither side may be a comparison.
std::string binary(const Expr& e) {
  Prec p = binary_prec(e.op);
  Prec left = p == kCompare ? kAdd : p;
  Prec right = p == kCompare ? kAdd : static_cast<Prec>(p + 1);
  return operand(e.args[0], left) + " " + e.op + " " + operand(e.args[1], right);
}

// `- -a` keeps a space, as `--a` reads like a decrement.
std::string unary(const Expr& e) {
  if (e.op == "not") return "not " + operand(e.args[0], kNot);
  std::string inner = operand(e.args[0], kNeg);
  return (inner.front() == '-' ? "- " : "-") + inner;
}

std::string path(const Expr& e) {
  std::string s;
  for (const auto& part : e.path) s += (s.empty() ? "" : ".") + part.text;
  return s;
}

std::string list(const std::vector<Expr>& args) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : ", ") + text(a);
  return s;
}

std::string aggregate(const Expr& e) {
  std::string s = e.op + "(" + text(e.args[0]);
  if (e.has_where && e.args.size() > 1) s += " where " + text(e.args[1]);
  return s + ")";
}

std::string text(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::number:
    case Expr::Kind::percent:
    case Expr::Kind::date: return e.text;  // as written: 1.50 stays 1.50
    case Expr::Kind::string: return format_string(e.text);
    case Expr::Kind::boolean: return e.boolean ? "true" : "false";
    case Expr::Kind::null: return "null";
    case Expr::Kind::name: return path(e);
    case Expr::Kind::index: return text(e.args[0]) + "[" + e.key.text + "]";
    case Expr::Kind::unary: return unary(e);
    case Expr::Kind::binary: return binary(e);
    case Expr::Kind::condition:
      return "if " + text(e.args[0]) + " then " + text(e.args[1]) + " else " + text(e.args[2]);
    case Expr::Kind::aggregate: return aggregate(e);
    case Expr::Kind::call: return e.op + "(" + list(e.args) + ")";
    case Expr::Kind::previous: return "previous(" + text(e.args[0]) + ")";
    case Expr::Kind::in_period: return operand(e.args[0], kAdd) + " in period";
  }
  return {};
}

}  // namespace

std::string format_expr(const Expr& e) { return text(e); }

std::string format_string(std::string_view value) {
  std::string s = "\"";
  for (char c : value) {
    switch (c) {
      case '"': s += "\\\""; break;
      case '\\': s += "\\\\"; break;
      case '\n': s += "\\n"; break;
      case '\t': s += "\\t"; break;
      default: s += c;
    }
  }
  return s + "\"";
}

}  // namespace mera::dsl
