// GET /api/deadlines?period=P | year=Y [&unit=U]: when each report is due, hop by hop, under the
// revision in force on the first day of the period or year, as `mera deadlines --db` shows it:
// rules::hop_due_dates for the dates, engine::UnitDeadlines for which forms and hops are a
// unit's own. Without a unit, every hop of the model (the model is everybody's to read).
#include <fmt/format.h>

#include <memory>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/status.hpp"
#include "mera/rules/due_dates.hpp"
#include "mera/text/tr.hpp"
#include "query.hpp"

namespace mera::service {
namespace {

using nlohmann::json;
using forms::Period;
using forms::PeriodKind;

std::vector<Period> periods_of(PeriodKind kind, int year) {
  int count = kind == PeriodKind::quarter ? 4 : kind == PeriodKind::half_year ? 2 : kind == PeriodKind::month ? 12 : 1;
  std::vector<Period> out;
  for (int i = 1; i <= count; ++i) out.push_back(Period{kind, year, i});
  return out;
}

json due_json(const rules::Due& due) {
  json j = {{"due", due.date.iso()}, {"weekday", text::translate(rules::weekday_name(due.date))}};
  if (due.moved_from) j["moved_from"] = due.moved_from->iso();  // off a weekend or holiday
  return j;
}

// The forms of one period with their hops; a unit's only, when `unit` is given.
json period_json(const rules::Model& m, const Period& p, const engine::UnitDeadlines* unit) {
  json forms = json::array();
  for (const auto& f : m.forms) {
    if (f->period != p.kind) continue;
    json hops = json::array();
    for (const auto& h : rules::hop_due_dates(m, f->name, p)) {
      if (unit && !(unit->parent_for(p) && unit->concerns(m, *f, *h.deadline, p))) continue;
      json hop = due_json(h.due);
      hop["from"] = h.deadline->from;
      hop["to"] = h.deadline->to;
      hops.push_back(hop);
    }
    if (unit && hops.empty()) continue;  // not the unit's form
    forms.push_back({{"form", f->name}, {"label", f->label}, {"hops", hops}});
  }
  return {{"period", p.text()}, {"first_day", p.first_day().iso()}, {"last_day", p.last_day().iso()}, {"forms", forms}};
}

void get_deadlines(Context& c) {
  std::optional<Period> period = period_param(c);
  std::string year_text = c.param("year");
  if (period.has_value() == !year_text.empty())
    throw ApiError(400, text::tr("give either period=P (such as period=2021Q4) or year=Y (such as year=2021), one of them"));
  std::optional<Period> year;
  if (!year_text.empty()) {
    year = forms::parse_period(year_text);
    if (!year || year->kind != PeriodKind::year) throw ApiError(400, text::tr("year={}: not a year; write it as year=2021", year_text));
  }
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  std::unique_ptr<engine::UnitDeadlines> unit;
  if (!c.param("unit").empty()) {
    std::string id = unit_param(c, tree);
    c.require(Action::read_deadlines, id, day_for(tree, id, period ? period : year), tree);
    unit = std::make_unique<engine::UnitDeadlines>(c.db(), id);
  } else {
    c.caller();
  }
  dsl::Date day = period ? period->first_day() : year->first_day();
  engine::Revisions revisions(c.db());
  std::string why;
  const engine::LoadedRevision* rev = revisions.in_force(day, why);
  if (!rev) throw ApiError(404, text::tr("{}: deadlines are those of the model in force; ask for a period that a revision governs (GET /api/revisions shows them)", why));
  json periods = json::array();
  if (period) {
    periods.push_back(period_json(*rev->model, *period, unit.get()));
  } else {
    for (PeriodKind k : {PeriodKind::month, PeriodKind::quarter, PeriodKind::half_year, PeriodKind::year})
      for (const Period& p : periods_of(k, year->year)) {
        json one = period_json(*rev->model, p, unit.get());
        if (!one["forms"].empty()) periods.push_back(std::move(one));
      }
  }
  json out = {{"model", rev->model->name}, {"revision", rev->revision.id}, {"in_force_on", day.iso()}, {"periods", periods}};
  if (unit) out["unit"] = unit->unit().id;
  c.reply(200, out);
}

}  // namespace

void add_deadline_routes(Router& router) { router.get("/api/deadlines", get_deadlines); }

}  // namespace mera::service
