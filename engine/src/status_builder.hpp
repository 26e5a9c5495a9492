// The work behind build_status: every period from the first revision in force to the "due soon"
// horizon, every form of it, every unit in scope; items collected per unit. Private to engine/.
#pragma once

#include <functional>
#include <map>

#include "duties.hpp"
#include "ledger.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/status.hpp"

namespace mera::engine {

class StatusBuilder {
 public:
  StatusBuilder(const storage::Database& db, const StatusOptions& options);

  StatusReport build();

 private:
  bool in_scope(std::string_view unit, dsl::Date day) const;
  void own_reports(const rules::Model& model, const forms::Form& form, const forms::Period& p);
  void forwards(const rules::Model& model, const forms::Form& form, const forms::Period& p);
  void forward_of(const rules::Model& model, const forms::Form& form, const forms::Period& p, const storage::Unit& unit, dsl::Date due,
                  const std::string& to, bool earlier_period);
  bool earlier(std::optional<dsl::Date> next_due) const;
  void next_reports();
  void next_of(const forms::Form& form, bool forward, const std::function<std::optional<dsl::Date>(const forms::Period&)>& due_of);
  void waiting_for_review();
  void add(const std::string& unit, StatusItem item) { items_[unit].push_back(std::move(item)); }
  void list_units(StatusReport& report);
  void shares(StatusReport& report);
  std::optional<forms::Period> default_period();
  const LoadedRevision* in_force(dsl::Date day, std::string& why) { return by_day_.in_force(day, why); }

  const storage::Database& db_;
  StatusOptions options_;
  std::string moment_;  // the end of the day: "2022-01-12"
  dsl::Date horizon_;   // the last day of "due soon"
  UnitTree tree_;
  Duties duties_;
  Ledger ledger_;
  Revisions revisions_;
  RevisionsByDay by_day_{revisions_};  // every cell asks for the revision of its day
  std::optional<dsl::Date> first_effective_;
  std::map<std::string, std::vector<StatusItem>> items_;  // by unit
  int earlier_late_ = 0;  // late lines of earlier periods left out (no history asked)
};

// Long runs of overdue periods of one form folded into one item; items put in order.
void tidy(std::vector<StatusItem>& items);

}  // namespace mera::engine
