// Where reporting stands on a day, per unit: what is overdue and by how many days, what falls
// due soon, what was returned and why, what waits for the unit's review or is ready to forward,
// what came late; then completeness and timeliness per unit, level and period. Everything is as
// of the end of that day: reports submitted and steps taken later do not count, so the same
// database answers "what was overdue on 2022-01-12?" at any time. See docs/workflow.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/engine/reporting.hpp"
#include "mera/forms/period.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

struct StatusOptions {
  dsl::Date on;
  std::string unit;   // only this unit and the units below it; empty: the whole tree
  int soon_days = 7;  // "due soon": due from `on` to `on` + soon_days
  std::optional<forms::Period> period;  // the completeness columns start here; default: the latest period due by `on`
};

enum class ItemKind {
  overdue,    // not in, and its due date has passed: `days` overdue
  due_soon,   // not in, due within soon_days: due in `days` (0: today)
  returned,   // returned by the unit above and not corrected yet
  corrected,  // returned, corrected and submitted again: waiting for review
  to_review,  // reports of the units below waiting for this unit to accept or return them
  ready,      // everything below accepted: the unit can forward its report
  late,       // came after its due date: `days` late
};

struct StatusItem {
  ItemKind kind = ItemKind::overdue;
  std::string form;
  std::string period;         // "2021Q4"; for a run of periods (overdue, to review) the first
  std::string last_period;    // the last period of a run, else empty
  int count = 1;              // periods in the run
  bool forward = false;       // the unit's own report up the route, not a submission
  std::string to;             // the unit the report goes to
  std::optional<dsl::Date> due;
  int days = 0;               // overdue by, due in, late by (for a run: the oldest)
  std::string submitted;      // late: when it came; corrected: when the correction came
  std::string by, who, at;    // returned, corrected: the unit above, the person, when
  std::string reason;         // returned, corrected: why it was returned
  int accepted = 0, below = 0;     // forwards: reports below accepted, of how many
  std::vector<std::string> units;  // to_review: the units whose reports wait (one per report); forwards: those not accepted yet
};

struct UnitStatus {
  storage::Unit unit;
  std::string parent;  // on the day; empty at the top or outside the tree
  int depth = 0;       // in the tree on the day, for indenting
  std::vector<StatusItem> items;  // in ItemKind order, then by period and form
};

struct ShareRow {
  std::string label;  // a unit id, or a level name
  std::string name;   // the unit's name, or the level's label
  int depth = 0;
  std::vector<ReportingShare> cells;  // one per period column
};

struct StatusReport {
  dsl::Date on;
  int soon_days = 7;
  std::string scope;     // the --unit, or empty
  std::string model;     // "tomsk (revision 1)": the revision in force on the day, if any
  std::string note;      // when nothing could be due yet, why (no revision in force, ...)
  std::vector<UnitStatus> units;  // every unit in scope, in tree order (units without items too)
  std::vector<forms::Period> periods;  // the completeness columns: a period and the longer ones containing it
  std::vector<ShareRow> by_unit;       // each unit with everything below it
  std::vector<ShareRow> by_level;      // each level's own reports
  ShareRow total;
};

// Throws std::invalid_argument for a unit that does not exist.
StatusReport build_status(const storage::Database& db, const StatusOptions& options);

// The report as `mera status` prints it: a block per unit with something to say, the units with
// nothing to say in one line, then the completeness table. `today` marks a day in the future.
std::string render(const StatusReport& report, dsl::Date today);

}  // namespace mera::engine
