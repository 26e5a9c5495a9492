// Completeness and timeliness (see reporting.hpp for what expected, received and on time mean).
#include "mera/engine/reporting.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "duties.hpp"
#include "ledger.hpp"
#include "moment.hpp"
#include "mera/rules/due_dates.hpp"
#include "reporting_periods.hpp"

namespace mera::engine {

struct Reporting::Impl {
  Impl(const storage::Database& db, const UnitTree& tree) : duties(db, tree), ledger(Ledger::load(db)) {
    for (const auto& r : db.revisions())
      if (r.status == "approved" && (!first_effective || r.effective < *first_effective)) first_effective = r.effective;
  }
  Duties duties;
  Ledger ledger;
  std::optional<dsl::Date> first_effective;  // no report is expected before any revision is in force
};

Reporting::Reporting(const storage::Database& db, const UnitTree& tree) : impl_(std::make_unique<Impl>(db, tree)) {}
Reporting::~Reporting() = default;

ReportingShare Reporting::share(const rules::Model& model, const std::string& form, const std::string& unit, const forms::Period& period) const {
  return count(model, form, unit, period, std::nullopt);
}

ReportingShare Reporting::share_on(const rules::Model& model, const std::string& form, const std::string& unit, const forms::Period& period,
                                   dsl::Date as_of) const {
  return count(model, form, unit, period, as_of);
}

ReportingShare Reporting::count(const rules::Model& model, const std::string& form_name, const std::string& unit, const forms::Period& period,
                                std::optional<dsl::Date> as_of) const {
  const forms::Form* form = model.form(form_name);
  if (!form) throw std::invalid_argument(fmt::format("model '{}' has no form '{}'", model.name, form_name));
  ReportingShare share;
  if (form->period == forms::PeriodKind::record) return share;
  const std::string moment = as_of ? as_of->iso() : "9999-12-31";
  for (const forms::Period& p : periods_inside(form->period, period)) {
    if (!impl_->first_effective || p.first_day() < *impl_->first_effective) continue;
    std::optional<dsl::Date> due = first_due(model, *form, p);
    if (as_of && (due ? *as_of < *due : *as_of <= p.last_day())) continue;  // not due yet
    for (const storage::Unit* u : impl_->duties.expected(*form, p, unit)) {
      ++share.expected;
      const ReportTrack* track = impl_->ledger.find(form->name, u->id, p.text());
      if (!track) continue;
      ReportState s = state_at(*track, moment);
      if (!s.received()) continue;
      ++share.received;
      if (!due || day_of(s.first->submitted_at) <= *due) ++share.on_time;
    }
  }
  return share;
}

ReportingShare reporting_share(const storage::Database& db, const rules::Model& model, const UnitTree& tree, const std::string& form,
                               const std::string& unit, const forms::Period& period) {
  return Reporting(db, tree).share(model, form, unit, period);
}

}  // namespace mera::engine
