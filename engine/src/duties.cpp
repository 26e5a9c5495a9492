#include "duties.hpp"

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

std::vector<const storage::Unit*> Duties::expected(const forms::Form& form, const forms::Period& period, std::string_view top) const {
  std::vector<const storage::Unit*> out;
  auto level = by_level_.find(form.level);
  if (level == by_level_.end()) return out;
  dsl::Date last = period.last_day();
  for (const storage::Unit* u : level->second) {
    if (!submits(*u, form) || !tree_.parent_on(u->id, last)) continue;
    if (top.empty() || tree_.under(u->id, top, last)) out.push_back(u);
  }
  return out;
}

}  // namespace mera::engine
