// Access to reports: who may send the reports of a request (before the engine reads them for
// storing), and the day a stored report is judged on (its unit's place in the dated tree).
#pragma once

#include "context.hpp"
#include "mera/dsl/source.hpp"
#include "mera/storage/records.hpp"

namespace mera::service {

// Refuses the whole request, before anything is checked or stored: 403 listing each report of
// a unit the caller may not `action` (submit, validate, import_history), 400 listing each
// report that sets its own submitted_at when it is not an import (the server's clock stamps
// what it receives). A report without a unit is left to the engine, which says so.
void check_senders(Context& c, const dsl::SourcePtr& body, Action action, bool import, const engine::UnitTree& tree);

// The day the tree is read on for a stored report: the last day of its period its unit was in
// the tree (where a unit that moved during the period counts for it), or, for a record, the day
// it was submitted.
dsl::Date report_day(const storage::Submission& s, const engine::UnitTree& tree);

// The stored report a route's path names by its id (the first match of the route's pattern),
// once the caller may read it (on its report_day): 404 for an id that is no number or no
// report, 401 without a caller, 403 outside the caller's reach.
struct NamedReport {
  std::int64_t id = 0;
  storage::Submission submission;
  dsl::Date day;
};
NamedReport readable_report(Context& c, const engine::UnitTree& tree);

}  // namespace mera::service
