#include "duties.hpp"

#include <algorithm>

namespace mera::engine {

Duties::Duties(const storage::Database& db, const UnitTree& tree) : tree_(tree) {
  for (const auto& f : db.unit_forms()) forms_[f.unit].insert(f.form);
  for (const auto& id : tree.ids()) {
    const storage::Unit* u = tree.unit(id);
    by_level_[u->level].push_back(u);  // ids() is ordered, so each level is too
  }
}

const std::set<std::string>& Duties::listed_forms(std::string_view unit) const {
  static const std::set<std::string> none;
  auto it = forms_.find(unit);
  return it == forms_.end() ? none : it->second;
}

bool Duties::submits(const storage::Unit& unit, const forms::Form& form) const {
  if (unit.level != form.level) return false;
  const auto& listed = listed_forms(unit.id);
  return listed.empty() || listed.count(form.name) > 0;
}

std::optional<std::string> Duties::parent_for(std::string_view unit, const forms::Period& period) const {
  auto day = tree_.last_day_in(unit, period.first_day(), period.last_day());
  if (!day) return std::nullopt;
  return tree_.parent_on(unit, *day);
}

const Duties::Children& Duties::children_on(dsl::Date day) const {
  auto [it, added] = children_.try_emplace(day.days());
  if (added)
    for (const auto& [level, units] : by_level_)
      for (const storage::Unit* u : units)
        if (auto parent = tree_.parent_on(u->id, day)) it->second[*parent].push_back(u);
  return it->second;
}

std::vector<const storage::Unit*> Duties::expected(const forms::Form& form, const forms::Period& period, std::string_view top) const {
  std::vector<const storage::Unit*> out;
  auto level = by_level_.find(form.level);
  if (level == by_level_.end()) return out;
  dsl::Date last = period.last_day();
  if (top.empty()) {
    for (const storage::Unit* u : level->second)
      if (submits(*u, form) && tree_.parent_on(u->id, last)) out.push_back(u);
    return out;
  }
  // `top` and everything below it on the day, as UnitTree::under sees it: a unit in the tree then
  // whose chain of parents reaches `top` (`seen` guards a damaged tree with a cycle).
  // `top` itself counts only when it is in the tree then; those below it count by their own
  // membership, as the parent they name.
  const Children& children = children_on(last);
  const storage::Unit* root = tree_.unit(top);
  if (root && root->level == form.level && submits(*root, form) && tree_.parent_on(top, last)) out.push_back(root);
  std::vector<std::string_view> todo{top};
  std::set<std::string_view> seen{top};
  while (!todo.empty()) {
    auto below = children.find(todo.back());
    todo.pop_back();
    if (below == children.end()) continue;
    for (const storage::Unit* c : below->second) {
      if (!seen.insert(c->id).second) continue;
      if (c->level == form.level && submits(*c, form)) out.push_back(c);
      todo.push_back(c->id);
    }
  }
  std::sort(out.begin(), out.end(), [](const storage::Unit* a, const storage::Unit* b) { return a->id < b->id; });
  return out;
}

}  // namespace mera::engine
