// When two expressions of two models mean the same. The trees are compared, not the text:
// parentheses, line breaks and comments never reach the tree, so they never count. What the
// tree keeps as written and means one thing is compared by meaning: a number by its value
// (0.60 and 0.6; 60% and 0.6, since a percent is a share), a date by its day.
#include <algorithm>
#include <cmath>

#include "diff_parts.hpp"
#include "mera/dsl/format.hpp"

namespace mera::rules::diff {
namespace {

using Kind = dsl::Expr::Kind;

bool numeric(const dsl::Expr& e) { return e.kind == Kind::number || e.kind == Kind::percent; }

// 33.3% is 33.3 / 100, rounded twice; 0.333 once: they may differ in the last bit.
bool same_number(double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(1.0, std::max(std::fabs(a), std::fabs(b))); }

bool same_path(const std::vector<dsl::Ident>& a, const std::vector<dsl::Ident>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].text != b[i].text) return false;
  return true;
}

bool same_args(const std::vector<dsl::Expr>& a, const std::vector<dsl::Expr>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_meaning(a[i], b[i])) return false;
  return true;
}

// What a node holds besides its operands, by kind (ast.hpp says which member each kind uses).
bool same_node(const dsl::Expr& a, const dsl::Expr& b) {
  switch (a.kind) {
    case Kind::number:
    case Kind::percent: return same_number(a.number, b.number);
    case Kind::date: return a.date == b.date;
    case Kind::string: return a.text == b.text;
    case Kind::boolean: return a.boolean == b.boolean;
    case Kind::name: return same_path(a.path, b.path);
    case Kind::index: return a.key.text == b.key.text;
    case Kind::aggregate: return a.op == b.op && a.has_where == b.has_where;
    case Kind::unary:
    case Kind::binary:
    case Kind::call: return a.op == b.op;
    case Kind::null:
    case Kind::condition:
    case Kind::previous:
    case Kind::in_period: return true;
  }
  return false;
}

}  // namespace

bool same_meaning(const dsl::Expr& a, const dsl::Expr& b) {
  if (numeric(a) && numeric(b)) return same_number(a.number, b.number);
  return a.kind == b.kind && same_node(a, b) && same_args(a.args, b.args);
}

bool same_meaning(const std::optional<dsl::Expr>& a, const std::optional<dsl::Expr>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return same_meaning(*a, *b);
}

std::string expr_text(const std::optional<dsl::Expr>& e) { return e ? dsl::format_expr(*e) : std::string(); }

}  // namespace mera::rules::diff
