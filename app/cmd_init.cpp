// mera init --db DB MODEL: a new database holding the model as its first revision and the unit
// tree the model folder ships (units.csv). All or nothing: on any error no database is left.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/engine/init.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

int run_init(const std::string& db_path, const std::string& model_path, const std::string& user) {
  engine::InitReport report = engine::init_database(db_path, model_path, user, storage::now_utc());
  std::cerr << dsl::render(report.diags);
  if (!report.created) {
    std::cerr << text::tr("{}: {} has errors; no database was created", db_path, report.model ? report.units_file : model_path) << "\n";
    return input_errors;
  }
  std::string units = report.units_file.empty() ? text::tr("no units yet (mera units import)")
                                                : text::tr("{0} {0:unit|units} from {1}", text::count(report.units), report.units_file);
  std::cout << text::tr("{}: created with model {} (revision {}, in force from {}; {}) and {}", db_path, report.model->name, report.revision,
                        report.model->effective.iso(), report.model->summary(), units) << "\n";
  return ok;
}

}  // namespace mera::app
