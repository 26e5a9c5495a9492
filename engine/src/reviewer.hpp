// The checks of one workflow step and its recording: shared by `mera review` (one step) and a
// review file (many steps in one transaction, each seeing the ones before). Private to engine/.
#pragma once

#include <optional>
#include <string>

#include "duties.hpp"
#include "ledger.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/workflow.hpp"

namespace mera::engine {

// "blood_families of org05 for 2021Q4": a report in a message.
std::string report_name(const std::string& form, const std::string& unit, const std::string& period, const std::string& record = {});

class Reviewer {
 public:
  // Loads the unit tree once; the database must not change under it except through apply().
  // `shared`: revisions loaded from this database before, to reuse; null: its own.
  Reviewer(storage::Database& db, std::string now, Revisions* shared = nullptr);

  // Checks the step and records it (event and audit entry) inside the caller's transaction.
  ReviewOutcome apply(const ReviewRequest& request);

 private:
  struct Target;  // the version judged, resolved from an id or a report

  std::string moment(const ReviewRequest& r, std::string& at) const;
  std::string resolve(const ReviewRequest& r, const std::string& at, Target& target) const;
  std::string check_reviewer(const ReviewRequest& r, const Target& target) const;
  std::string check_verdict(const ReviewRequest& r, const Target& target, const std::string& at) const;
  ReviewOutcome judge(const ReviewRequest& r);
  ReviewOutcome forward(const ReviewRequest& r);
  std::string check_below(const storage::Unit& as, const forms::Form& form, const forms::Period& period,
                          const rules::Model& model, const std::string& at) const;
  ReviewOutcome record(const ReviewRequest& r, storage::WorkflowEvent event, std::string done);
  std::string unknown_unit(const std::string& id) const;

  storage::Database& db_;
  std::string now_;
  UnitTree tree_;
  Duties duties_;
  Revisions own_revisions_;
  Revisions& revisions_;
};

// One report's versions and events as stored now (this transaction's steps included).
ReportTrack track_of(const storage::Database& db, const std::string& form, const std::string& unit, const std::string& period,
                     const std::string& record);

}  // namespace mera::engine
