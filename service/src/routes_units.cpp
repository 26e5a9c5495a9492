// GET /api/units[?on=DATE]: the unit tree as it stood on the day (default today), only the
// caller's unit and the units below it, each with its parent on that day.
#include "context.hpp"

namespace mera::service {
namespace {

void get_units(Context& c) {
  const Caller& me = c.caller();
  dsl::Date day = c.date_param("on");
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  c.require(Action::read_units, me.unit, day, tree);
  nlohmann::json units = nlohmann::json::array();
  for (const std::string& id : tree.ids()) {
    auto parent = tree.parent_on(id, day);
    if (!parent || !decide(me, Action::read_units, id, day, tree).allowed) continue;  // not in the tree that day, or outside
    const storage::Unit* u = tree.unit(id);
    units.push_back({{"id", id}, {"name", u->name}, {"level", u->level}, {"parent", *parent}});
  }
  c.reply(200, {{"on", day.iso()}, {"units", units}});
}

}  // namespace

void add_unit_routes(Router& router) { router.get("/api/units", get_units); }

}  // namespace mera::service
