// GET /api/status[?unit=U][&on=DATE][&period=P][&soon=N][&history=true]: engine::build_status,
// the same report as `mera status`, as JSON; the caller's own unit by default.
#include <fmt/format.h>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/text/tr.hpp"
#include "mera/engine/status.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

const char* kind_word(engine::ItemKind k) {
  static constexpr const char* kWords[] = {"overdue", "due_soon", "next", "returned", "corrected", "to_review", "ready", "late"};
  return kWords[static_cast<int>(k)];
}

json item_json(const engine::StatusItem& i) {
  json j = {{"kind", kind_word(i.kind)}, {"form", i.form}, {"period", i.period}, {"count", i.count}, {"days", i.days}};
  if (!i.last_period.empty()) j["last_period"] = i.last_period;
  if (i.forward) j["forward"] = true;
  if (!i.to.empty()) j["to"] = i.to;
  if (i.due) j["due"] = i.due->iso();
  if (!i.submitted.empty()) j["submitted"] = i.submitted;
  if (!i.by.empty()) j["by"] = i.by, j["who"] = i.who, j["at"] = i.at;
  if (!i.reason.empty()) j["reason"] = i.reason;
  if (i.below) j["accepted"] = i.accepted, j["below"] = i.below;
  if (!i.units.empty()) j["units"] = i.units;
  return j;
}

json share_json(const engine::ShareRow& row, const std::vector<forms::Period>& periods) {
  json cells = json::array();
  for (std::size_t k = 0; k < row.cells.size() && k < periods.size(); ++k)
    cells.push_back({{"period", periods[k].text()}, {"expected", row.cells[k].expected}, {"received", row.cells[k].received},
                     {"on_time", row.cells[k].on_time}});
  return {{"unit", row.label}, {"name", row.name}, {"depth", row.depth}, {"periods", cells}};
}

json status_json(const engine::StatusReport& r) {
  json units = json::array();
  for (const auto& u : r.units) {
    json items = json::array();
    for (const auto& i : u.items) items.push_back(item_json(i));
    units.push_back({{"unit", u.unit.id}, {"name", u.unit.name}, {"level", u.unit.level}, {"parent", u.parent}, {"depth", u.depth},
                     {"items", items}});
  }
  json by_unit = json::array();
  for (const auto& row : r.by_unit) by_unit.push_back(share_json(row, r.periods));
  json j = {{"on", r.on.iso()}, {"unit", r.scope}, {"model", r.model}, {"units", units}, {"completeness", by_unit}};
  if (!r.note.empty()) j["note"] = r.note;
  return j;
}

void get_status(Context& c) {
  const Caller& me = c.caller();
  engine::StatusOptions options;
  options.on = c.date_param("on");
  options.unit = c.param("unit").empty() ? me.unit : c.param("unit");
  options.history = c.param("history") == "true";
  if (std::string soon = c.param("soon"); !soon.empty()) {
    if (soon.size() > 3 || soon.find_first_not_of("0123456789") != std::string::npos)
      throw ApiError(400, text::tr("soon={}: give a number of days from 0 to {}", soon, engine::kAhead));
    options.soon_days = std::stoi(soon);
  }
  if (std::string period = c.param("period"); !period.empty()) {
    std::string why;
    options.period = forms::parse_period(period, &why);
    if (!options.period) throw ApiError(400, text::tr("period={}: {}", period, why));
  }
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  if (!tree.unit(options.unit)) throw ApiError(404, text::tr("no unit '{}' in the unit tree", options.unit));
  c.require(Action::read_status, options.unit, options.on, tree);
  try {
    c.reply(200, status_json(engine::build_status(c.db(), options)));
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, e.what());  // a day or a span beyond what status looks at: the engine says what to do
  }
}

}  // namespace

void add_status_routes(Router& router) { router.get("/api/status", get_status); }

}  // namespace mera::service
