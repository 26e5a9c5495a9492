// One mera database file: open or create it, write in transactions, read the domain's rows.
// WAL mode, foreign keys on, synchronous=FULL; the schema is versioned (PRAGMA user_version) and
// migrated forward at open. See docs/storage.md for the tables.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/storage/error.hpp"
#include "mera/storage/records.hpp"

namespace mera::storage {

class Connection;  // the SQLite handle and its statement cache (src/connection.hpp)

// PRAGMA application_id of every mera database: "mera" in ASCII. A SQLite file without it is
// somebody else's, and open() leaves it untouched.
inline constexpr std::int32_t kApplicationId = 0x6d657261;

// The write transaction of one Database: BEGIN IMMEDIATE, so that a writer learns it is busy at
// the start and not half-way through an import. Rolled back when destroyed uncommitted (an early
// return, an exception). Must not outlive its Database. Started while another is open on the
// same Database, it is a savepoint of that one: its commit keeps its writes for the outer
// transaction to commit, its rollback undoes only its own. The service commits many requests
// in one transaction so, each request in its own savepoint, all-or-nothing on its own.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  void commit();

 private:
  friend class Database;
  explicit Transaction(Connection& connection);

  Connection* connection_;  // null once committed, rolled back or moved from
};

// A consistent view for reading: every read until it ends sees the database as it was at the
// first one, whatever other connections commit meanwhile (a deferred transaction; in WAL mode
// it never waits for writers nor makes them wait). Writes are refused while it is open.
class ReadSnapshot {
 public:
  ReadSnapshot(ReadSnapshot&& other) noexcept;
  ReadSnapshot& operator=(ReadSnapshot&&) = delete;
  ~ReadSnapshot();

 private:
  friend class Database;
  explicit ReadSnapshot(Connection& connection);

  Connection* connection_;
};

class Database {
 public:
  // Refuses a path that exists; otherwise makes the file with the current schema, atomically
  // (NewDatabase below): a database appears at `path` whole or not at all.
  static Database create(const std::string& path);
  // Refuses an empty path, a missing or zero-byte file, one that is not a mera database, or one
  // of a newer schema than this build knows; migrates an older one forward (all pending
  // migrations in one transaction). A file this process may not write (or whose folder it may
  // not write) is opened read-only: reading works, write() refuses.
  static Database open(const std::string& path);
  static int latest_schema_version();

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::string& path() const;
  int schema_version() const;
  // How long a write waits for another writer before Busy (default 5000 ms).
  void set_busy_timeout(int milliseconds);
  // The value of a PRAGMA ("journal_mode", "foreign_keys"), as text: for checks and tests.
  std::string pragma(std::string_view name) const;

  bool read_only() const;

  // Starts the write transaction every add_ and set_ below needs (std::logic_error without
  // one, or when one is already open). Throws Busy when another writer holds the database,
  // Error when it is read-only, and Damaged when the first write of this connection finds the
  // file damaged (PRAGMA quick_check, for files up to kQuickCheckLimit).
  Transaction write();
  ReadSnapshot snapshot();
  static constexpr std::int64_t kQuickCheckLimit = 16 << 20;

  // Units and their dated place in the tree.
  void add_unit(const Unit& unit);  // refuses an id that exists
  std::optional<Unit> unit(const std::string& id) const;
  std::vector<Unit> units() const;  // ordered by id
  std::int64_t add_membership(const Membership& membership);  // unit and parent must exist
  void set_membership_end(std::int64_t id, dsl::Date to);
  std::vector<Membership> memberships() const;  // ordered by unit, then from

  // Model revisions. add_revision ignores id and hash: the database numbers it and hashes files.
  std::int64_t add_revision(const Revision& revision);
  std::optional<Revision> revision(std::int64_t id) const;
  std::vector<Revision> revisions() const;  // ordered by id, files included
  void approve_revision(std::int64_t id, const std::string& who, const std::string& at);
  // The approved revision with the latest effective date on or before day (ties: the highest id).
  std::optional<Revision> revision_in_force(dsl::Date day) const;

