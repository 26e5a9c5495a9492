// Where reporting stands on a day, per unit: what is overdue and by how many days, what falls
// due soon, what was returned and why, what waits for the unit's review or is ready to forward,
// what came late; then completeness and timeliness per unit, level and period. Everything is as
// of the end of that day: reports submitted and steps taken later do not count, so the same
// database answers "what was overdue on 2022-01-12?" at any time. See docs/workflow.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/engine/reporting.hpp"
#include "mera/forms/period.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

struct StatusOptions {
  dsl::Date on;
  std::string unit;   // only this unit and the units below it; empty: the whole tree
  int soon_days = 7;  // "due soon": due from `on` to `on` + soon_days
  std::optional<forms::Period> period;  // the completeness columns start here; default: the latest period due by `on`
  bool history = false;  // also the `late` lines of earlier periods, not only of the latest one due
  // The day mera runs (default: the clock's). Nothing can be reported after it, so `on` may be at
  // most kAhead days later, and soon_days at most kAhead: what status reads stays bounded.
  std::optional<dsl::Date> today;
};

// How far ahead of today status looks: a year and a day (a leap year's reporting cycle).
inline constexpr int kAhead = 366;

enum class ItemKind {
  overdue,    // not in, and its due date has passed: `days` overdue
  due_soon,   // not in, due within soon_days: due in `days` (0: today)
  next,       // --unit only: the unit's next report (or forward) of a form not in yet, due later than soon_days: in `days`
  returned,   // returned by the unit above and not corrected yet
  corrected,  // returned, corrected and submitted again: waiting for review
  to_review,  // reports of the units below waiting for this unit to accept or return them
  ready,      // everything below accepted: the unit can forward its report
  late,       // came after its due date: `days` late (of earlier periods only with `history`)
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
  bool history = false;  // late lines of earlier periods included
  int earlier_late = 0;  // without history: late lines of earlier periods left out
  std::vector<UnitStatus> units;  // every unit in scope, in tree order (units without items too)
  std::vector<forms::Period> periods;  // the completeness columns: a period and the longer ones containing it
  std::vector<ShareRow> by_unit;       // each unit with everything below it
  std::vector<ShareRow> by_level;      // each level's own reports
  ShareRow total;
};

// Throws std::invalid_argument for a unit that does not exist, and for `on` or soon_days beyond
// kAhead days (the message says what to do).
StatusReport build_status(const storage::Database& db, const StatusOptions& options);

// The deadlines that concern one unit, for `mera deadlines --db DB --unit U`: the first hop of
// every form it submits (its level's forms, or those its forms list names), and every hop from its
// level of a form submitted below it, which it forwards once everything below is in.
class UnitDeadlines {
 public:
  // Throws std::invalid_argument for a unit that does not exist.
  UnitDeadlines(const storage::Database& db, const std::string& unit);
  ~UnitDeadlines();
  const storage::Unit& unit() const;
  // The unit above it on the period's last day; nullopt when it is not in the tree then.
  std::optional<std::string> parent_for(const forms::Period& period) const;
  bool concerns(const rules::Model& model, const forms::Form& form, const rules::Deadline& hop, const forms::Period& period) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

// The report as `mera status` prints it: a block per unit with something to say, the units with
// nothing to say in one line, then the completeness table. `today` marks a day in the future.
std::string render(const StatusReport& report, dsl::Date today);

}  // namespace mera::engine
