// Publishing a model as a draft revision and approving it: every refusal says why, and a
// refused step stores nothing.
#include "mera/engine/publish.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mera/engine/lua_sandbox.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/unit_tree.hpp"
#include "mera/forms/period.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/rules/check.hpp"
#include "mera/rules/diff.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

storage::Revision revision_of(const rules::Model& model, const std::string& model_path, const std::string& status,
                              const std::string& user, const std::string& now) {
  rules::StoredModel stored = rules::stored_model(model, model_path);
  storage::Revision revision;
  revision.model = model.name;
  revision.root = stored.root;
  for (auto& [path, text] : stored.files) revision.files.push_back({path, text});
  revision.effective = model.effective;
  revision.status = status;
  revision.author = user;
  revision.created_at = now;
  if (status == "approved") {
    revision.approved_by = user;
    revision.approved_at = now;
  }
  return revision;
}

namespace {

// What may not be published even though the model checks: another model than the database's,
// or nothing new.
std::string publish_problem(const storage::Database& db, const std::vector<storage::Revision>& stored, const rules::Model& model,
                            const std::string& hash, bool from_service) {
  if (!stored.empty() && stored.front().model != model.name)
    return from_service ? text::tr("this service keeps model '{0}', and this is model '{1}': a region's model has a service of its own; "
                                   "publish here a revision of model '{0}'",
                                   stored.front().model, model.name)
                        : text::tr("{} holds model '{}', and this is model '{}': a region's model has a database of its own (mera init)", db.path(),
                                   stored.front().model, model.name);
  for (const auto& r : stored)
    if (r.hash == hash)
      return text::tr("it is the same as revision {} ({}, effective {})", r.id, status_words(r.status), r.effective.iso());
  return {};
}

// A stored revision that means what `model` means (only layout or comments differ): publishing
// it is allowed, a comment may be worth keeping, but the publisher should know. 0 when none.
std::int64_t same_meaning(const std::vector<storage::Revision>& stored, const rules::Model& model) {
  for (const auto& r : stored) {
    rules::CheckResult checked = check_revision(r);
    // A stored revision that no longer checks means nothing comparable.
    if (checked.model && rules::diff_models(*checked.model, model).empty()) return r.id;
  }
  return 0;
}

}  // namespace

PublishReport publish_revision(storage::Database& db, const PublishRequest& request) {
  PublishReport report;
  rules::CheckResult checked = request.files ? rules::load_model(*request.files, request.model_path, LuaSandbox())
                                             : rules::load_model(request.model_path, LuaSandbox());
  report.diags = std::move(checked.diags);
  report.model = checked.model;
  if (!report.model) return report;
  // One date in two places would let the stored text say one thing and the database another.
  if (request.effective != report.model->effective) {
    const std::string option = request.from_service ? "\"effective\"" : "--effective";  // how the publisher gave the date
    report.diags.error(report.model->effective_span,
                       text::tr("the model takes effect on {}, and {} says {}: change the model's header so that the text and the "
                                "revision say the same",
                                report.model->effective.iso(), option, request.effective.iso()));
    report.refused = text::tr("its effective date disagrees with {}", option);
    return report;
  }
  storage::Revision draft = revision_of(*report.model, request.model_path, "draft", request.user, request.now);
  report.hash = storage::revision_hash(draft.files);
  // Read under the write lock: two publishers of one model would otherwise both find it new.
  storage::Transaction tx = db.write();
  const std::vector<storage::Revision> stored = db.revisions();
  report.refused = publish_problem(db, stored, *report.model, report.hash, request.from_service);
  if (!report.refused.empty()) return report;
  report.revision = db.add_revision(draft);
  db.add_audit({0, request.now, request.user, "revision.publish", request.model_path,
                fmt::format("revision {} of model {} published as a draft, effective {}, hash {}", report.revision, report.model->name,
                            draft.effective.iso(), report.hash)});
  tx.commit();
  report.same_meaning_as = same_meaning(stored, *report.model);
  return report;
}

