// The unit tree as stored (units and their dated membership), held in memory for lookups while
// submissions are taken in and indicators rolled up: who a unit is, and where it sat when.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mera/storage/database.hpp"

namespace mera::engine {

class UnitTree {
 public:
  static UnitTree load(const storage::Database& db);

  const storage::Unit* unit(std::string_view id) const;
  std::vector<std::string> ids() const;  // for "did you mean"
  std::vector<std::string> names() const;  // each unit's name, as ids() is ordered
  // The units whose name is exactly `name`: a report may name its unit so (issue 17).
  std::vector<const storage::Unit*> named(std::string_view name) const;
  // Was the unit in the tree on at least one day of [first, last]?
  bool member_during(std::string_view unit, dsl::Date first, dsl::Date last) const;
  // The memberships of one unit, ordered by start.
  const std::vector<storage::Membership>& memberships(std::string_view unit) const;
  // The unit's parent on a day: nullopt when it was not in the tree that day, "" at the top.
  std::optional<std::string> parent_on(std::string_view unit, dsl::Date day) const;
  // Is `unit` `top` itself, or below it on `day`?
  bool under(std::string_view unit, std::string_view top, dsl::Date day) const;
  // The last day of [first, last] on which `unit` was in the tree: where a unit that moved
  // during a period counts for it (a record's roll-up, the parent that reviews its report).
  std::optional<dsl::Date> last_day_in(std::string_view unit, dsl::Date first, dsl::Date last) const;
  // `unit` and every unit below it on some day, whatever the day: all whose reports can roll up
  // into it. Ordered by id.
  std::vector<std::string> ever_below(std::string_view unit) const;

 private:
  std::map<std::string, storage::Unit, std::less<>> units_;
  std::map<std::string, std::vector<storage::Membership>, std::less<>> memberships_;
};

}  // namespace mera::engine
