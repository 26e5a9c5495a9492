// Loading the unit tree from a table (a model folder's units.csv): columns id, name, level,
// parent, from, to, and optionally forms (the forms a unit submits, separated by blanks, when
// not every form of its level). Each row is one dated membership of a unit under its parent; a
// unit that moved has several rows, with the same forms. Checked against the model's levels (a parent is one level up the
// route) and against what is stored; one transaction, all or nothing.
#pragma once

#include "mera/dsl/diagnostic.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

struct UnitsReport {
  std::size_t units_added = 0;
  std::size_t memberships_added = 0;
  std::size_t memberships_closed = 0;  // an open membership given its end
  std::size_t unchanged = 0;           // rows already stored as they are
  bool refused = false;
  dsl::Diagnostics diags;
};

// Opens its own write transaction (storage::Busy when another writer holds the database).
UnitsReport import_units(storage::Database& db, const dsl::SourceFile& table, const rules::Model& model,
                         const std::string& user, const std::string& now);

// The same inside a transaction the caller holds (mera init: the database, the model and the
// units in one).
UnitsReport import_units_in(storage::Database& db, const dsl::SourceFile& table, const rules::Model& model,
                            const std::string& user, const std::string& now);

}  // namespace mera::engine
