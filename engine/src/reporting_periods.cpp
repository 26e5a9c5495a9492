#include "reporting_periods.hpp"

#include "mera/rules/due_dates.hpp"

namespace mera::engine {

forms::Period period_containing(forms::PeriodKind kind, dsl::Date day) {
  switch (kind) {
    case forms::PeriodKind::month: return {kind, day.year, day.month};
    case forms::PeriodKind::quarter: return {kind, day.year, (day.month - 1) / 3 + 1};
    case forms::PeriodKind::half_year: return {kind, day.year, (day.month - 1) / 6 + 1};
    default: return {forms::PeriodKind::year, day.year, 1};
  }
}

std::vector<forms::Period> periods_inside(forms::PeriodKind kind, const forms::Period& outer) {
  std::vector<forms::Period> out;
  if (kind == forms::PeriodKind::record) return out;
  for (forms::Period p = period_containing(kind, outer.first_day()); p.first_day() <= outer.last_day(); p = p.next())
    if (p.within(outer)) out.push_back(p);
  return out;
}

std::optional<dsl::Date> first_due(const rules::Model& model, const forms::Form& form, const forms::Period& period) {
  for (const auto& d : model.deadlines)
    if (d.form == form.name && d.from == form.level)
      if (auto due = rules::due_date(d, period, model.calendar)) return due->date;
  return std::nullopt;
}

}  // namespace mera::engine
