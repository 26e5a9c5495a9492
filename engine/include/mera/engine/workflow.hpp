// The review workflow: a stored report waits for the unit above it, which accepts it or returns
// it with a reason; a returned report comes back as a corrected version (mera submit --correct)
// and waits again; once a unit has accepted everything below it for a period, it forwards its
// own report of that form up the route. Every step is a workflow event (who, when) and an audit
// entry; the rules are checked here, and a refused step stores nothing. See docs/workflow.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mera/dsl/diagnostic.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

class Revisions;  // mera/engine/revisions.hpp

enum class ReviewAction { accept, return_for_correction, forward };

// "accept", "return", "forward"; and back (nullopt for another word).
const char* action_word(ReviewAction action);
std::optional<ReviewAction> action_from_word(std::string_view word);

struct ReviewRequest {
  ReviewAction action = ReviewAction::accept;
  // accept, return: the version judged, by id (the command line) ...
  std::int64_t submission = 0;
  // ... or by report (a review file): the version current at `at`. forward: the form and period.
  std::string form;
  std::string unit;  // forward: empty or the same as `as`
  std::string period;
  std::string record;
  std::string as;      // the unit acting: the report unit's parent (accept, return), or the forwarder
  std::string reason;  // required to return; kept as a remark otherwise
  std::string user;    // the person, for the record
  std::string at;      // a day or a day and time (UTC); empty: `now`
  std::string source;  // "reviews.csv:12" for the record; empty from the command line
};

struct ReviewOutcome {
  bool done = false;
  std::string message;  // done: what was recorded; refused: why, in words for the user
  storage::WorkflowEvent event;
};

// Checks one step against the rules and, if it passes, records it with its audit entry. Needs an
// open write transaction (Database::write). `now` is the time of the recording (an ISO UTC time).
ReviewOutcome apply_review(storage::Database& db, const ReviewRequest& request, const std::string& now);

// The same in a transaction of its own: what `mera review accept|return|forward` does.
// `now` empty: storage::now_utc(). Throws storage::Busy when another writer holds the database.
ReviewOutcome review(storage::Database& db, const ReviewRequest& request, const std::string& now = {});

// A review file: CSV with the header
//   form,unit,period,action,as,reason,user,at       (record instead of period for record forms;
//                                                    reason, user and at may be left out)
// one step per row, applied in order. One file, one transaction: if any row is refused nothing
// of the file is stored, and every refused row is reported at file:line:col.
struct ReviewOptions {
  std::string user;  // for rows without a user
  std::string now;   // ISO UTC time of the import; storage::now_utc() when empty
  // Model revisions already loaded from this database, to reuse instead of loading and checking
  // them again for this file (a caller reading many files, such as the fuzz target); null: the
  // file loads what it needs. Not shared between threads.
  Revisions* revisions = nullptr;
};

struct ReviewFileReport {
  std::string file;
  std::size_t read = 0;      // rows (steps) in the file
  std::size_t recorded = 0;  // 0 when the file was refused
  std::size_t accepted = 0, returned = 0, forwarded = 0;
  bool refused = false;
  dsl::Diagnostics diags;
};

ReviewFileReport review_file(storage::Database& db, const dsl::SourcePtr& file, const ReviewOptions& options);

// The same inside a write transaction the caller holds, and never commits it. A refused file
// may have applied its rows that passed: the caller rolls back then (the fuzz target rolls back
// every file, so that each input meets the same database).
ReviewFileReport review_file_in(storage::Database& db, const dsl::SourcePtr& file, const ReviewOptions& options);

// "reviews.csv: 12 steps recorded (10 accepted, 1 returned, 1 forwarded)", or
// "reviews.csv: refused: 2 errors in 40 rows; nothing of this file was stored".
std::string summary(const ReviewFileReport& report);

// The whole history of the report a submission belongs to: every version and every event, in
// the order they happened, and where it stands now. Empty `lines` when there is no such id.
struct ReportHistory {
  std::string title;               // "blood_families of org05 for 2021Q4 «Работа с кровными семьями»"
  std::vector<std::string> lines;  // "2022-01-11  returned   by platform_blood (petrova): ..."
  std::string now;                 // "returned on 2022-01-11 by platform_blood: correct it and ..."
};
ReportHistory report_history(const storage::Database& db, std::int64_t submission);

}  // namespace mera::engine
