// The rows of a mera database as plain values: what Database reads and writes. The words are the
// domain's (unit, membership, revision, submission) and the tables use the same ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/date.hpp"

namespace mera::storage {

// A place in the reporting tree: a school, a district, the region.
struct Unit {
  std::string id;     // "school_12"
  std::string name;   // "School No. 12"
  std::string level;  // a level of the model: "school"
  friend bool operator==(const Unit&, const Unit&) = default;
};

// Unit belongs under parent from `from` to `to`, both days included. Dated, so that a school
// moved to another district in 2022 still rolls up into the old one for 2021.
struct Membership {
  std::int64_t id = 0;  // given by the database
  std::string unit;
  std::string parent;  // empty: the top of the tree
  dsl::Date from;
  std::optional<dsl::Date> to;  // inclusive; none: still open
  friend bool operator==(const Membership&, const Membership&) = default;
};

struct RevisionFile {
  std::string path;  // relative to the model's root: "forms.mera"
  std::string text;
  friend bool operator==(const RevisionFile&, const RevisionFile&) = default;
};

// One published version of a model, its files kept verbatim so that any old report can be
// evaluated again with the rules it was submitted under.
struct Revision {
  std::int64_t id = 0;  // given by the database
  std::string model;    // the model's name
  std::string root;     // where it was loaded from: "tomsk"
  std::vector<RevisionFile> files;  // read back ordered by path
  std::string hash;     // revision_hash(files), computed by add_revision
  dsl::Date effective;  // in force from this day, once approved
  std::string status;   // "draft" | "approved"
  std::string author;
  std::string created_at;
  std::string approved_by;  // empty while a draft
  std::string approved_at;
  friend bool operator==(const Revision&, const Revision&) = default;
};

// One version of one report. Never changed: a correction is a new row with version + 1 that
// supersedes the one before, so what was submitted when stays on record.
struct Submission {
  std::int64_t id = 0;  // given by the database
  std::string form;
  std::string unit;
  std::string period;      // "2021Q1"; empty for record forms
  std::string record_key;  // empty for period forms
  std::int64_t revision = 0;  // the model revision it was checked against
  int version = 1;
  std::int64_t supersedes = 0;  // id of version - 1; 0 for version 1
  std::string status;           // "submitted"
  std::string values_json;      // a JSON object, as text
  std::vector<std::string> warnings;
  std::string submitted_by;
  std::string submitted_at;
  std::string source;  // where it came from: "data/2021.jsonl:12"
  friend bool operator==(const Submission&, const Submission&) = default;
};

// Which submissions Database::submissions returns; an empty string matches anything.
struct SubmissionFilter {
  std::string form;
  std::string unit;
  std::string period;
  bool all_versions = false;  // false: only the current (highest) version of each report
};

// Who did what when. Append-only: the database refuses to change or delete a row.
struct AuditEntry {
  std::int64_t id = 0;  // given by the database
  std::string at;
  std::string who;
  std::string action;  // "init", "units.import", "revision.add", "submission.add", ...
  std::string subject;
  std::string detail;
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// ---- The review workflow and who reports what (issue 5; schema version 2) ----------------

// One step of a report on its way up the route. "accepted" and "returned" are the unit above
// judging one version of a report; "forwarded" is a unit sending its own consolidated report of
// a form and period to the next level. Append-only: the database refuses to change or delete one.
struct WorkflowEvent {
  std::int64_t id = 0;          // given by the database
  std::string action;           // "accepted" | "returned" | "forwarded"
  std::int64_t submission = 0;  // the version judged; 0 for "forwarded"
  std::string form;
  std::string unit;             // whose report: the submitting unit, or the one that forwards
  std::string period;           // empty for record forms
  std::string record_key;       // empty for period forms
  std::string actor;            // the unit that acted: the one above (accepted, returned), or `unit` (forwarded)
  std::string reason;           // why it was returned (required then); a remark otherwise
  std::string who;              // the person, as --user gives it
  std::string at;               // when it happened: an ISO date, or a date and time (UTC)
  std::string source;           // "reviews.csv:12", or empty from the command line
  friend bool operator==(const WorkflowEvent&, const WorkflowEvent&) = default;
};

// A unit that submits only some of its level's forms (the `forms` column of units.csv). A unit
// without any row submits every form of its level.
struct UnitForm {
  std::string unit;
  std::string form;
  friend bool operator==(const UnitForm&, const UnitForm&) = default;
};

// One version of a period report without its values: what status and completeness read for
// every report, cheaply.
struct ReportVersion {
  std::int64_t id = 0;
  std::string form;
  std::string unit;
  std::string period;
  int version = 1;
  std::string submitted_at;
  friend bool operator==(const ReportVersion&, const ReportVersion&) = default;
};

// ---- Accounts of the service (issue 14; schema version 3) ----------------------------------

// A person who uses `mera serve`: a login, the unit it belongs to, a role. The password is kept
// only as its Argon2id string (libsodium's crypto_pwhash_str), never in clear.
struct Account {
  std::string login;
  std::string unit;
  std::string role;           // submitter, reviewer, viewer, methodologist, approver, admin
  std::string password_hash;  // "$argon2id$v=19$m=...": salt and parameters included
  std::string created_at;
  std::string disabled_at;    // empty: active
  int failed_logins = 0;      // failed logins since the last good one
  std::string locked_until;   // no login before this time; empty: not locked
  friend bool operator==(const Account&, const Account&) = default;
};

// A logged-in session. Only a hash of its bearer token is stored: whoever reads the file learns
// no token that would let them in.
struct Session {
  std::string token_hash;  // hex
  std::string login;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;  // empty: not revoked
  friend bool operator==(const Session&, const Session&) = default;
};

// A fingerprint of every user table, to prove that something did or did not change.
struct TableContent {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;  // over every row in key order, every column tagged with type and length
  friend bool operator==(const TableContent&, const TableContent&) = default;
};

struct ContentSummary {
  std::vector<TableContent> tables;  // ordered by table name
  friend bool operator==(const ContentSummary&, const ContentSummary&) = default;
};

// The content hash of a model revision: SHA-256 over its files in path order, each path and
// text preceded by its length, so that no two different sets of files hash alike.
std::string revision_hash(std::vector<RevisionFile> files);

}  // namespace mera::storage
