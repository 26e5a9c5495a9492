// The model's revisions (Regulation 1.5, 4.4), as `mera model list|publish|approve|diff` and
// `mera eval --revision REV --compare` do them, over the same engine code:
//   GET  /api/revisions                       every revision and the periods each governs
//   POST /api/revisions                       publish a draft: {"root", "effective", "files"}
//   POST /api/revisions/{id}/approve          approve it, as the unit at the top of the route
//   GET  /api/revisions/diff?from=A&to=B      what B means differently from A (rules::diff_models)
//   GET  /api/revisions/{id}/compare?unit=&period=   the what-if: indicators under it and in force
// Publishing and approving are audited by the engine with the account's login.
#include <fmt/format.h>

#include <algorithm>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/engine/dashboard_json.hpp"
#include "mera/engine/publish.hpp"
#include "mera/rules/diff.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"
#include "query.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

json revision_json(const storage::Revision& r, const std::vector<engine::InForce>& spans) {
  json governs = nullptr;  // a draft, or an approved one a later revision of the same date overrides
  for (const auto& s : spans)
    if (s.revision == r.id) governs = {{"from", s.from.iso()}, {"to", s.to ? json(s.to->iso()) : json(nullptr)}, {"text", engine::span_text(s)}};
  return {{"id", r.id},           {"model", r.model},
          {"status", r.status},   {"effective", r.effective.iso()},
          {"hash", r.hash},       {"published_by", r.author},
          {"published_at", r.created_at}, {"approved_by", r.approved_by},
          {"approved_at", r.approved_at}, {"governs", governs}};
}

std::int64_t revision_id(const std::string& text) {
  bool digits = !text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), [](unsigned char ch) { return std::isdigit(ch); });
  if (!digits) throw ApiError(404, text::tr("no revision {}: a revision is a number (GET /api/revisions lists them)", text));
  return std::stoll(text);
}

storage::Revision stored(Context& c, const std::string& text) {
  std::int64_t id = revision_id(text);
  auto r = c.db().revision(id);
  if (!r) throw ApiError(404, text::tr("no revision {} (GET /api/revisions lists them)", id));
  return *r;
}

void get_revisions(Context& c) {
  c.caller();
  std::vector<storage::Revision> all = c.db().revisions();
  std::vector<engine::InForce> spans = engine::in_force_spans(all);
  json list = json::array();
  for (const auto& r : all) list.push_back(revision_json(r, spans));
  c.reply(200, {{"revisions", list}});
}

// A path of a model's file as a revision stores it: relative, '/'-separated, plain names.
std::string path_problem(const std::string& path) {
  if (path.empty() || path.size() > 200) return text::tr("a path of 1 to 200 characters");
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." ||
        part.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos)
      return text::tr("relative, its parts Latin letters, digits, '.', '_' and '-' between '/' (such as \"tomsk/model.mera\"), no '..'");
    start = end + 1;
  }
  return {};
}

void post_revision(Context& c) {
  json body = parse_body(c.req.body);
  const Caller& me = c.caller();
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  c.require(Action::publish_revision, me.unit, today_utc(), tree);
  std::string root = required_text(body, "root");
  std::string effective_text = required_text(body, "effective");
  std::string why;
  auto effective = dsl::parse_iso_date(effective_text, &why);
  if (!effective) throw ApiError(400, text::tr("\"effective\": {}: {}; write a day as 2022-01-01", effective_text, why.empty() ? text::tr("not a date") : why));
  auto files_it = body.find("files");
  if (files_it == body.end() || !files_it->is_object() || files_it->empty())
    throw ApiError(400, text::tr("the request needs \"files\": an object of the model's files, path to text, such as {{\"tomsk/model.mera\": \"model tomsk ...\"}}"));
  rules::ModelFiles files;
  for (const auto& [path, text] : files_it->items()) {
    if (auto problem = path_problem(path); !problem.empty()) throw ApiError(400, text::tr("\"files\": the path \"{}\" must be {}", path, problem));
    if (!text.is_string()) throw ApiError(400, text::tr("\"files\": \"{}\" must be the file's text", path));
    files.emplace(path, text.get<std::string>());
  }
  if (auto problem = path_problem(root); !problem.empty()) throw ApiError(400, text::tr("\"root\": \"{}\" must be {}", root, problem));
  // A folder of them: some path starts with "root/" (the first path at or after it does then).
  auto under_root = files.lower_bound(root + "/");
  if (!files.contains(root) && (under_root == files.end() || !under_root->first.starts_with(root + "/")))
    throw ApiError(400, text::tr("\"root\": \"{}\" is neither a file of \"files\" nor a folder of them: name the model's own folder (\"tomsk\")", root));
  engine::PublishRequest request{root, *effective, me.login, storage::now_utc()};
  request.files = &files;
  request.from_service = true;
  engine::PublishReport report = engine::publish_revision(c.db(), request);
  if (!report.model) throw ApiError(400, text::tr("the model has errors; nothing was published: correct what \"diagnostics\" lists and publish again"), to_json(report.diags));
  if (report.diags.has_errors()) throw ApiError(400, text::tr("cannot publish: {}; nothing was published", report.refused), to_json(report.diags));
  if (!report.refused.empty()) throw ApiError(409, text::tr("cannot publish: {}; nothing was published", report.refused), to_json(report.diags));
  json out = {{"revision", report.revision}, {"model", report.model->name}, {"status", "draft"}, {"effective", effective->iso()},
              {"hash", report.hash}, {"diagnostics", to_json(report.diags)},
              {"message", text::tr("revision {} published as a draft: it changes nothing until approved; GET /api/revisions/{}/compare "
                                      "shows what it would do to the indicators",
                                      report.revision, report.revision)}};
  if (report.same_meaning_as) out["same_meaning_as"] = report.same_meaning_as;  // only layout or comments differ
  c.reply(201, out);
}

