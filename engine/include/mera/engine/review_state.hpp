// Where one version of a report stands in the review workflow, derived from the workflow events
// alone (the stored submission never changes): what `mera submissions` lists, what its --id view
// and a report's history (`mera review history`) say. One derivation for all of them, built on the
// same reading of the events as status and completeness (state_at). See docs/workflow.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mera/engine/revisions.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

// What a stored report is known by: a report of a period form by its period, one of a record
// form by its record key. The form's kind is the one the version's revision declares, so that a
// key stored with a report of the other kind by mistake (before the intake refused it) names
// nothing; when that revision no longer loads, the stored keys tell.
class ReportNames {
 public:
  explicit ReportNames(const storage::Database& db) : db_(db), revisions_(db) {}
  bool record_form(const storage::Submission& version);
  // "blood_families of org05 for 2021Q4", "case of cm01, record С-2016-003".
  std::string name(const storage::Submission& version);

 private:
  const storage::Database& db_;
  Revisions revisions_;
};

enum class ReviewState {
  submitted,   // waiting for review by the unit above
  returned,    // sent back with a reason: its unit submits a corrected version
  accepted,    // taken by the unit above
  forwarded,   // accepted, and the unit above has sent its own report of the form and period up the route
  superseded,  // a newer version replaced it (what happened to it before stays in its history)
};

// "submitted", "returned", "accepted", "forwarded", "superseded".
const char* state_word(ReviewState state);

struct VersionStanding {
  std::int64_t submission = 0;
  ReviewState state = ReviewState::submitted;
  std::optional<storage::WorkflowEvent> verdict;  // the last accept or return of this very version
  std::optional<storage::WorkflowEvent> forward;  // forwarded: the unit above's forward of the form and period
  std::int64_t replaced_by = 0;                   // superseded: the next version's id ...
  int replaced_version = 0;                       // ... its number
  std::string replaced_at;                        // ... and when it came
  std::string reviewer;  // the unit above that reviews the report; empty at the top or outside the tree
};

// The standing of each version, as of now, in the order given; the workflow is read once.
std::vector<VersionStanding> standings(const storage::Database& db, const std::vector<storage::Submission>& versions);
// One version's; nullopt when there is no such submission.
std::optional<VersionStanding> standing(const storage::Database& db, std::int64_t submission);

// The standing in words for a person: "returned by platform_blood (petrova) at 2022-01-11:
// «...»; org05 corrects it and submits it again (mera submit --correct)".
std::string describe(const VersionStanding& standing, const storage::Submission& version);

}  // namespace mera::engine
