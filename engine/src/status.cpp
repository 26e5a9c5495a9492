// Status items: for every period whose reports could be due by the horizon, each unit's own
// reports (overdue, due soon, returned, corrected, late) and each unit's forwards up the route
// (overdue, due soon, ready, late); then the reports waiting for each unit's review.
#include "mera/engine/status.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <stdexcept>

#include "mera/forms/typecheck.hpp"
#include "mera/rules/due_dates.hpp"
#include "mera/storage/clock.hpp"
#include "moment.hpp"
#include "reporting_periods.hpp"
#include "status_builder.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

int days_between(dsl::Date from, dsl::Date to) { return static_cast<int>(to.days() - from.days()); }

StatusItem item(ItemKind kind, const forms::Form& form, const forms::Period& p) {
  StatusItem i;
  i.kind = kind;
  i.form = form.name;
  i.period = p.text();
  return i;
}

// "Overdue" or "due soon" for something not in yet; false when it is neither.
bool missing_item(StatusItem& i, std::optional<dsl::Date> due, dsl::Date on, dsl::Date horizon) {
  if (!due || horizon < *due) return false;
  i.due = due;
  i.kind = *due < on ? ItemKind::overdue : ItemKind::due_soon;
  i.days = *due < on ? days_between(*due, on) : days_between(on, *due);
  return true;
}

}  // namespace

StatusBuilder::StatusBuilder(const storage::Database& db, const StatusOptions& options)
    : db_(db), options_(options), moment_(options.on.iso()), horizon_(dsl::Date::from_days(options.on.days() + options.soon_days)),
      tree_(UnitTree::load(db)), duties_(db, tree_), ledger_(Ledger::load(db)), revisions_(db) {
  if (!options_.unit.empty() && !tree_.unit(options_.unit))
    throw std::invalid_argument(text::tr("no unit '{}' in {}{}", options_.unit, db.path(), forms::closest(options_.unit, tree_.ids())));
  // Nothing is reported after today, so a day far ahead tells nothing more than a year ahead does,
  // and would cost a line of work for every period up to it.
  dsl::Date today = options_.today ? *options_.today : day_of(storage::now_utc());
  dsl::Date farthest = dsl::Date::from_days(today.days() + kAhead);
  if (farthest < options_.on)
    throw std::invalid_argument(text::tr("{} is more than a year after today ({}): status looks at most {} days ahead, to {}; "
                                            "name a day up to then (the deadlines of any year: mera deadlines --year)",
                                            options_.on.iso(), today.iso(), kAhead, farthest.iso()));
  if (options_.soon_days > kAhead)
    throw std::invalid_argument(text::tr("\"due soon\" within {} days looks more than a year ahead: give at most {} days", options_.soon_days, kAhead));
  for (const auto& r : db.revisions())
    if (r.status == "approved" && (!first_effective_ || r.effective < *first_effective_)) first_effective_ = r.effective;
}

bool StatusBuilder::in_scope(std::string_view unit, dsl::Date day) const {
  return options_.unit.empty() || duties_.tree().under(unit, options_.unit, day);
}

// A unit's own report of `form` for `p`: its first hop.
void StatusBuilder::own_reports(const rules::Model& model, const forms::Form& form, const forms::Period& p) {
  std::optional<dsl::Date> due = first_due(model, form, p);
  for (const storage::Unit* u : duties_.expected(form, p, options_.unit)) {
    StatusItem i = item(ItemKind::overdue, form, p);
    i.to = duties_.parent_for(u->id, p).value_or("");
    const ReportTrack* track = ledger_.find(form.name, u->id, i.period);
    ReportState s = track ? state_at(*track, moment_) : ReportState{};
    if (!s.submitted()) {
      if (missing_item(i, due, options_.on, horizon_)) add(u->id, i);
      continue;
    }
    if (due && *due < day_of(s.first->submitted_at) && earlier(first_due(model, form, p.next()))) {
      ++earlier_late_;
    } else if (due && *due < day_of(s.first->submitted_at)) {
      StatusItem late = i;
      late.kind = ItemKind::late;
      late.due = due;
      late.submitted = s.first->submitted_at;
      late.days = days_between(*due, day_of(s.first->submitted_at));
      add(u->id, late);
    }
    const storage::WorkflowEvent* why = s.returned() ? s.verdict : s.pending() ? s.earlier_return : nullptr;
    if (!why) continue;
    i.kind = s.returned() ? ItemKind::returned : ItemKind::corrected;
    i.due = due;
    i.by = why->actor;
    i.who = why->who;
    i.at = why->at;
    i.reason = why->reason;
    i.submitted = s.current->submitted_at;
    add(u->id, i);
  }
}

