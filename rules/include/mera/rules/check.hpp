// Stage 2 of the pipeline: a parsed model checked as a whole and compiled.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/rules/lua_host.hpp"
#include "mera/rules/model.hpp"

namespace mera::rules {

struct CheckResult {
  std::shared_ptr<const Model> model;  // null when there are errors
  dsl::Diagnostics diags;              // every problem found, in source order
};

// What a regional model took out of its base, keyed by what is gone: "level platform",
// "form families", "field families.long_work" (`drop`, `drop field` in `amend form`, or a field
// that a `replace form` leaves out). An error about a name that is gone gets a note here.
struct Removal {
  dsl::Span at;      // the drop, or the replacing declaration
  std::string note;  // "model 'kaluga' drops it here; ..."
};
using Removals = std::map<std::string, Removal, std::less<>>;

// Checks the declarations of one model (a base model's already merged in by load_model) and
// compiles them. Reports every problem at once; no cascades. `removed` is what load_model's
// merge took out of the base, so that a reference left dangling says why.
CheckResult check(const std::vector<const dsl::Decl*>& decls, const std::vector<dsl::SourcePtr>& sources,
                  const LuaHost& lua, const Removals& removed = {});

// Reads a model from a .mera file or a folder of them, parses it, merges the base model it
// extends (found beside it), checks and compiles it. Throws std::runtime_error only when the
// path itself cannot be read; everything wrong inside the files is a diagnostic.
CheckResult load_model(const std::filesystem::path& path, const LuaHost& lua);

// A model's files kept somewhere other than on disk (a revision stored in the database):
// '/'-separated paths relative to the folder that holds the model ("tomsk/model.mera", and for
// a regional model its base's files too, "tomsk/..." beside "kaluga/...") and their texts.
using ModelFiles = std::map<std::string, std::string, std::less<>>;

// The same as load_model from disk, over stored files; `root` is the model's own path among
// them ("tomsk" for a folder, "tomsk.mera" for a single file). Diagnostics name the stored paths.
CheckResult load_model(const ModelFiles& files, const std::string& root, const LuaHost& lua);

// The files a model loaded from disk was read from, as ModelFiles relative to the folder that
// holds `path`, and the root to load them again with: what a revision stores.
struct StoredModel {
  ModelFiles files;
  std::string root;
};
StoredModel stored_model(const Model& model, const std::filesystem::path& path);

}  // namespace mera::rules
