#include "tomsk.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/dsl/source.hpp"
#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"

namespace mera::fuzz {
namespace {

const std::filesystem::path kModel = std::filesystem::path(MERA_SOURCE_DIR) / "examples" / "tomsk";

[[noreturn]] void give_up(const std::string& why, const dsl::Diagnostics& diags) {
  std::fprintf(stderr, "fuzz: %s\n%s", why.c_str(), dsl::render(diags).c_str());
  std::abort();
}

// A folder of its own under the system's temporary folder, removed at exit.
struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mera-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) give_up("cannot make a temporary folder", {});
    path = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

const Tomsk& tomsk() {
  static const Tomsk loaded = [] {
    Tomsk t;
    rules::CheckResult checked = rules::load_model(kModel, engine::LuaSandbox());
    if (!checked.model) give_up("examples/tomsk does not load", checked.diags);
    t.model = checked.model;
    for (const auto& e : t.model->enums) t.enums.emplace(e->name, e.get());
    t.functions = std::make_unique<engine::LuaFunctions>(*t.model);
    return t;
  }();
  return loaded;
}

storage::Database& tomsk_database() {
  static TempFolder folder;
  static storage::Database db = [] {
    std::string path = (folder.path / "tomsk.db").string();
    engine::InitReport init = engine::init_database(path, kModel.string(), "fuzz", kNow);
    if (!init.created) give_up("mera init of examples/tomsk failed", init.diags);
    storage::Database made = storage::Database::open(path);
    for (const char* data : {"data/2021.jsonl", "data/staff_2021.csv"}) {
      auto file = dsl::read_source((kModel / data).string());
      engine::FileReport r = engine::submit_file(made, file, {"fuzz", false, kNow});
      if (r.refused) give_up(std::string("examples/tomsk/") + data + " was refused", r.diags);
    }
    return made;
  }();
  return db;
}

}  // namespace mera::fuzz
