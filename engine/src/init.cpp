// mera init: a new database holding a model as its first revision and the units its folder ships.
#include "mera/engine/init.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "mera/engine/lua_sandbox.hpp"
#include "mera/engine/publish.hpp"
#include "mera/engine/units_import.hpp"
#include "mera/rules/check.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {
namespace fs = std::filesystem;

InitReport init_database(const std::string& db_path, const std::string& model_path, const std::string& user, const std::string& now) {
  InitReport report;
  // Built under a temporary name and moved into place only when whole: an init that fails, or
  // loses the race to another init of the same path, leaves nothing and removes nothing else.
  // Made first, so that a path that exists is refused before the model is read.
  storage::NewDatabase fresh(db_path);
  rules::CheckResult checked = rules::load_model(model_path, LuaSandbox());
  report.diags = std::move(checked.diags);
  report.model = checked.model;
  if (!report.model) return report;
  fs::path units_path = fs::path(model_path) / "units.csv";
  dsl::SourcePtr units = fs::is_directory(model_path) && fs::exists(units_path) ? dsl::read_source(units_path.string()) : nullptr;

  {
    storage::Database& db = fresh.db();
    storage::Transaction tx = db.write();
    report.revision = db.add_revision(revision_of(*report.model, model_path, "approved", user, now));
    db.add_audit({0, now, user, "init", db_path,
                  fmt::format("model {} from {}, revision {} approved, in force from {}", report.model->name, model_path, report.revision,
                              report.model->effective.iso())});
    if (units) {
      report.units_file = units->name();
      UnitsReport imported = import_units_in(db, *units, *report.model, user, now);
      report.diags.append(imported.diags);
      if (imported.refused) return report;
      report.units = imported.units_added;
    }
    tx.commit();
  }
  fresh.publish();
  report.created = true;
  return report;
}

}  // namespace mera::engine
