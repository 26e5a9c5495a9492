// Turns PEGTL's generic parse tree into the typed syntax tree (ast.hpp): declarations in
// build_decls.cpp, expressions in build_expr.cpp. Checks that only the
// text itself can settle also happen here: dates that do not exist, percents over 100, names
// that mix alphabets. Everything about meaning is left to rules/check.
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "mera/dsl/ast.hpp"
#include "mera/dsl/diagnostic.hpp"

namespace mera::dsl {

using Node = tao::pegtl::parse_tree::node;

class TreeBuilder {
 public:
  TreeBuilder(const SourceFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  Decl declaration(const Node& n);

 private:
  Span span(const Node& n) const;
  Ident ident(const Node& n);
  Label label(const Node& n);
  Date date(const Node& n);
  int small_integer(const Node& n, int max);

  ModelDecl model(const Node& n);
  HolidaysClause holidays(const Node& n);
  LevelDecl level(const Node& n);
  RouteDecl route(const Node& n);
  EnumDecl enumeration(const Node& n);
  FormDecl form(const Node& n);
  FormMember form_member(const Node& n);
  FieldDecl field(const Node& n);
  CheckDecl check(const Node& n);
  DeadlineDecl deadline(const Node& n);
  DueRule due_rule(const Node& n);
  IndicatorDecl indicator(const Node& n);
  FormatClause format_clause(const Node& n);
  LuaDecl lua(const Node& n);
  DropDecl drop(const Node& n);
  AmendDecl amend(const Node& n);
  AmendMember amend_member(const Node& n);
  DeclNode plain_declaration(const Node& n);

  Expr expr(const Node& n);
  Expr literal(const Node& n);
  Expr binary_chain(const Node& n);
  Expr reference(const Node& n);
  Expr aggregate(const Node& n);
  std::vector<Ident> path(const Node& n);

  const SourceFile& file_;
  Diagnostics& diags_;
};

}  // namespace mera::dsl
