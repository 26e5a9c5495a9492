// The model revisions of a database, loaded on demand and kept: a submission is checked, and a
// period evaluated, under the approved revision in force on the period's first day.
#pragma once

#include <map>
#include <optional>
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

// The revision in force on each day (and the newest), asked of the database once: for one piece
// of work within which no revision is approved (a file's intake, one transaction; a status) and
// that asks for the same few days again and again: every record of a file, every cell of a
// status. A query with the revision's files for each was most of a status (335,000 of them).
class RevisionsByDay {
 public:
  explicit RevisionsByDay(Revisions& revisions) : revisions_(revisions) {}
  const LoadedRevision* in_force(dsl::Date day, std::string& why);
  const LoadedRevision* newest(std::string& why);

 private:
  Revisions& revisions_;
  std::map<long, std::pair<const LoadedRevision*, std::string>> days_;  // by day number, with why not
  std::optional<std::pair<const LoadedRevision*, std::string>> newest_;
};

}  // namespace mera::engine
