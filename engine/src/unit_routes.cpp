#include "unit_routes.hpp"

#include <set>

namespace mera::engine {

UnitRoutes::UnitRoutes(const UnitTree& tree) : tree_(tree) {
  for (const auto& id : tree.ids())
    for (const auto& m : tree.memberships(id))
      if (!m.parent.empty()) children_[m.parent].push_back(&m);
}

std::vector<std::string> UnitRoutes::below(std::string_view top, dsl::Date first, dsl::Date last) const {
  std::vector<std::string> out{std::string(top)};
  std::set<std::string, std::less<>> seen{std::string(top)};
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto it = children_.find(out[i]);
    if (it == children_.end()) continue;
    for (const auto* m : it->second) {
      bool overlaps = m->from <= last && (!m->to || first <= *m->to);
      if (overlaps && seen.insert(m->unit).second) out.push_back(m->unit);
    }
  }
  return out;
}

std::vector<std::string> UnitRoutes::roots(dsl::Date day) const {
  std::vector<std::string> out;
  for (const auto& id : tree_.ids())
    if (auto parent = tree_.parent_on(id, day); parent && parent->empty()) out.push_back(id);
  return out;
}

std::vector<std::string> UnitRoutes::tree_order(dsl::Date first, dsl::Date last) const {
  std::vector<std::string> out;
  std::set<std::string, std::less<>> seen;
  auto visit = [&](auto&& self, const std::string& unit) -> void {
    if (!seen.insert(unit).second) return;
    out.push_back(unit);
    auto it = children_.find(unit);
    if (it == children_.end()) return;
    std::set<std::string> kids;
    for (const auto* m : it->second)
      if (m->from <= last && (!m->to || first <= *m->to)) kids.insert(m->unit);
    for (const auto& k : kids) self(self, k);
  };
  for (const auto& id : tree_.ids())
    for (const auto& m : tree_.memberships(id))
      if (m.parent.empty() && m.from <= last && (!m.to || first <= *m.to)) visit(visit, id);
  return out;
}

}  // namespace mera::engine
