// The checker's shared state: the model under construction and the tables of names. Each
// part of the check (check_model, deadlines, indicators) is a function over it.
#pragma once

#include <map>

#include "mera/rules/check.hpp"

namespace mera::rules {

struct Checker {
  dsl::Diagnostics& diags;
  Model& model;
  forms::EnumTable enums;
  std::map<std::string, const dsl::IndicatorDecl*, std::less<>> indicator_decls;

  void error(dsl::Span span, std::string message) { diags.error(span, std::move(message)); }
  std::vector<std::string> level_names() const;
  std::string route_text() const;  // "organization -> platform -> center"
};

void check_deadlines(Checker& c, const std::vector<const dsl::DeadlineDecl*>& decls);
void check_indicators(Checker& c, const std::vector<const dsl::IndicatorDecl*>& decls);
void check_lua(Checker& c, const std::vector<const dsl::LuaDecl*>& decls, const LuaHost& host);

}  // namespace mera::rules