  // Submissions, one row per version. version 1 supersedes nothing (0); version n must
  // supersede the id of version n - 1 of the same report, which the database checks.
  std::int64_t add_submission(const Submission& submission);
  std::optional<Submission> submission(std::int64_t id) const;
  std::optional<Submission> current(const std::string& form, const std::string& unit,
                                    const std::string& period, const std::string& record_key) const;
  std::vector<Submission> versions(const std::string& form, const std::string& unit,
                                   const std::string& period, const std::string& record_key) const;
  std::vector<Submission> submissions(const SubmissionFilter& filter = {}) const;  // ordered by id
  std::int64_t submission_count() const;  // rows, every version counted
  // The current version of every report of one form, streamed in id order without building a
  // Submission per row: what the indicator engine reads, possibly millions of records.
  struct CurrentRow {
    std::int64_t id = 0;
    std::string_view unit;
    std::string_view period;
    std::string_view record_key;
    std::string_view values_json;
    std::string_view submitted_at;
  };
  void each_current(const std::string& form, const std::function<void(const CurrentRow&)>& row) const;
  // The same for the reports of `units` only, unit by unit in the order given, each unit's in id
  // order: through the (form, unit, ...) index, so a region's evaluation reads its own rows, not
  // the country's.
  void each_current_of(const std::string& form, const std::vector<std::string>& units,
                       const std::function<void(const CurrentRow&)>& row) const;
  // The years that have reports: those of periods, and for records the years they were
  // submitted in. Ascending. What `mera eval` picks its default year from.
  std::vector<int> reported_years() const;
  // How many submissions (every version) each period has per revision they were checked
  // under; record forms (no period) are not counted. What approving a revision reports.
  struct PeriodRevisionCount {
    std::string period;
    std::int64_t revision = 0;
    std::int64_t count = 0;
  };
  std::vector<PeriodRevisionCount> counts_by_period_and_revision() const;

  // The audit log, append-only.
  std::int64_t add_audit(const AuditEntry& entry);
  std::vector<AuditEntry> audit() const;  // ordered by id

  // ---- The review workflow and who reports what (issue 5; src/workflow.cpp) -------------
  // add_workflow_event ignores id. The database checks the references (submission, units) and
  // that a return has a reason; the rules of the route are the engine's (engine/workflow.hpp).
  std::int64_t add_workflow_event(const WorkflowEvent& event);
  std::vector<WorkflowEvent> workflow_events() const;  // ordered by id
  // The events of one report (every version), ordered by id.
  std::vector<WorkflowEvent> workflow_events(const std::string& form, const std::string& unit,
                                             const std::string& period, const std::string& record_key) const;
  void add_unit_form(const UnitForm& unit_form);  // the unit must exist
  std::vector<UnitForm> unit_forms() const;       // ordered by unit, then form
  // Every version of every period report (record forms left out), ordered by id.
  std::vector<ReportVersion> report_versions() const;

  // ---- Accounts and sessions of the service (issue 14; src/accounts.cpp) ----------------
  // The rules (roles, password strength, lock-out) are the service's; these only store.
  void add_account(const Account& account);  // refuses a login that exists, a unit that does not
  std::optional<Account> account(const std::string& login) const;
  std::vector<Account> accounts() const;  // ordered by login
  void set_account_password(const std::string& login, const std::string& password_hash);
  void set_account_disabled(const std::string& login, const std::string& at);
  void set_login_failures(const std::string& login, int failed_logins, const std::string& locked_until);
  void add_session(const Session& session);
  std::optional<Session> session(const std::string& token_hash) const;
  void revoke_session(const std::string& token_hash, const std::string& at);
  int revoke_sessions(const std::string& login, const std::string& at);  // every open one; how many

  // A number that changes whenever the units, their memberships or forms, or the model
  // revisions change, by any connection (kept by triggers): what a cache of them is keyed by.
  std::int64_t structure_generation() const;

  // Checks. "ok", or SQLite's list of problems, one a line.
  std::string integrity_check() const;
  ContentSummary content() const;

 private:
  friend class NewDatabase;
  explicit Database(std::unique_ptr<Connection> connection);
  static Database build(const std::string& path, const std::string& file);
  void refuse_damage();

  std::unique_ptr<Connection> connection_;
  bool checked_for_damage_ = false;
};

// A database being made, under a temporary name in the folder of `path`, so that it appears at
// `path` whole or not at all. publish() moves it into place without ever replacing a file: of
// two makers of one path, one publishes and the other is told the path exists. Destroyed
// unpublished, it removes its own temporary files and nothing else.
class NewDatabase {
 public:
  explicit NewDatabase(const std::string& path);  // Error when `path` exists or the folder refuses
  NewDatabase(const NewDatabase&) = delete;
  NewDatabase& operator=(const NewDatabase&) = delete;
  ~NewDatabase();

  Database& db() { return *db_; }  // the schema made; fill it in, commit, then publish
  Database publish();  // Error when `path` appeared meanwhile; then nothing is left behind

 private:
  std::string path_, temporary_;
  std::optional<Database> db_;
};

}  // namespace mera::storage
