// Who must report what, and to whom. A unit submits the forms of its level, or only those its
// `forms` list names (units.csv); it answers to its parent as the tree stood on the last day of
// the report's period. Shared by review (who may accept), status and completeness (what is
// expected), so that all three agree. Private to engine/.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "mera/engine/unit_tree.hpp"
#include "mera/forms/period.hpp"

namespace mera::engine {

class Duties {
 public:
  Duties(const storage::Database& db, const UnitTree& tree);

  const UnitTree& tree() const { return tree_; }
  // Does `unit` submit `form`: the form is by its level, and its forms list (if any) names it?
  bool submits(const storage::Unit& unit, const forms::Form& form) const;
  // The forms list of a unit, empty when it submits every form of its level.
  const std::set<std::string>& listed_forms(std::string_view unit) const;
  // The unit above `unit` for a report of `period`: its parent on the period's last day, or, for
  // a unit that left the tree during the period, on the last day it was in it. nullopt when the
  // unit was not in the tree during the period; "" for the top of the tree.
  std::optional<std::string> parent_for(std::string_view unit, const forms::Period& period) const;
  // The units that must submit `form` for `period`: of the form's level, in the tree on the
  // period's last day, under `top` then (every unit when `top` is empty); ordered by id.
  std::vector<const storage::Unit*> expected(const forms::Form& form, const forms::Period& period, std::string_view top = {}) const;

 private:
  using Children = std::map<std::string, std::vector<const storage::Unit*>, std::less<>>;  // by parent, "" for the top
  // The tree as it stood on `day`, from the top down. Built once for each day asked and kept:
  // status and completeness ask for the units under each of thousands of units, always on the
  // same few period ends, and walking up from every unit of a level for each of them made a
  // nation's status quadratic (39 s); walking down the asked unit's own subtree is linear.
  const Children& children_on(dsl::Date day) const;

  const UnitTree& tree_;
  mutable std::map<long, Children> children_;  // by day number; a Duties lives for one request
  std::map<std::string, std::set<std::string>, std::less<>> forms_;  // only units with a list
  std::map<std::string, std::vector<const storage::Unit*>, std::less<>> by_level_;
};

}  // namespace mera::engine
