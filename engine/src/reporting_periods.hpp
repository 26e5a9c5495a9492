// The rhythm of reporting: the periods of a kind inside a longer one, and the first hop's due
// date of a form for a period. Private to engine/ (reporting, status).
#pragma once

#include <optional>
#include <vector>

#include "mera/forms/period.hpp"
#include "mera/rules/model.hpp"

namespace mera::engine {

// The period of `kind` that contains `day` (kind is never record).
forms::Period period_containing(forms::PeriodKind kind, dsl::Date day);

// Every period of `kind` that lies inside `outer`, in order: the quarters of a year, the year of
// a year. Empty when `kind` is longer than `outer` (no half-year lies inside a quarter).
std::vector<forms::Period> periods_inside(forms::PeriodKind kind, const forms::Period& outer);

// The due date of `form`'s first hop (from the level that submits it) for `period`, shifted to a
// working day if the model says so; nullopt when the model declares no such deadline.
std::optional<dsl::Date> first_due(const rules::Model& model, const forms::Form& form, const forms::Period& period);

}  // namespace mera::engine
