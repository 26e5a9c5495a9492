// Syntax tree building, part two: expressions, folded left and bounded in depth.
#include "build_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "grammar.hpp"
#include "mera/text/tr.hpp"

namespace mera::dsl {
namespace g = grammar;

namespace {

// The deepest an expression tree may grow. Parentheses are limited by the grammar; this also
// bounds long operator chains (a+a+a+...), which fold into a tree as deep as they are long.
constexpr int kMaxExprDepth = 200;

// What stands in for an expression that was refused, so nothing above it fails again.
Expr null_expr(Span span) {
  Expr e;
  e.span = span;
  return e;
}

std::uint16_t depth_of(const std::vector<Expr>& args) {
  int d = 0;
  for (const auto& a : args) d = std::max<int>(d, a.depth);
  return static_cast<std::uint16_t>(d + 1);
}

}  // namespace

// ---- expressions --------------------------------------------------------------------------

Expr TreeBuilder::expr(const Node& n) {
  Expr e;
  if (n.is_type<g::when_expr>() || n.is_type<g::formula>() || n.is_type<g::check_condition>() ||
      n.is_type<g::value_expr>() || n.is_type<g::target_value>() || n.is_type<g::paren>() ||
      n.is_type<g::where_clause>() || n.is_type<g::expression>()) {
    return expr(*n.children.at(0));
  }
  if (n.is_type<g::disjunction>() || n.is_type<g::conjunction>() || n.is_type<g::sum_expr>() ||
      n.is_type<g::product>()) {
    return binary_chain(n);
  }
  e.span = span(n);
  if (n.is_type<g::condition>()) {
    e.kind = Expr::Kind::condition;
    for (const auto& c : n.children) e.args.push_back(expr(*c));
  } else if (n.is_type<g::negation>() || n.is_type<g::unary>() || n.is_type<g::negated>() ||
             n.is_type<g::not_negation>()) {
    if (n.children.size() == 1) return expr(*n.children[0]);
    e.kind = Expr::Kind::unary;
    e.op = n.children[0]->is_type<g::not_op>() ? "not" : "-";
    e.args.push_back(expr(*n.children[1]));
  } else if (n.is_type<g::comparison>()) {
    if (n.children.size() == 1) return expr(*n.children[0]);
    if (n.children[1]->is_type<g::in_period>()) {
      e.kind = Expr::Kind::in_period;
      e.args.push_back(expr(*n.children[0]));
    } else {
      e.kind = Expr::Kind::binary;
      e.op = n.children[1]->string();
      e.args.push_back(expr(*n.children[0]));
      e.args.push_back(expr(*n.children[2]));
    }
  } else if (n.is_type<g::reference>()) {
    return reference(n);
  } else if (n.is_type<g::aggregate>()) {
    return aggregate(n);
  } else if (n.is_type<g::previous_call>()) {
    e.kind = Expr::Kind::previous;
    e.args.push_back(expr(*n.children.at(0)));
  } else if (n.is_type<g::call>()) {
    e.kind = Expr::Kind::call;
    e.callee = ident(*n.children.at(0));
    e.op = e.callee.text;
    for (std::size_t i = 1; i < n.children.size(); ++i) e.args.push_back(expr(*n.children[i]));
  } else {
    return literal(n);
  }
  e.depth = depth_of(e.args);
  if (e.depth > kMaxExprDepth) {
    diags_.error(e.span, text::tr("expression nested too deeply (more than {} levels)", kMaxExprDepth));
    return null_expr(e.span);
  }
  return e;
}

// a OP b OP c ... folds to the left: ((a OP b) OP c).
Expr TreeBuilder::binary_chain(const Node& n) {
  Expr left = expr(*n.children.at(0));
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    Expr e;
    e.kind = Expr::Kind::binary;
    e.op = n.children[i]->string();
    e.span = {&file_, left.span.begin, static_cast<std::uint32_t>(n.children[i + 1]->m_end.byte)};
    e.args.push_back(std::move(left));
    e.args.push_back(expr(*n.children[i + 1]));
    e.depth = depth_of(e.args);
    if (e.depth > kMaxExprDepth) {
      diags_.error(span(n), text::tr("expression nested too deeply (more than {} levels)", kMaxExprDepth));
      return null_expr(span(n));
    }
    left = std::move(e);
  }
  return left;
}

Expr TreeBuilder::literal(const Node& n) {
  Expr e;
  e.span = span(n);
  e.text = n.string();
  if (n.is_type<g::number_lit>()) {
    e.kind = Expr::Kind::number;
    e.number = std::strtod(e.text.c_str(), nullptr);
  } else if (n.is_type<g::percent_lit>()) {
    e.kind = Expr::Kind::percent;
    e.number = std::strtod(e.text.c_str(), nullptr) / 100;
    if (e.number > 1)
      diags_.error(e.span, text::tr("{} is over 100%: a share cannot be larger than the whole", e.text));
  } else if (n.is_type<g::date_lit>()) {
    e.kind = Expr::Kind::date;
    e.date = date(n);
  } else if (n.is_type<g::string_lit>()) {
    e.kind = Expr::Kind::string;
    e.text = label(n).text;
  } else if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
    e.kind = Expr::Kind::boolean;
    e.boolean = n.is_type<g::true_lit>();
  } else {
    e.kind = Expr::Kind::null;
  }
  return e;
}

std::vector<Ident> TreeBuilder::path(const Node& n) {
  std::vector<Ident> parts;
  for (const auto& c : n.children) parts.push_back(ident(*c));
  return parts;
}

// name, form.field, enum.value, breakdown[category]
Expr TreeBuilder::reference(const Node& n) {
  Expr name;
  name.kind = Expr::Kind::name;
  name.path = path(*n.children.at(0));
  name.span = span(*n.children.at(0));
  if (n.children.size() == 1) return name;
  Expr index;
  index.kind = Expr::Kind::index;
  index.span = span(n);
  index.key = ident(*n.children[1]->children.at(0));
  index.args.push_back(std::move(name));
  index.depth = 2;
  return index;
}

// fn(source [where condition])
Expr TreeBuilder::aggregate(const Node& n) {
  Expr e;
  e.kind = Expr::Kind::aggregate;
  e.span = span(n);
  e.op = n.children.at(0)->string();
  e.args.push_back(reference(*n.children.at(1)));
  if (n.children.size() > 2) {
    e.has_where = true;
    e.args.push_back(expr(*n.children[2]));
  }
  e.depth = depth_of(e.args);
  return e;
}

}  // namespace mera::dsl
