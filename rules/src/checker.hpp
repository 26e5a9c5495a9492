// The checker's shared state: the model under construction and the tables of names. Each
// part of the check (check_model, deadlines, indicators) is a function over it.
#pragma once

#include <map>
#include <set>

#include "mera/rules/check.hpp"

namespace mera::rules {

struct Checker {
  dsl::Diagnostics& diags;
  Model& model;
  forms::EnumTable enums;
  std::map<std::string, const dsl::IndicatorDecl*, std::less<>> indicator_decls;
  // The type of each indicator's value (a number or a breakdown), found on first use by a
  // formula that names it (indicator_scope.cpp); `any` while it is being found. A memo that
  // checking fills in, hence mutable.
  mutable std::map<std::string, forms::Type, std::less<>> indicator_types;
  std::set<std::string, std::less<>> declared_levels;  // on the route or not
  std::set<std::string, std::less<>> unknown_on_route;  // reported there, so not again at each use

  // True when `name` is a level on the route. A declared level that is off the route was
  // reported where it is declared (or where the route misspells it), so only a name that is no
  // level at all is reported here.
  bool route_level(const dsl::Ident& name);

  void error(dsl::Span span, std::string message) { diags.error(span, std::move(message)); }
  std::string route_text() const;  // "organization -> platform -> center"
};

void check_calendar(Checker& c, const dsl::ModelDecl& m);
void check_deadlines(Checker& c, const std::vector<const dsl::DeadlineDecl*>& decls);
void check_indicators(Checker& c, const std::vector<const dsl::IndicatorDecl*>& decls);
void check_lua(Checker& c, const std::vector<const dsl::LuaDecl*>& decls, const LuaHost& host);

}  // namespace mera::rules
