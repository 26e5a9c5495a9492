// Where reports roll up to: the units below a unit during a period, and whether a unit sat below
// another on a given day (the tree is dated: a unit that moved in July rolls up into its old
// parent for the first half-year and into the new one after). Private to engine/.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mera/engine/unit_tree.hpp"

namespace mera::engine {

class UnitRoutes {
 public:
  explicit UnitRoutes(const UnitTree& tree);

  // `top` and every unit that sat below it on at least one day of [first, last], top first.
  std::vector<std::string> below(std::string_view top, dsl::Date first, dsl::Date last) const;
  // Is `unit` `top` itself, or below it on `day`?
  bool under(std::string_view unit, std::string_view top, dsl::Date day) const;
  // The last day of [first, last] on which `unit` was in the tree: where a record of that unit,
  // which has no period of its own, rolls up for the period [first, last].
  std::optional<dsl::Date> last_day_in(std::string_view unit, dsl::Date first, dsl::Date last) const;
  // Every unit in the tree during [first, last], each top first and then its children by id,
  // depth first: the order of a printed tree.
  std::vector<std::string> tree_order(dsl::Date first, dsl::Date last) const;
  // The units at the top of the tree on `day`.
  std::vector<std::string> roots(dsl::Date day) const;

 private:
  const UnitTree& tree_;
  std::map<std::string, std::vector<const storage::Membership*>, std::less<>> children_;
};

}  // namespace mera::engine
