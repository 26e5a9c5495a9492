// Due dates: for a deadline (a form and one hop of the route) and a period, the last day on
// which the report is on time, moved past weekends and holidays when the model says so.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/forms/period.hpp"
#include "mera/rules/model.hpp"

namespace mera::rules {

struct Due {
  dsl::Date date;                     // the last day on which the report is on time
  std::optional<dsl::Date> moved_from;  // the date as written, when it fell on a day off
};

// The rule of `deadline` that applies to `period`: the one for that exact period (Q4, H2)
// wins over the one for the period's kind (quarter). Null when none applies (a period of
// another kind than the form's).
const DueRule* rule_for(const Deadline& deadline, const forms::Period& period);

// The due date as the rule writes it, before any working-day shift:
//   day N of next month  day N of the month after the period ends (its last day if shorter)
//   MONTH N              the first such date after the period ends (February 29 is the last
//                        day of February in a year without one)
//   N days after         the period's last day + N
dsl::Date due_as_written(const DueRule& rule, const forms::Period& period);

// A weekend (Saturday, Sunday) or a listed holiday.
bool is_day_off(const dsl::Date& day, const Calendar& calendar);
// Monday 0 .. Sunday 6, and the English name ("Saturday").
int weekday(const dsl::Date& day);
const char* weekday_name(const dsl::Date& day);

// The due date of `deadline` for `period`; empty when no rule applies to the period.
std::optional<Due> due_date(const Deadline& deadline, const forms::Period& period, const Calendar& calendar);

// Every hop's due date of form `form` for `period`, in route order (the lowest hop first).
struct HopDue {
  const Deadline* deadline;
  Due due;
};
std::vector<HopDue> hop_due_dates(const Model& model, std::string_view form, const forms::Period& period);

}  // namespace mera::rules
