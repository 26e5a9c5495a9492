// Stage 2 of the pipeline: a parsed model checked as a whole and compiled.
#pragma once

#include <filesystem>
#include <memory>

#include "mera/dsl/diagnostic.hpp"
#include "mera/rules/lua_host.hpp"
#include "mera/rules/model.hpp"

namespace mera::rules {

struct CheckResult {
  std::shared_ptr<const Model> model;  // null when there are errors
  dsl::Diagnostics diags;              // every problem found, in source order
};

// Checks the declarations of one model (a base model's already merged in by load_model) and
// compiles them. Reports every problem at once; no cascades.
CheckResult check(const std::vector<const dsl::Decl*>& decls, const std::vector<dsl::SourcePtr>& sources,
                  const LuaHost& lua);

// Reads a model from a .mera file or a folder of them, parses it, merges the base model it
// extends (found beside it), checks and compiles it. Throws std::runtime_error only when the
// path itself cannot be read; everything wrong inside the files is a diagnostic.
CheckResult load_model(const std::filesystem::path& path, const LuaHost& lua);

}  // namespace mera::rules
