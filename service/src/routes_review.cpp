// POST /api/submissions/{id}/accept, POST /api/submissions/{id}/return, POST /api/forward:
// the review workflow of engine::review, acting as the caller's unit, at the server's time.
// Access (a reviewer, of the unit directly above the report's) is decided here; whether the
// step fits the report's state (not twice, a return needs a reason, ...) is the engine's.
#include <fmt/format.h>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/text/tr.hpp"
#include "mera/engine/workflow.hpp"
#include "mera/forms/read.hpp"
#include "submission_access.hpp"

namespace mera::service {
namespace {

// An optional JSON body: empty means {}.
nlohmann::json optional_body(const Context& c) { return c.req.body.empty() ? nlohmann::json::object() : parse_body(c.req.body); }

std::string optional_text(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) return {};
  if (!it->is_string()) throw ApiError(400, text::tr("\"{}\" must be a text", name));
  return it->get<std::string>();
}

// The step, taken by the writer in its next group commit, and its answer once it is durable.
void review(Context& c, const engine::ReviewRequest& r) {
  engine::ReviewOutcome out;
  c.write([&](storage::Database& db) { out = engine::review(db, r); });
  if (!out.done) throw ApiError(409, out.message);
  c.reply(200, {{"message", out.message}, {"event", {{"id", out.event.id}, {"action", out.event.action}, {"at", out.event.at}}}});
}

void judge(Context& c, engine::ReviewAction action) {
  nlohmann::json body = optional_body(c);
  std::int64_t id = 0;
  try {
    id = std::stoll(c.req.matches[1]);
  } catch (const std::exception&) {
    throw ApiError(404, text::tr("no such submission: a submission id is a number"));
  }
  engine::ReviewRequest r;
  r.action = action;
  r.submission = id;
  r.reason = optional_text(body, "reason");
  if (action == engine::ReviewAction::return_for_correction && forms::blank(r.reason))
    throw ApiError(400, text::tr("a return needs a reason: send {{\"reason\": \"what the unit must correct\"}}"));
  const Caller& me = c.caller();
  auto s = c.db().submission(id);
  if (!s) throw ApiError(404, text::tr("no submission {} (GET /api/submissions lists those you may read)", id));
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  c.require(Action::review, s->unit, report_day(*s, tree), tree);
  r.as = me.unit;
  r.user = me.login;
  review(c, r);
}

void post_forward(Context& c) {
  nlohmann::json body = parse_body(c.req.body);
  const Caller& me = c.caller();
  engine::ReviewRequest r;
  r.action = engine::ReviewAction::forward;
  r.form = required_text(body, "form");
  r.period = required_text(body, "period");
  r.reason = optional_text(body, "reason");
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  c.require(Action::forward, me.unit, today_utc(), tree);
  r.as = me.unit;
  r.user = me.login;
  review(c, r);
}

}  // namespace

void add_review_routes(Router& router) {
  router.post(R"(/api/submissions/([^/]+)/accept)", [](Context& c) { judge(c, engine::ReviewAction::accept); });
  router.post(R"(/api/submissions/([^/]+)/return)", [](Context& c) { judge(c, engine::ReviewAction::return_for_correction); });
  router.post("/api/forward", post_forward);
}

}  // namespace mera::service
