// What a `mera eval` request means (defaults, revision, units) and its evaluation.
#include <fmt/format.h>

#include <set>

#include "mera/engine/dashboard.hpp"
#include "form_rows.hpp"
#include "reporting_periods.hpp"
#include "mera/forms/typecheck.hpp"
#include "unit_routes.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

namespace {

// The years in which the current records of the model's record forms have a date (opened,
// closed, ...): their indicators count the records whose dates fall in the period asked
// ("closed in period"), whatever day the records were submitted on.
std::set<int> record_years(const storage::Database& db, const LoadedRevision& revision) {
  std::set<int> years;
  for (const auto& form : revision.model->forms) {
    if (form->period != forms::PeriodKind::record) continue;
    std::vector<bool> dates(form->fields.size());
    for (std::size_t i = 0; i < dates.size(); ++i) dates[i] = form->fields[i].type.is(forms::Type::Kind::date);
    FormRows rows(db, *form, revision.enums, dates);
    for (std::size_t f = 0; f < dates.size(); ++f)
      if (dates[f])
        for (std::size_t r = 0; r < rows.size(); ++r)
          if (forms::Value v = rows.value(f, r); const auto* day = v.get<dsl::Date>()) years.insert(day->year);
  }
  return years;
}

// Why no unit is in the tree on the period's last day (where a period rolls up): no units at all,
// or units whose memberships start after it (or ended before it), with a period that has them.
std::string empty_tree(const UnitTree& tree, const forms::Period& period) {
  std::string day = period.last_day().iso();
  std::vector<std::string> ids = tree.ids();
  if (ids.empty()) return text::tr("the unit tree is empty on {}: import units with `mera units import`", day);
  std::optional<dsl::Date> first, last;  // the earliest start and the latest end of a membership (none: still open)
  bool open = false;
  for (const auto& id : ids)
    for (const auto& m : tree.memberships(id)) {
      if (!first || m.from < *first) first = m.from;
      if (!m.to) open = true;
      else if (!last || *last < *m.to) last = m.to;
    }
  std::string units = text::tr("{0} {0:unit|units}", text::count(ids.size()));
  if (first && period.last_day() < *first)
    return text::tr("no unit is in the tree on {}, the last day of {}: the memberships of the {} start on {} (the `from` of units.csv); "
                       "name a period from then on, as in --period {}",
                       day, period.text(), units, first->iso(), period_containing(period.kind, *first).text());
  if (!open && last && *last < period.last_day())
    return text::tr("no unit is in the tree on {}, the last day of {}: the memberships of the {} ended by {} (the `to` of units.csv); "
                       "name a period before then, as in --period {}",
                       day, period.text(), units, last->iso(), period_containing(period.kind, *last).text());
  return text::tr("no unit is in the tree on {}, the last day of {}: no membership of the {} covers that day (`mera units list --on {}` shows the tree)",
                     day, period.text(), units, day);
}

}  // namespace

// Without --period: the last complete year that has reports, for a dashboard of a year still
// running, or of a year nobody reported for, would be mostly empty. A period report has the year
// of its period; a record the years of its dates. `note` says which year was chosen and why.
forms::Period DashboardBuilder::period_of(const DashboardRequest& request, std::string& note) const {
  if (!request.period.empty()) {
    std::string why;
    auto p = forms::parse_period(request.period, &why);
    if (!p) throw RequestError(why);
    return *p;
  }
  auto complete = [&](int y) { return dsl::Date{y, 12, 31} < request.today; };
  auto year_period = [](int y) { return forms::Period{forms::PeriodKind::year, y, 1}; };
  std::set<int> periods;
  for (const auto& c : db_.counts_by_period_and_revision())
    if (auto p = forms::parse_period(c.period)) periods.insert(p->year);
  for (auto y = periods.rbegin(); y != periods.rend(); ++y)
    if (complete(*y)) {
      note = text::tr("{}: the last complete year with reports (name another with --period)", *y);
      return year_period(*y);
    }
  if (!periods.empty()) throw RequestError(text::tr("no complete year has reports yet: name a period with --period, as in --period 2021Q1"));
  std::string why;
  const LoadedRevision* newest = db_.submission_count() ? revisions_.newest(why) : nullptr;
  if (!newest) throw RequestError(text::tr("the database has no reports yet: submit some with `mera submit`, or name a period with --period"));
  std::set<int> dated = record_years(db_, *newest);
  for (auto y = dated.rbegin(); y != dated.rend(); ++y)
    if (complete(*y)) {
      note = text::tr("{}: the last complete year in which the records have dates (name another with --period)", *y);
      return year_period(*y);
    }
  int last = request.today.year - 1;
  note = text::tr("{}: the last complete year, for no record has a date in a complete year (name another with --period)", last);
  return year_period(last);
}

