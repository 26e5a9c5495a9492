// Revisions of the model (Regulation 1.5 and 4.4). A methodologist publishes a changed model as
// a draft, which changes nothing; the department approves it, and from then on it governs the
// periods that start on or after its effective date. Periods before keep the revision they had,
// so last year's figures stay last year's.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/diagnostic.hpp"
#include "mera/rules/check.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

// A checked model as the database stores it: its files (the base's too, for a regional
// model), the model's name and effective date.
storage::Revision revision_of(const rules::Model& model, const std::string& model_path, const std::string& status,
                              const std::string& user, const std::string& now);

struct PublishRequest {
  // A model folder or .mera file on disk; or, with `files`, the model's own path among them
  // ("tomsk"), as a revision stores them (the HTTP service publishes what a client sent).
  std::string model_path;
  dsl::Date effective;  // stated by the publisher; must agree with the model's own `effective`
  std::string user, now;
  const rules::ModelFiles* files = nullptr;
  // Asked over HTTP: the refusals name the request's words ("effective") and what to do in the
  // service, not the CLI's options or the database file, which mean nothing to its users.
  bool from_service = false;
};

struct PublishReport {
  std::int64_t revision = 0;  // the new draft; 0 when nothing was stored
  std::shared_ptr<const rules::Model> model;  // null when the model has errors
  std::string hash;
  dsl::Diagnostics diags;  // the model's own problems
  std::string refused;     // why a model that checks was not stored
  std::int64_t same_meaning_as = 0;  // a stored revision it differs from only in layout and comments
};

// Stores the model as a draft revision, or nothing (see `refused` and `diags`).
PublishReport publish_revision(storage::Database& db, const PublishRequest& request);

struct ApproveRequest {
  std::int64_t revision = 0;
  std::string as;  // the unit that approves: the one at the top of the route (the department)
  std::string user, now;
};

// Which periods an approved revision governs: those starting from `from` to `to` (open when
// empty). The latest effective date on or before a period's first day wins; of two with the
// same date, the later revision.
struct InForce {
  std::int64_t revision = 0;
  dsl::Date from;
  std::optional<dsl::Date> to;
};

struct ApproveReport {
  bool approved = false;
  std::string refused;  // why not, for people
  storage::Revision revision;  // as approved
  std::optional<InForce> governs;  // none when a later revision has the same effective date
  std::size_t reports_checked_earlier = 0;  // stored submissions (every version) of periods it now governs, checked under another revision
};

ApproveReport approve_revision(storage::Database& db, const ApproveRequest& request);

// Every approved revision's span, in order of their dates.
std::vector<InForce> in_force_spans(const std::vector<storage::Revision>& revisions);
// "2021-01-01 .. 2021-12-31", "2022-01-01 onwards"
std::string span_text(const InForce& span);
// A revision's status ("draft", "approved", the stored machine's word) in the reader's language.
std::string status_words(const std::string& status);

}  // namespace mera::engine
