// GET /api/indicators?unit=U&period=P[&format=csv], GET /api/indicators/{name}/explain?unit=&period=,
// GET /api/dashboard?unit=U&period=P: engine::DashboardBuilder, the code of `mera eval`, and the
// engine's own JSON and CSV of what it built (engine/dashboard_json.hpp). The caller's unit by
// default; the period the engine picks when none is given (the last complete year with reports).
#include <fmt/format.h>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/engine/dashboard_json.hpp"
#include "mera/text/tr.hpp"
#include "query.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

struct Asked {
  engine::DashboardRequest request;
  std::optional<forms::Period> period;
};

// The request as `mera eval --unit U --period P` would make it, after the access check: the
// caller may read the unit's indicators as the tree stood in the period (today without one).
Asked asked(Context& c, const engine::UnitTree& tree, Action action) {
  Asked a;
  a.request.unit = unit_param(c, tree);
  a.period = period_param(c);
  if (a.period) a.request.period = a.period->text();
  a.request.today = today_utc();
  c.require(action, a.request.unit, day_for(tree, a.request.unit, a.period), tree);
  return a;
}

// The engine's refusal of a request (no revision in force, a unit not in the tree that period,
// no reports to choose a period from): the client's to change, 400 (404 for what does not exist).
[[noreturn]] void refuse(const engine::RequestError& e) {
  throw ApiError(e.kind == engine::RequestError::Kind::missing ? 404 : 400, as_query_words(e.what()));
}

// Without a period asked, access was judged on today: judged again on the period the engine chose.
void recheck(Context& c, const Asked& a, const engine::UnitTree& tree, const engine::Dashboard& d) {
  if (!a.period) c.require(Action::read_indicators, a.request.unit, day_for(tree, a.request.unit, d.period), tree);
}

// Lua failures of the model are values ("Lua error") and diagnostics at the indicator. The note
// on the period the engine chose says how to name another in this request's words (period=).
json with_problems(nlohmann::ordered_json body, const engine::Dashboard& d) {
  json out = json(std::move(body));
  out["diagnostics"] = to_json(d.problems);
  if (out.contains("period_chosen")) out["period_chosen"] = as_query_words(out["period_chosen"].get<std::string>());
  return out;
}

void get_indicators(Context& c) {
  std::string format = c.param("format").empty() ? "json" : c.param("format");
  if (format != "json" && format != "csv") throw ApiError(400, text::tr("format={}: write format=json (the default) or format=csv", format));
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  Asked a = asked(c, tree, Action::read_indicators);
  engine::Revisions revisions(c.db());
  engine::DashboardBuilder builder(c.db(), revisions, tree);
  engine::Dashboard d;
  try {
    d = builder.build(a.request);
  } catch (const engine::RequestError& e) {
    refuse(e);
  }
  recheck(c, a, tree, d);
  if (format == "csv") {
    c.res.status = 200;
    c.res.set_content(engine::render(d, engine::DashboardFormat::csv), "text/csv; charset=utf-8");
    return;
  }
  c.reply(200, with_problems(engine::to_json(d), d));
}

void get_explain(Context& c) {
  std::string name = c.req.matches[1];
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  Asked a = asked(c, tree, Action::read_indicators);
  engine::Revisions revisions(c.db());
  engine::DashboardBuilder builder(c.db(), revisions, tree);
  engine::Dashboard d;
  try {
    engine::Explanation e = builder.explain(a.request, name, d);
    recheck(c, a, tree, d);
    c.reply(200, with_problems(engine::to_json(e, d), d));
  } catch (const engine::RequestError& e) {
    refuse(e);
  }
}

// Every unit of the tree in the period that the caller may read, from the unit asked (the
// caller's own by default) down, top first: the engine evaluates the whole tree (`eval --all`)
// and the units outside are left out.
void get_dashboard(Context& c) {
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  Asked a = asked(c, tree, Action::read_indicators);
  std::string top = a.request.unit;
  a.request.unit.clear();
  a.request.all_units = true;
  engine::Revisions revisions(c.db());
  engine::DashboardBuilder builder(c.db(), revisions, tree);
  engine::Dashboard d;
  try {
    d = builder.build(a.request);
  } catch (const engine::RequestError& e) {
    refuse(e);
  }
  const Caller& me = c.caller();
  std::erase_if(d.units, [&](const engine::UnitValues& u) {
    dsl::Date day = day_for(tree, u.unit.id, d.period);
    return !tree.under(u.unit.id, top, day) || !decide(me, Action::read_indicators, u.unit.id, day, tree).allowed;
  });
  // The Lua failures of the units left: those of the others would name what the caller may not read.
  d.problems = {};
  for (const auto& u : d.units)
    for (const auto& v : u.values) {
      if (const auto* n = v.value.get<forms::Null>(); n && n->reason == forms::NoValue::lua_error) d.problems.error(v.indicator->span, n->detail);
      for (const auto& cat : v.categories)
        if (const auto* n = cat.value.get<forms::Null>(); n && n->reason == forms::NoValue::lua_error) d.problems.error(v.indicator->span, n->detail);
    }
  c.reply(200, with_problems(engine::to_json(d), d));
}

}  // namespace

void add_indicator_routes(Router& router) {
  router.get("/api/indicators", get_indicators);
  router.get(R"(/api/indicators/([^/]+)/explain)", get_explain);
  router.get("/api/dashboard", get_dashboard);
}

}  // namespace mera::service
