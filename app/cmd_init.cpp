// mera init --db DB MODEL: a new database holding the model as its first revision and the unit
// tree the model folder ships (units.csv). All or nothing: on any error no database is left.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/engine/init.hpp"
#include "mera/storage/clock.hpp"

namespace mera::app {

int run_init(const std::string& db_path, const std::string& model_path, const std::string& user) {
  engine::InitReport report = engine::init_database(db_path, model_path, user, storage::now_utc());
  std::cerr << dsl::render(report.diags);
  if (!report.created) {
    std::cerr << fmt::format("{}: {} has errors; no database was created\n", db_path, report.model ? report.units_file : model_path);
    return input_errors;
  }
  std::string units = report.units_file.empty() ? std::string("no units yet (mera units import)")
                                                : fmt::format("{} units from {}", report.units, report.units_file);
  std::cout << fmt::format("{}: created with model {} (revision {}, in force from {}; {}) and {}\n", db_path, report.model->name,
                           report.revision, report.model->effective.iso(), report.model->summary(), units);
  return ok;
}

}  // namespace mera::app
