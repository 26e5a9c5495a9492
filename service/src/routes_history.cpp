// GET /api/submissions/{id}/history: the whole history of the report a submission belongs to,
// as `mera review history ID` shows it (engine::report_history, its lines and where it stands
// now), with the same facts as data: every version, and every workflow event of the report
// (accepted, returned with the reason) and the forwarding of it by the unit above.

#include "context.hpp"
#include "mera/engine/workflow.hpp"
#include "submission_access.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

json event_json(const storage::WorkflowEvent& e) {
  json j = {{"id", e.id}, {"action", e.action}, {"unit", e.unit}, {"actor", e.actor}, {"who", e.who}, {"at", e.at}, {"reason", e.reason}};
  if (e.submission) j["submission"] = e.submission;
  if (!e.source.empty()) j["source"] = e.source;
  return j;
}

void get_history(Context& c) {
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  NamedReport named = readable_report(c, tree);
  const std::int64_t id = named.id;
  const storage::Submission* s = &named.submission;
  const dsl::Date day = named.day;
  engine::ReportHistory h = engine::report_history(c.db(), id);
  json versions = json::array();
  for (const auto& v : c.db().versions(s->form, s->unit, s->period, s->record_key))
    versions.push_back({{"id", v.id}, {"version", v.version}, {"submitted_at", v.submitted_at}, {"submitted_by", v.submitted_by},
                        {"source", v.source}, {"correction", v.version > 1}});
  json events = json::array();
  for (const auto& e : c.db().workflow_events(s->form, s->unit, s->period, s->record_key)) events.push_back(event_json(e));
  // The unit above sends the report on with the others below it: its `forwarded` step.
  if (auto parent = tree.parent_on(s->unit, day); parent && !parent->empty() && !s->period.empty())
    for (const auto& e : c.db().workflow_events(s->form, *parent, s->period, ""))
      if (e.action == "forwarded") events.push_back(event_json(e));
  c.reply(200, {{"submission", id}, {"form", s->form}, {"unit", s->unit}, {"period", s->period}, {"record", s->record_key},
                {"title", h.title}, {"lines", h.lines}, {"now", h.now}, {"versions", versions}, {"events", events}});
}

}  // namespace

void add_history_routes(Router& router) { router.get(R"(/api/submissions/([^/]+)/history)", get_history); }

}  // namespace mera::service
