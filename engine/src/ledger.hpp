// What happened to each report: its versions and its workflow events, and its state as of any
// moment ("what did we know on 2022-01-12?"). The write path (review) builds one report's track
// from the database; status and completeness load every period report at once. Private to engine/.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "mera/storage/database.hpp"

namespace mera::engine {

// One report: every version and every event of it (for a unit's own consolidated report, its
// "forwarded" events).
struct ReportTrack {
  std::vector<storage::ReportVersion> versions;  // by version
  std::vector<storage::WorkflowEvent> events;    // by id
};

// A report as of a moment. `current` is the latest version submitted by then; `verdict` the last
// accept or return of that very version by then (none: waiting for review).
struct ReportState {
  const storage::ReportVersion* first = nullptr;
  const storage::ReportVersion* current = nullptr;
  const storage::WorkflowEvent* verdict = nullptr;
  const storage::WorkflowEvent* earlier_return = nullptr;  // the last return of an older version

  bool submitted() const { return current != nullptr; }
  bool returned() const { return verdict && verdict->action == "returned"; }
  bool accepted() const { return verdict && verdict->action == "accepted"; }
  bool pending() const { return current && !verdict; }
  // Received: a version is in and it was not sent back (a returned report is missing until the
  // corrected version comes).
  bool received() const { return current && !returned(); }
};

// The state points into `track`, which must outlive it.
ReportState state_at(const ReportTrack& track, std::string_view moment);
ReportState state_at(ReportTrack&& track, std::string_view moment) = delete;
// The first "forwarded" event of the track by `moment`; null when none.
const storage::WorkflowEvent* forwarded_by(const ReportTrack& track, std::string_view moment);
// The last event of the track (any version, any action); null when none.
const storage::WorkflowEvent* last_event(const ReportTrack& track);

// Every period report of a database, keyed by form, unit and period.
class Ledger {
 public:
  using Key = std::tuple<std::string, std::string, std::string>;

  static Ledger load(const storage::Database& db);

  const ReportTrack* find(const std::string& form, const std::string& unit, const std::string& period) const;
  const std::map<Key, ReportTrack>& reports() const { return reports_; }

 private:
  std::map<Key, ReportTrack> reports_;
};

}  // namespace mera::engine
