// Taking in submission files: each submission checked against the model revision in force for
// its period, the unit tree and what is already stored; one file, one transaction. If anything
// in a file is wrong, nothing of it is stored and every problem of every submission is reported.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/submission.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

// What submit_file loads before it reads a file, the unit tree and the model revisions (each
// revision's model parsed and checked, its Lua sandbox made), kept for the next file taken in
// on the same connection while Database::structure_generation() stays the same: the service's
// writer takes in every request with one, instead of loading the model per request. Not
// thread-safe: one per connection, used by one thread at a time.
class IntakeCache {
 public:
  IntakeCache();
  ~IntakeCache();
  IntakeCache(const IntakeCache&) = delete;
  IntakeCache& operator=(const IntakeCache&) = delete;

  struct Loaded;  // src/intake.cpp
  // What db holds now: the kept one when nothing changed since, else loaded afresh.
  Loaded& for_database(const storage::Database& db);

 private:
  std::unique_ptr<Loaded> loaded_;
};

struct SubmitOptions {
  std::string user;      // who submits: stored with every submission and in the audit log
  bool correct = false;  // every submission of the file replaces an earlier one (--correct)
  std::string now;       // ISO time of the submission; storage::now_utc() when empty
  // Check everything exactly as for storing, in a read snapshot without the write lock: nothing
  // is stored, nothing audited (the service's validation of a draft, so that live validation is
  // the intake itself). `stored` then counts what would be stored; `ids` stays empty.
  bool dry_run = false;
  IntakeCache* cache = nullptr;  // null: load what the file is checked against afresh
};

struct FileReport {
  std::string file;
  std::size_t read = 0;           // submissions found in the file
  std::size_t stored = 0;         // 0 when the file was refused
  std::size_t with_warnings = 0;
  std::size_t with_errors = 0;    // submissions with at least one error
  std::size_t repeated = 0;       // of those, refused only because the report was already submitted
  bool refused = false;           // true when nothing of the file was stored
  dsl::Diagnostics diags;         // errors and warnings, in the order found
  std::vector<std::int64_t> ids;  // the submissions stored, in file order (none when refused)
};

// The submissions of a file of any format mera takes in: JSON, CSV (forms/read.hpp) or a
// workbook made by mera template (sheets/workbook.hpp). The spans point into the returned file
// (a workbook's cells as text of their own), which the caller keeps while it uses them.
dsl::SourcePtr read_any(const dsl::SourcePtr& file, dsl::Diagnostics& diags, const std::function<void(forms::SubmissionInput&&)>& each);

// Reads and stores one file (with dry_run, reads and checks it and stores nothing). Throws
// storage::Busy when another writer holds the database (before anything is read) and
// storage::Error when the database itself fails; either way the file's transaction is rolled
// back. Called inside an open transaction, it is a savepoint of that one (the service's group
// commit): its all-or-nothing holds for the file alone, the outer commit makes it durable.
FileReport submit_file(storage::Database& db, const dsl::SourcePtr& file, const SubmitOptions& options);

// What `mera submit` says of a file after its diagnostics: "FILE: 12 submissions stored (1 with
// warnings)" or "FILE: refused: 3 errors in 2 of 40 submissions; nothing of this file was stored".
std::string summary(const FileReport& report);

}  // namespace mera::engine