std::vector<std::string> DashboardBuilder::units_of(const DashboardRequest& request, const forms::Period& period) const {
  UnitRoutes routes(tree_);
  if (request.all_units) return routes.tree_order(period.first_day(), period.last_day());
  if (!request.unit.empty()) {
    if (!tree_.unit(request.unit)) throw RequestError(text::tr("unknown unit '{}'{}", request.unit, forms::closest(request.unit, tree_.ids())));
    if (!tree_.member_during(request.unit, period.first_day(), period.last_day()))
      throw RequestError(text::tr("unit '{}' was not in the tree during {}: name a period in which it was, or another unit", request.unit, period.text()));
    return {request.unit};
  }
  auto roots = routes.roots(period.last_day());
  if (roots.empty()) throw RequestError(empty_tree(tree_, period));
  if (roots.size() > 1) {
    std::string list;
    for (const auto& r : roots) list += (list.empty() ? "" : ", ") + r;
    throw RequestError(text::tr("the tree has {} tops on {} ({}): name one with --unit", text::count(roots.size()), period.last_day().iso(), list));
  }
  return roots;
}

Evaluator& DashboardBuilder::evaluator_for(const LoadedRevision& revision, const std::string& scope) {
  if (current_ != &revision || !evaluator_ || scope_ != scope) {
    evaluator_ = std::make_unique<Evaluator>(db_, *revision.model, revision.enums, revision.functions.get(), tree_);
    if (!scope.empty()) evaluator_->only_below(scope);
    current_ = &revision;
    scope_ = scope;
  }
  return *evaluator_;
}

const LoadedRevision& DashboardBuilder::chosen(std::int64_t id) {
  std::optional<storage::Revision> r = db_.revision(id);
  if (!r) throw RequestError(text::tr("{} has no revision {}: `mera model list --db {}` shows them", db_.path(), id, db_.path()), RequestError::Kind::missing);
  try {
    return revisions_.get(*r);
  } catch (const std::runtime_error& e) {
    throw RequestError(e.what());
  }
}

Dashboard DashboardBuilder::build(const DashboardRequest& request) {
  Dashboard out;
  out.period = period_of(request, out.period_note);
  std::string why;
  const LoadedRevision* in_force = revisions_.in_force(out.period.first_day(), why);
  if (in_force) out.in_force = in_force->revision.id;
  out.revision = request.revision ? &chosen(request.revision) : in_force;
  if (!out.revision) throw RequestError(why);
  auto units = units_of(request, out.period);
  Evaluator& ev = evaluator_for(*out.revision, request.all_units ? "" : request.unit);
  for (const auto& id : units) {
    UnitValues u{*tree_.unit(id), ev.evaluate(id, out.period)};
    for (const auto& v : u.values) {
      if (const auto* n = v.value.get<forms::Null>(); n && n->reason == forms::NoValue::lua_error)
        out.problems.error(v.indicator->span, n->detail);
      for (const auto& c : v.categories)
        if (const auto* n = c.value.get<forms::Null>(); n && n->reason == forms::NoValue::lua_error)
          out.problems.error(v.indicator->span, n->detail);
    }
    out.units.push_back(std::move(u));
  }
  return out;
}

