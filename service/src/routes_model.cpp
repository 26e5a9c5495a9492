// GET /api/model[?on=DATE]: the approved revision in force on the day (default today), as JSON.
#include <fmt/format.h>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/text/tr.hpp"
#include "mera/engine/revisions.hpp"
#include "model_json.hpp"

namespace mera::service {
namespace {

void get_model(Context& c) {
  c.caller();
  dsl::Date day = c.date_param("on");
  engine::Revisions revisions(c.db());
  std::string why;
  const engine::LoadedRevision* rev = revisions.in_force(day, why);
  if (!rev) throw ApiError(404, text::tr("no model is in force on {}: {}", day.iso(), why));
  nlohmann::json j = model_json(*rev->model);
  j["revision"] = {{"id", rev->revision.id}, {"effective", rev->revision.effective.iso()}, {"hash", rev->revision.hash}};
  c.reply(200, j);
}

}  // namespace

void add_model_routes(Router& router) { router.get("/api/model", get_model); }

}  // namespace mera::service
