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
