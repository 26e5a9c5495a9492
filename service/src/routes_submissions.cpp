// POST /api/validate, POST /api/submissions, GET /api/submissions, GET /api/submissions/{id}.
// The request body is a submission file as `mera submit` reads it (a JSON object, an array, or
// JSON lines), taken in by the same engine::submit_file: one request, one transaction.
#include <fmt/format.h>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/text/tr.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/review_state.hpp"
#include "mera/storage/clock.hpp"
#include "submission_access.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

bool flag(const Context& c, const char* name) {
  std::string v = c.param(name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  throw ApiError(400, text::tr("{}={}: write {}=true or leave it out", name, v, name));
}

// A workbook (mera template's, filled in) is sent as itself: its messages name its cells.
constexpr std::string_view kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

engine::FileReport take_in(Context& c, bool dry_run, bool import) {
  bool workbook = c.req.get_header_value("Content-Type").starts_with(kXlsx);
  auto body = std::make_shared<const dsl::SourceFile>(fmt::format("api-{}-{}{}", import ? "import" : "request", c.request_id, workbook ? ".xlsx" : ""),
                                                      c.req.body);
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  check_senders(c, body, dry_run ? Action::validate : import ? Action::import_history : Action::submit, import, tree);
  engine::SubmitOptions options{c.caller().login, flag(c, "correct"), storage::now_utc(), dry_run};
  engine::FileReport report;
  // A validation reads on the request's own connection, in a snapshot; a submission is stored
  // by the writer, in its next group commit, and answered once that is durable.
  if (dry_run) report = engine::submit_file(c.db(), body, options);
  // It is stamped as it is written, so that the stamps keep the order of the versions stored.
  else c.write([&](storage::Database& db) {
    options.now = storage::now_utc();
    options.cache = &c.state.intake_cache;
    report = engine::submit_file(db, body, options);
  });
  if (report.read == 0 && !report.diags.has_errors())
    throw ApiError(400, text::tr("the request has no reports: send a JSON object, an array of them, or JSON lines, as for mera submit"));
  return report;
}

void post_validate(Context& c) {
  engine::FileReport r = take_in(c, true, false);
  c.reply(200, {{"valid", !r.refused}, {"reports", r.read}, {"with_errors", r.with_errors}, {"with_warnings", r.with_warnings},
                {"diagnostics", to_json(r.diags)}});
}

void post_submissions(Context& c) {
  bool import = flag(c, "import");
  engine::FileReport r = take_in(c, false, import);
  if (r.refused) {
    if (r.repeated > 0 && r.repeated == r.diags.error_count())
      throw ApiError(409, text::tr("already submitted: to replace a report, send it as a correction (\"correction\": true in the report, or "
                          "POST /api/submissions?correct=true); nothing of this request was stored"),
                     to_json(r.diags));
    throw ApiError(400, text::tr("refused: {} errors in {} of {} reports; nothing of this request was stored: correct them and send "
                                    "the request again",
                                    text::count(r.diags.error_count()), text::count(r.with_errors), text::count(r.read)),
                   to_json(r.diags));
  }
  c.reply(201, {{"stored", r.stored}, {"ids", r.ids}, {"with_warnings", r.with_warnings}, {"diagnostics", to_json(r.diags)}});
}

json summary_json(const storage::Submission& s, const engine::VersionStanding& standing) {
  return {{"id", s.id},           {"form", s.form},
          {"unit", s.unit},       {"period", s.period},
          {"record", s.record_key}, {"version", s.version},
          {"state", engine::state_word(standing.state)}, {"submitted_at", s.submitted_at},
          {"submitted_by", s.submitted_by}, {"source", s.source},
          {"warnings", s.warnings}};
}

void get_submissions(Context& c) {
  storage::SubmissionFilter filter{c.param("form"), c.param("unit"), c.param("period"), flag(c, "all")};
  const Caller& me = c.caller();
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  if (!filter.unit.empty()) c.require(Action::read_submissions, filter.unit, c.date_param("on"), tree);
  std::vector<storage::Submission> readable;
  for (auto& s : c.db().submissions(filter))
    if (decide(me, Action::read_submissions, s.unit, report_day(s, tree), tree).allowed) readable.push_back(std::move(s));
  auto states = engine::standings(c.db(), readable);
  json list = json::array();
  for (std::size_t i = 0; i < readable.size(); ++i) list.push_back(summary_json(readable[i], states[i]));
  c.reply(200, {{"submissions", list}});
}

void get_submission(Context& c) {
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  NamedReport named = readable_report(c, tree);
  const std::int64_t id = named.id;
  const storage::Submission* s = &named.submission;
  auto versions = c.db().versions(s->form, s->unit, s->period, s->record_key);
  auto states = engine::standings(c.db(), versions);
  json out;
  json all = json::array();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    all.push_back(summary_json(versions[i], states[i]));
    if (versions[i].id == id) {
      out = summary_json(versions[i], states[i]);
      out["values"] = json::parse(versions[i].values_json);
      out["revision"] = versions[i].revision;
      out["standing"] = engine::describe(states[i], versions[i]);
    }
  }
  out["versions"] = all;
  c.reply(200, out);
}

}  // namespace

void add_submission_routes(Router& router) {
  router.post("/api/validate", post_validate);
  router.post("/api/submissions", post_submissions);
  router.get("/api/submissions", get_submissions);
  router.get(R"(/api/submissions/([^/]+))", get_submission);
}

}  // namespace mera::service
