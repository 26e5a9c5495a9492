// Small helpers for tests that check a model given as text.
#pragma once

#include <memory>
#include <string>

#include "mera/dsl/parse.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"

namespace mera::test {

// A valid skeleton: model header, two levels, the route, an enum and a quarterly form.
inline const std::string kSkeleton = R"(model t "T" { effective 2020-01-01 }
level organization "Организация"
level platform "Площадка"
route organization -> platform
enum risk { low "низкий", high "высокий" }
form f "F" {
  period quarter
  by organization
  field families int >= 0 "Семьи"
  field positive int >= 0
  field by_risk int by risk
  field opened date
  field note text
}
)";

struct Checked {
  rules::CheckResult result;
  std::string output;  // rendered diagnostics
};

inline Checked check_text(const std::string& text) {
  auto source = std::make_shared<dsl::SourceFile>("t.mera", text);
  Checked c;
  auto file = std::make_shared<dsl::File>(dsl::parse(source, c.result.diags));
  if (!c.result.diags.has_errors()) {
    std::vector<const dsl::Decl*> decls;
    for (const auto& d : file->decls) decls.push_back(&d);
    c.result = rules::check(decls, {source}, engine::LuaSandbox());
  }
  c.output = dsl::render(c.result.diags);
  return c;
}

// The enums of a checked model, as evaluation and validation look them up.
inline forms::EnumTable enum_table(const rules::Model& model) {
  forms::EnumTable table;
  for (const auto& e : model.enums) table.emplace(e->name, e.get());
  return table;
}

}  // namespace mera::test