void post_approve(Context& c) {
  storage::Revision r = stored(c, c.req.matches[1]);
  const Caller& me = c.caller();
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  c.require(Action::approve_revision, me.unit, today_utc(), tree);
  engine::ApproveReport report = engine::approve_revision(c.db(), {r.id, me.unit, me.login, storage::now_utc()});
  if (!report.approved) throw ApiError(409, text::tr("cannot approve revision {}: {}", r.id, report.refused));
  std::vector<engine::InForce> spans;
  if (report.governs) spans.push_back(*report.governs);
  json out = revision_json(report.revision, spans);
  out["reports_checked_earlier"] = report.reports_checked_earlier;
  c.reply(200, out);
}

const char* action_word(rules::ChangeAction a) {
  switch (a) {
    case rules::ChangeAction::added: return "added";
    case rules::ChangeAction::removed: return "removed";
    case rules::ChangeAction::changed: return "changed";
  }
  return "";
}

std::shared_ptr<const rules::Model> checked(const storage::Revision& r) {
  rules::CheckResult result = engine::check_revision(r);
  if (!result.model)
    throw ApiError(409, text::tr("revision {} no longer checks with this mera: nothing to compare; compare revisions that check", r.id), to_json(result.diags));
  return result.model;
}

void get_diff(Context& c) {
  c.caller();
  if (c.param("from").empty() || c.param("to").empty())
    throw ApiError(400, text::tr("give the two revisions to compare: from=A&to=B (GET /api/revisions lists them)"));
  storage::Revision from = stored(c, c.param("from")), to = stored(c, c.param("to"));
  rules::ModelDiff diff = rules::diff_models(*checked(from), *checked(to));
  json changes = json::array();
  for (const auto& ch : diff.changes) {
    json aspects = json::array();
    for (const auto& a : ch.aspects) aspects.push_back({{"aspect", a.aspect}, {"before", a.before}, {"after", a.after}});
    changes.push_back({{"kind", rules::kind_name(ch.kind)}, {"action", action_word(ch.action)}, {"name", ch.name}, {"label", ch.label},
                       {"summary", ch.summary}, {"aspects", aspects}});
  }
  std::string from_name = text::tr("revision {} ({})", from.id, engine::status_words(from.status));
  std::string to_name = text::tr("revision {} ({})", to.id, engine::status_words(to.status));
  c.reply(200, {{"from", from.id}, {"to", to.id}, {"changes", changes}, {"text", rules::render(diff, from_name, to_name)}});
}

void get_compare(Context& c) {
  storage::Revision r = stored(c, c.req.matches[1]);
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  engine::DashboardRequest request;
  request.unit = unit_param(c, tree);
  std::optional<forms::Period> period = period_param(c);
  if (period) request.period = period->text();
  request.today = today_utc();
  request.revision = r.id;
  c.require(Action::what_if, request.unit, day_for(tree, request.unit, period), tree);
  engine::Revisions revisions(c.db());
  engine::DashboardBuilder builder(c.db(), revisions, tree);
  try {
    engine::DashboardBuilder::Comparison comparison = builder.compare(request);
    if (!period) c.require(Action::what_if, request.unit, day_for(tree, request.unit, comparison.what_if.period), tree);
    json out = json(engine::to_json(comparison));
    out["diagnostics"] = to_json(comparison.what_if.problems);  // its Lua failures are the ones to tell
    out["stored"] = false;  // a what-if stores nothing
    c.reply(200, out);
  } catch (const engine::RequestError& e) {
    throw ApiError(400, as_query_words(e.what()));
  }
}

}  // namespace

void add_revision_routes(Router& router) {
  router.get("/api/revisions", get_revisions);
  router.post("/api/revisions", post_revision);
  router.get("/api/revisions/diff", get_diff);
  router.post(R"(/api/revisions/([^/]+)/approve)", post_approve);
  router.get(R"(/api/revisions/([^/]+)/compare)", get_compare);
}

}  // namespace mera::service