// The forwards of `form` for `p` by every unit above the submitting level that has a deadline.
void StatusBuilder::forwards(const rules::Model& model, const forms::Form& form, const forms::Period& p) {
  const rules::Level* submitters = model.level(form.level);
  for (const auto& d : model.deadlines) {
    const rules::Level* from = model.level(d.from);
    if (d.form != form.name || !from || !submitters || from->rank <= submitters->rank) continue;
    auto due = rules::due_date(d, p, model.calendar);
    if (!due) continue;
    for (const auto& id : tree_.ids()) {
      const storage::Unit* u = tree_.unit(id);
      if (u->level != d.from || !in_scope(id, p.last_day())) continue;
      auto parent = tree_.parent_on(id, p.last_day());
      if (!parent || parent->empty()) continue;
      auto next = rules::due_date(d, p.next(), model.calendar);
      forward_of(model, form, p, *u, due->date, *parent, earlier(next ? std::optional(next->date) : std::nullopt));
    }
  }
}

void StatusBuilder::forward_of(const rules::Model& model, const forms::Form& form, const forms::Period& p, const storage::Unit& unit,
                               dsl::Date due, const std::string& to, bool earlier_period) {
  StatusItem i = item(ItemKind::overdue, form, p);
  i.forward = true;
  i.to = to;
  const rules::Level* mine = model.level(unit.level);
  const rules::Level* submitters = model.level(form.level);
  if (!mine || !submitters) return;  // a unit of a level this revision does not have
  if (mine->rank == submitters->rank + 1) {
    for (const storage::Unit* u : duties_.expected(form, p, unit.id)) {
      ++i.below;
      const ReportTrack* t = ledger_.find(form.name, u->id, i.period);
      if (t && state_at(*t, moment_).accepted()) ++i.accepted;
      else i.units.push_back(u->id);
    }
  } else {
    for (const auto& id : tree_.ids()) {
      const rules::Level* level = model.level(tree_.unit(id)->level);
      if (!level || level->rank != mine->rank - 1 || tree_.parent_on(id, p.last_day()) != unit.id) continue;
      if (duties_.expected(form, p, id).empty()) continue;
      ++i.below;
      const ReportTrack* t = ledger_.find(form.name, id, i.period);
      if (t && forwarded_by(*t, moment_)) ++i.accepted;
      else i.units.push_back(id);
    }
  }
  if (i.below == 0) return;  // nothing of this form below the unit: nothing to forward
  const ReportTrack* mine_track = ledger_.find(form.name, unit.id, i.period);
  if (const auto* done = mine_track ? forwarded_by(*mine_track, moment_) : nullptr) {
    if (due < day_of(done->at) && earlier_period) {
      ++earlier_late_;
    } else if (due < day_of(done->at)) {
      i.kind = ItemKind::late;
      i.due = due;
      i.submitted = done->at;
      i.days = days_between(due, day_of(done->at));
      add(unit.id, i);
    }
    return;
  }
  if (options_.on <= p.last_day()) return;  // the period is still running
  if (!missing_item(i, due, options_.on, horizon_)) {
    if (i.accepted < i.below) return;
    i.kind = ItemKind::ready;
    i.due = due;
    i.days = days_between(options_.on, due);
  }
  add(unit.id, i);
}

// Is a period "earlier" on the day: the next period's report of the same hop was due by then too?
// Its lateness is history then, shown only when asked (and counted, so the report can say so).
bool StatusBuilder::earlier(std::optional<dsl::Date> next_due) const {
  return !options_.history && next_due && *next_due <= options_.on;
}

// --unit: what the unit owes next, whatever the distance: for every form it submits, and every
// hop of a form submitted below it that it forwards, the first report not in yet, due from the
// day on, that has no line of its own; none when a "due soon" line says it already.
void StatusBuilder::next_reports() {
  const storage::Unit* me = tree_.unit(options_.unit);
  std::string why;
  const LoadedRevision* rev = in_force(options_.on, why);
  if (!me || !rev) return;
  const rules::Model& model = *rev->model;
  for (const auto& f : model.forms) {
    if (f->period == forms::PeriodKind::record) continue;
    if (duties_.submits(*me, *f))
      next_of(*f, false, [&](const forms::Period& p) { return first_due(model, *f, p); });
    for (const auto& d : model.deadlines)
      if (d.form == f->name && d.from == me->level && f->level != me->level)
        next_of(*f, true, [&](const forms::Period& p) -> std::optional<dsl::Date> {
          if (duties_.expected(*f, p, me->id).empty()) return std::nullopt;  // nothing below to forward
          auto due = rules::due_date(d, p, model.calendar);
          return due ? std::optional(due->date) : std::nullopt;
        });
  }
}

