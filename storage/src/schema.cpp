// The SQL of every schema version. Dates are ISO text (2021-01-01) and time stamps ISO UTC text,
// so both sort as text. Text keys that take part in UNIQUE are NOT NULL DEFAULT '' (NULLs are
// all distinct to UNIQUE); optional references are NULL instead, which foreign keys skip.
#include "schema.hpp"

namespace mera::storage {
namespace {

constexpr const char* kInitialSchema = R"sql(
CREATE TABLE units (
  id    TEXT NOT NULL PRIMARY KEY,
  name  TEXT NOT NULL,
  level TEXT NOT NULL
);

-- A unit's place in the tree over time: under parent from date_from to date_to, both included.
CREATE TABLE memberships (
  id        INTEGER PRIMARY KEY,
  unit      TEXT NOT NULL REFERENCES units(id),
  parent    TEXT REFERENCES units(id),  -- NULL: the top of the tree
  date_from TEXT NOT NULL,
  date_to   TEXT,                       -- NULL: still open
  CHECK (parent IS NULL OR parent <> unit),
  CHECK (date_to IS NULL OR date_to >= date_from)
);
CREATE INDEX memberships_by_unit ON memberships(unit, date_from);

CREATE TABLE model_revisions (
  id          INTEGER PRIMARY KEY,
  model       TEXT NOT NULL,
  root        TEXT NOT NULL,
  hash        TEXT NOT NULL,
  effective   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
  author      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX model_revisions_in_force ON model_revisions(status, effective, id);

-- The files of a revision, verbatim, so that an old report can be evaluated by its own rules.
CREATE TABLE revision_files (
  revision INTEGER NOT NULL REFERENCES model_revisions(id),
  path     TEXT NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (revision, path)
);

-- One row per version of a report; a correction is a new row, never an UPDATE.
CREATE TABLE submissions (
  id            INTEGER PRIMARY KEY,
  form          TEXT NOT NULL,
  unit          TEXT NOT NULL REFERENCES units(id),
  period        TEXT NOT NULL DEFAULT '',
  record_key    TEXT NOT NULL DEFAULT '',
  revision      INTEGER NOT NULL REFERENCES model_revisions(id),
  version       INTEGER NOT NULL CHECK (version >= 1),
  supersedes    INTEGER REFERENCES submissions(id),  -- NULL for version 1
  status        TEXT NOT NULL,
  values_json   TEXT NOT NULL,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  submitted_by  TEXT NOT NULL,
  submitted_at  TEXT NOT NULL,
  source        TEXT NOT NULL DEFAULT '',
  UNIQUE (form, unit, period, record_key, version)
);

-- Version n supersedes version n - 1 of the same report and nothing else, so "the current
-- version" and "the chain of corrections" can never disagree.
CREATE TRIGGER submissions_versions_chain BEFORE INSERT ON submissions
WHEN (NEW.version = 1 AND NEW.supersedes IS NOT NULL)
  OR (NEW.version > 1 AND NEW.supersedes IS NOT
      (SELECT id FROM submissions
        WHERE form = NEW.form AND unit = NEW.unit AND period = NEW.period
          AND record_key = NEW.record_key AND version = NEW.version - 1))
BEGIN
  SELECT RAISE(ABORT, 'version n of a submission must supersede version n - 1 of the same report');
END;
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
BEGIN
  SELECT RAISE(ABORT, 'submissions are never changed: a correction is a new version');
END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
BEGIN
  SELECT RAISE(ABORT, 'submissions are never deleted: a correction is a new version');
END;

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  who     TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be deleted');
END;
)sql";

// Issue 5: the steps of a report's way up the route, and which forms a unit submits.
constexpr const char* kWorkflow = R"sql(
-- accepted / returned: the unit above judged one version of a report (submission);
-- forwarded: a unit sent its own consolidated report of a form and period up the route.
CREATE TABLE workflow_events (
  id         INTEGER PRIMARY KEY,
  action     TEXT NOT NULL CHECK (action IN ('accepted', 'returned', 'forwarded')),
  submission INTEGER REFERENCES submissions(id),  -- NULL for forwarded
  form       TEXT NOT NULL,
  unit       TEXT NOT NULL REFERENCES units(id),
  period     TEXT NOT NULL DEFAULT '',
  record_key TEXT NOT NULL DEFAULT '',
  actor      TEXT NOT NULL REFERENCES units(id),
  reason     TEXT NOT NULL DEFAULT '',
  who        TEXT NOT NULL,
  at         TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT '',
  CHECK ((action = 'forwarded') = (submission IS NULL)),
  CHECK (action <> 'returned' OR trim(reason) <> '')
);
CREATE INDEX workflow_events_by_report ON workflow_events(form, unit, period, record_key, id);
CREATE TRIGGER workflow_events_no_update BEFORE UPDATE ON workflow_events
BEGIN
  SELECT RAISE(ABORT, 'workflow events are never changed: a new step is a new event');
END;
CREATE TRIGGER workflow_events_no_delete BEFORE DELETE ON workflow_events
BEGIN
  SELECT RAISE(ABORT, 'workflow events are never deleted: a new step is a new event');
END;

-- A unit that submits only some of its level's forms; a unit without rows submits them all.
CREATE TABLE unit_forms (
  unit TEXT NOT NULL REFERENCES units(id),
  form TEXT NOT NULL,
  PRIMARY KEY (unit, form)
);
)sql";

// Issue 14: the accounts of the service and their sessions. A password is kept only as its
// Argon2id string, a session only as the hash of its token: a copy of the file lets nobody log in.
constexpr const char* kAccounts = R"sql(
CREATE TABLE accounts (
  login         TEXT NOT NULL PRIMARY KEY,
  unit          TEXT NOT NULL REFERENCES units(id),
  role          TEXT NOT NULL CHECK (role IN ('submitter', 'reviewer', 'viewer', 'methodologist', 'approver', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  disabled_at   TEXT NOT NULL DEFAULT '',  -- '': the account may log in
  failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),  -- since the last good login
  locked_until  TEXT NOT NULL DEFAULT ''   -- no login before this time ('' none)
);

CREATE TABLE sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  login      TEXT NOT NULL REFERENCES accounts(login),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''  -- '': not revoked (logout, disabling the account)
);
CREATE INDEX sessions_by_login ON sessions(login);
)sql";

