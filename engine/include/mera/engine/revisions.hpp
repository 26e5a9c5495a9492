// The model revisions of a database, loaded on demand and kept: a submission is checked, and a
// period evaluated, under the approved revision in force on the period's first day.
#pragma once

#include <map>
#include <memory>

#include "mera/engine/lua_functions.hpp"
#include "mera/rules/check.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

// A stored revision's files, loaded and checked as `mera check` would check them on disk.
rules::CheckResult check_revision(const storage::Revision& revision);

struct LoadedRevision {
  storage::Revision revision;
  std::shared_ptr<const rules::Model> model;
  std::unique_ptr<LuaFunctions> functions;  // one sandbox per loaded model
  forms::EnumTable enums;
};

class Revisions {
 public:
  explicit Revisions(const storage::Database& db) : db_(db) {}

  // The approved revision in force on `day`, or null when none is (then `why` says so).
  const LoadedRevision* in_force(dsl::Date day, std::string& why);
  // The newest approved revision of all: what a submission whose period cannot be read is
  // checked against, so that its other problems are still found.
  const LoadedRevision* newest(std::string& why);
  // Throws std::runtime_error when the stored files no longer check (a newer mera refusing an
  // old model), with the diagnostics.
  const LoadedRevision& get(const storage::Revision& revision);

 private:
  const storage::Database& db_;
  std::map<std::int64_t, std::unique_ptr<LoadedRevision>> loaded_;
};

}  // namespace mera::engine