namespace {

// Regulation 1.5: changes to the indicator system are approved by the head of the department,
// the unit at the top of the route of the model in force.
std::string approver_problem(const storage::Database& db, const std::string& as) {
  Revisions revisions(db);
  std::string why;
  const LoadedRevision* current = revisions.newest(why);
  if (!current) return why;
  const rules::Level& top = current->model->levels.back();
  UnitTree tree = UnitTree::load(db);
  const storage::Unit* unit = tree.unit(as);
  if (!unit) return text::tr("no unit '{}' in the unit tree{}", as, forms::closest(as, tree.ids()));
  if (unit->level == top.name) return {};
  std::string tops;
  for (const auto& id : tree.ids())
    if (tree.unit(id)->level == top.name) tops += (tops.empty() ? "" : ", ") + id;
  const rules::Level* level = current->model->level(unit->level);
  return text::tr("a revision is approved at the top of the route, by a {} «{}» (Regulation 1.5), and {} is at level {} «{}»{}", top.name,
                     top.label, as, unit->level, level ? level->label : unit->level,
                     tops.empty() ? std::string() : text::tr(": approve as {}", tops));
}

// Stored reports of the periods `span` covers that were checked under another revision. They
// keep that revision (it is part of the record); the count tells the approver what changes.
std::size_t checked_under_others(const storage::Database& db, const InForce& span) {
  std::size_t count = 0;
  for (const auto& c : db.counts_by_period_and_revision()) {
    auto period = forms::parse_period(c.period);
    if (!period || c.revision == span.revision) continue;
    dsl::Date first = period->first_day();
    if (span.from <= first && (!span.to || first <= *span.to)) count += static_cast<std::size_t>(c.count);
  }
  return count;
}

}  // namespace

ApproveReport approve_revision(storage::Database& db, const ApproveRequest& request) {
  ApproveReport report;
  std::optional<storage::Revision> revision = db.revision(request.revision);
  if (!revision) {
    std::string ids;
    for (const auto& r : db.revisions()) ids += (ids.empty() ? "" : ", ") + std::to_string(r.id);
    report.refused = text::tr("{} has no such revision (it has {}; `mera model list --db {}` shows them)", db.path(), ids, db.path());
    return report;
  }
  if (revision->status == "approved") {
    report.refused = text::tr("it was approved already, by {} at {}", revision->approved_by, revision->approved_at);
    return report;
  }
  report.refused = approver_problem(db, request.as);
  if (!report.refused.empty()) return report;
  // A revision that a newer mera would refuse must not become the rules of a period.
  if (rules::CheckResult checked = check_revision(*revision); !checked.model) {
    report.refused = text::tr("revision {} of model '{}' no longer checks:\n{}", revision->id, revision->model, dsl::render(checked.diags));
    return report;
  }
  revision->status = "approved";
  revision->approved_by = fmt::format("{} as {}", request.user, request.as);
  revision->approved_at = request.now;
  storage::Transaction tx = db.write();
  db.approve_revision(revision->id, revision->approved_by, revision->approved_at);
  db.add_audit({0, request.now, request.user, "revision.approve", std::to_string(revision->id),
                fmt::format("revision {} of model {} approved as {}, effective {}", revision->id, revision->model, request.as,
                            revision->effective.iso())});
  tx.commit();
  report.approved = true;
  report.revision = std::move(*revision);
  for (const auto& span : in_force_spans(db.revisions()))
    if (span.revision == report.revision.id) {
      report.governs = span;
      report.reports_checked_earlier = checked_under_others(db, span);
    }
  return report;
}

std::vector<InForce> in_force_spans(const std::vector<storage::Revision>& revisions) {
  std::vector<const storage::Revision*> approved;
  for (const auto& r : revisions)
    if (r.status == "approved") approved.push_back(&r);
  std::sort(approved.begin(), approved.end(),
            [](const auto* a, const auto* b) { return a->effective != b->effective ? a->effective < b->effective : a->id < b->id; });
  std::vector<InForce> spans;
  for (std::size_t i = 0; i < approved.size(); ++i) {
    // Of several with one date only the last counts; the others are never in force.
    if (i + 1 < approved.size() && approved[i + 1]->effective == approved[i]->effective) continue;
    InForce span{approved[i]->id, approved[i]->effective, std::nullopt};
    if (i + 1 < approved.size()) span.to = dsl::Date::from_days(approved[i + 1]->effective.days() - 1);
    spans.push_back(span);
  }
  return spans;
}

std::string span_text(const InForce& span) {
  return span.to ? fmt::format("{} .. {}", span.from.iso(), span.to->iso()) : text::tr("{} onwards", span.from.iso());
}

std::string status_words(const std::string& status) {
  if (status == "draft") return text::translate(MERA_TEXT("draft"));
  if (status == "approved") return text::translate(MERA_TEXT("approved"));
  return status;
}

}  // namespace mera::engine