// Issue 14: a count of the changes to what a submission is checked against (the units, their
// places in the tree, the forms they submit, the model revisions), whoever makes them: the
// service keeps these loaded between requests and loads them again only when the count moved.
constexpr const char* kStructureGeneration = R"sql(
CREATE TABLE structure_generation (n INTEGER NOT NULL);
INSERT INTO structure_generation VALUES (0);
CREATE TRIGGER units_insert_counted AFTER INSERT ON units BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER units_update_counted AFTER UPDATE ON units BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER units_delete_counted AFTER DELETE ON units BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER memberships_insert_counted AFTER INSERT ON memberships BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER memberships_update_counted AFTER UPDATE ON memberships BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER memberships_delete_counted AFTER DELETE ON memberships BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER unit_forms_insert_counted AFTER INSERT ON unit_forms BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER unit_forms_update_counted AFTER UPDATE ON unit_forms BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER unit_forms_delete_counted AFTER DELETE ON unit_forms BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER model_revisions_insert_counted AFTER INSERT ON model_revisions BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER model_revisions_update_counted AFTER UPDATE ON model_revisions BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER model_revisions_delete_counted AFTER DELETE ON model_revisions BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER revision_files_insert_counted AFTER INSERT ON revision_files BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER revision_files_update_counted AFTER UPDATE ON revision_files BEGIN UPDATE structure_generation SET n = n + 1; END;
CREATE TRIGGER revision_files_delete_counted AFTER DELETE ON revision_files BEGIN UPDATE structure_generation SET n = n + 1; END;
)sql";

// Issue 15: the versions that a later one supersedes, found without probing the UNIQUE index
// once per row. Corrections are few, so the index is small: the engine reads a form's superseded
// ids from it once and skips them while it scans the form's rows in id order; "is this version
// current?" is one lookup in it (`later.supersedes = s.id`) instead of one in the whole key.
constexpr const char* kSupersededIndex = R"sql(
CREATE INDEX submissions_superseded ON submissions(form, supersedes) WHERE supersedes IS NOT NULL;
)sql";

constexpr Migration kMigrations[] = {
    {1, "create the initial schema", kInitialSchema},
    {2, "add workflow events and the forms of units", kWorkflow},
    {3, "add the accounts and sessions of the service", kAccounts},
    {4, "count the changes to the units and the model revisions", kStructureGeneration},
    {5, "index the versions that a correction supersedes", kSupersededIndex},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace mera::storage
