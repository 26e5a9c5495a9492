#include "mera/engine/unit_tree.hpp"

#include <set>

namespace mera::engine {

UnitTree UnitTree::load(const storage::Database& db) {
  UnitTree tree;
  for (auto& u : db.units()) tree.units_.emplace(u.id, u);
  for (auto& m : db.memberships()) tree.memberships_[m.unit].push_back(m);  // ordered by unit, then from
  return tree;
}

const storage::Unit* UnitTree::unit(std::string_view id) const {
  auto it = units_.find(id);
  return it == units_.end() ? nullptr : &it->second;
}

std::vector<std::string> UnitTree::ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, u] : units_) ids.push_back(id);
  return ids;
}

std::vector<std::string> UnitTree::names() const {
  std::vector<std::string> names;
  for (const auto& [id, u] : units_) names.push_back(u.name);
  return names;
}

std::vector<const storage::Unit*> UnitTree::named(std::string_view name) const {
  std::vector<const storage::Unit*> found;
  for (const auto& [id, u] : units_)
    if (u.name == name) found.push_back(&u);
  return found;
}

const std::vector<storage::Membership>& UnitTree::memberships(std::string_view unit) const {
  static const std::vector<storage::Membership> none;
  auto it = memberships_.find(unit);
  return it == memberships_.end() ? none : it->second;
}

bool UnitTree::member_during(std::string_view unit, dsl::Date first, dsl::Date last) const {
  for (const auto& m : memberships(unit))
    if (m.from <= last && (!m.to || first <= *m.to)) return true;
  return false;
}

std::optional<std::string> UnitTree::parent_on(std::string_view unit, dsl::Date day) const {
  for (const auto& m : memberships(unit))
    if (m.from <= day && (!m.to || day <= *m.to)) return m.parent;
  return std::nullopt;
}

bool UnitTree::under(std::string_view unit, std::string_view top, dsl::Date day) const {
  std::string at(unit);
  for (int depth = 0; depth < 64; ++depth) {  // a tree is shallow; the bound guards a damaged one
    if (at == top) return true;
    auto parent = parent_on(at, day);
    if (!parent || parent->empty()) return false;
    at = std::move(*parent);
  }
  return false;
}

std::optional<dsl::Date> UnitTree::last_day_in(std::string_view unit, dsl::Date first, dsl::Date last) const {
  std::optional<dsl::Date> best;
  for (const auto& m : memberships(unit)) {
    if (m.from > last || (m.to && *m.to < first)) continue;
    dsl::Date end = m.to && *m.to < last ? *m.to : last;
    if (!best || *best < end) best = end;
  }
  return best;
}

std::vector<std::string> UnitTree::ever_below(std::string_view unit) const {
  std::multimap<std::string_view, std::string_view> children;  // every parent a membership ever named
  for (const auto& [id, ms] : memberships_)
    for (const auto& m : ms) children.emplace(m.parent, id);
  std::set<std::string> out{std::string(unit)};
  std::vector<std::string> todo{std::string(unit)};
  while (!todo.empty()) {
    std::string at = std::move(todo.back());
    todo.pop_back();
    auto [from, to] = children.equal_range(at);
    for (auto it = from; it != to; ++it)
      if (out.emplace(it->second).second) todo.emplace_back(it->second);
  }
  return {out.begin(), out.end()};
}

}  // namespace mera::engine