namespace {

constexpr std::size_t kMaxSeriesPeriods = 1000;  // 83 years of months: more is a typo

// "2019..2023" as its two ends; nullopt when `text` has no "..".
std::optional<std::pair<forms::Period, forms::Period>> period_range(const std::string& text) {
  std::size_t dots = text.find("..");
  if (dots == std::string::npos) return std::nullopt;
  std::string why;
  auto first = forms::parse_period(text.substr(0, dots), &why);
  if (!first) throw RequestError(text::tr("the range of periods '{}' does not start with a period: {}", text, why));
  auto last = forms::parse_period(text.substr(dots + 2), &why);
  if (!last) throw RequestError(text::tr("the range of periods '{}' does not end with a period: {}", text, why));
  if (first->kind != last->kind)
    throw RequestError(text::tr("the range of periods '{}' goes from one kind of period to another: write both ends alike, as in 2021Q1..2022Q4 or 2019..2023", text));
  if (*last < *first) throw RequestError(text::tr("the range of periods '{}' ends before it starts: write the earlier period first", text));
  return std::make_pair(*first, *last);
}

}  // namespace

std::vector<Dashboard> DashboardBuilder::build_series(const DashboardRequest& request) {
  auto range = period_range(request.period);
  if (!range) return {build(request)};
  std::vector<forms::Period> periods;
  for (forms::Period p = range->first; p <= range->second; p = p.next()) {
    if (periods.size() == kMaxSeriesPeriods)
      throw RequestError(text::tr("the range of periods '{}' has more than {} periods: ask for a shorter one", request.period, kMaxSeriesPeriods));
    periods.push_back(p);
  }
  std::vector<Dashboard> out;
  DashboardRequest one = request;
  for (const auto& p : periods) {
    one.period = p.text();
    out.push_back(build(one));
  }
  return out;
}

Explanation DashboardBuilder::explain(const DashboardRequest& request, const std::string& indicator, Dashboard& context) {
  if (request.all_units) throw RequestError(text::tr("--explain shows one value: name one unit with --unit (or none for the top), not --all"));
  if (period_range(request.period)) throw RequestError(text::tr("--explain shows one value: name one period with --period, not a range"));
  context = build(request);
  const rules::Model& model = *context.revision->model;
  const rules::Indicator* ind = model.indicator(indicator);
  if (!ind) {
    std::vector<std::string> names;
    for (const auto& i : model.indicators) names.push_back(i.name);
    throw RequestError(text::tr("model '{}' has no indicator '{}'{}", model.name, indicator, forms::closest(indicator, names)), RequestError::Kind::missing);
  }
  return evaluator_for(*context.revision, request.unit).explain(*ind, context.units.front().unit.id, context.period);
}

DashboardBuilder::Comparison DashboardBuilder::compare(const DashboardRequest& request) {
  if (!request.revision) throw RequestError(text::tr("--compare needs the revision to compare with: --revision REV"));
  if (period_range(request.period)) throw RequestError(text::tr("--compare puts two revisions side by side for one period: name one with --period, not a range"));
  Comparison out;
  out.what_if = build(request);
  if (out.what_if.in_force) {
    DashboardRequest current = request;
    current.revision = 0;
    out.in_force = build(current);
  }
  return out;
}

std::optional<DashboardFormat> dashboard_format(std::string_view word) {
  if (word == "table") return DashboardFormat::table;
  if (word == "json") return DashboardFormat::json;
  if (word == "csv") return DashboardFormat::csv;
  if (word == "csv-excel") return DashboardFormat::csv_excel;
  if (word == "xlsx") return DashboardFormat::xlsx;
  return std::nullopt;
}

}  // namespace mera::engine
