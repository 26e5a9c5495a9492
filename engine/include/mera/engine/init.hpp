// A new database for a model: the model as its first revision (approved, in force from the
// model's `effective` date) and the unit tree its folder ships as units.csv. All or nothing:
// when anything is wrong, no database file is left behind.
#pragma once

#include <memory>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/rules/model.hpp"

namespace mera::engine {

struct InitReport {
  bool created = false;
  std::shared_ptr<const rules::Model> model;  // null when the model has errors
  std::int64_t revision = 0;
  std::string units_file;   // empty when the model folder has no units.csv
  std::size_t units = 0;
  dsl::Diagnostics diags;   // the model's or the units table's problems
};

// Throws storage::Error when `db_path` exists or cannot be created.
InitReport init_database(const std::string& db_path, const std::string& model_path, const std::string& user, const std::string& now);

}  // namespace mera::engine