void StatusBuilder::next_of(const forms::Form& form, bool forward, const std::function<std::optional<dsl::Date>(const forms::Period&)>& due_of) {
  std::vector<StatusItem>& mine = items_[options_.unit];
  auto listed = [&](const std::string& period) {  // a line of its own already (ready, returned, ...)
    return std::any_of(mine.begin(), mine.end(), [&](const StatusItem& i) { return i.form == form.name && i.forward == forward && i.period == period; });
  };
  for (const auto& i : mine)
    if (i.kind == ItemKind::due_soon && i.form == form.name && i.forward == forward) return;  // that is the next one
  forms::Period p = period_containing(form.period, options_.on).previous();  // its report may still be due
  for (int ahead = 0; ahead < 4; ++ahead, p = p.next()) {
    auto parent = tree_.parent_on(options_.unit, p.last_day());
    std::optional<dsl::Date> due = due_of(p);
    if (!parent || !due || *due < options_.on || listed(p.text())) continue;
    const ReportTrack* track = ledger_.find(form.name, options_.unit, p.text());
    bool done = track && (forward ? forwarded_by(*track, moment_) != nullptr : state_at(*track, moment_).submitted());
    if (done) continue;
    StatusItem i = item(ItemKind::next, form, p);
    i.forward = forward;
    i.to = *parent;
    i.due = due;
    i.days = days_between(options_.on, *due);
    mine.push_back(std::move(i));
    return;
  }
}

// Reports waiting for review, listed at the unit above them (whether expected or not).
void StatusBuilder::waiting_for_review() {
  std::map<std::tuple<std::string, std::string, std::string>, StatusItem> waiting;  // by reviewer, period, form
  for (const auto& [key, track] : ledger_.reports()) {
    const auto& [form, unit, period_text] = key;
    ReportState s = state_at(track, moment_);
    auto p = forms::parse_period(period_text);
    if (!s.pending() || !p) continue;
    auto parent = duties_.parent_for(unit, *p);
    if (!parent || parent->empty() || !in_scope(*parent, p->last_day())) continue;
    auto& i = waiting[{*parent, period_text, form}];
    i.kind = ItemKind::to_review;
    i.form = form;
    i.period = period_text;
    i.units.push_back(unit);
  }
  for (auto& [key, i] : waiting) add(std::get<0>(key), std::move(i));
}

StatusReport StatusBuilder::build() {
  StatusReport report;
  report.on = options_.on;
  report.soon_days = options_.soon_days;
  report.scope = options_.unit;
  std::string why;
  if (const auto* rev = in_force(options_.on, why)) report.model = text::tr("{} (revision {})", rev->model->name, rev->revision.id);
  else report.note = why;
  if (first_effective_) {
    for (auto kind : {forms::PeriodKind::month, forms::PeriodKind::quarter, forms::PeriodKind::half_year, forms::PeriodKind::year}) {
      for (auto p = period_containing(kind, *first_effective_); p.first_day() <= horizon_; p = p.next()) {
        const LoadedRevision* rev = in_force(p.first_day(), why);
        if (!rev) continue;  // before the first revision: nothing is expected
        for (const auto& f : rev->model->forms) {
          if (f->period != kind) continue;
          own_reports(*rev->model, *f, p);
          forwards(*rev->model, *f, p);
        }
      }
    }
  }
  if (!options_.unit.empty()) next_reports();
  waiting_for_review();
  report.history = options_.history;
  report.earlier_late = earlier_late_;
  list_units(report);
  shares(report);
  return report;
}

// Units in tree order as the tree stood on the day, then any other unit with something to say
// (one that has left the tree, with reports still overdue).
void StatusBuilder::list_units(StatusReport& report) {
  std::multimap<std::string, std::string> children;
  for (const auto& id : tree_.ids())
    if (auto parent = tree_.parent_on(id, options_.on)) children.emplace(*parent, id);
  std::set<std::string> listed;
  auto visit = [&](auto&& self, const std::string& id, int depth) -> void {
    bool shown = in_scope(id, options_.on);
    if (shown) {
      UnitStatus u{*tree_.unit(id), tree_.parent_on(id, options_.on).value_or(""), depth, std::move(items_[id])};
      tidy(u.items);
      report.units.push_back(std::move(u));
      listed.insert(id);
    }
    auto [from, to] = children.equal_range(id);
    for (auto it = from; it != to; ++it) self(self, it->second, shown ? depth + 1 : depth);
  };
  auto [from, to] = children.equal_range("");
  for (auto it = from; it != to; ++it) visit(visit, it->second, 0);
  for (auto& [id, items] : items_) {
    if (listed.count(id) || items.empty()) continue;
    UnitStatus u{*tree_.unit(id), "", 0, std::move(items)};
    tidy(u.items);
    report.units.push_back(std::move(u));
  }
}

StatusReport build_status(const storage::Database& db, const StatusOptions& options) {
  return StatusBuilder(db, options).build();
}

}  // namespace mera::engine
