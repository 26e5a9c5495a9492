// What a `mera eval` request means (defaults, revision, units) and its evaluation.
#include <fmt/format.h>

#include "mera/engine/dashboard.hpp"
#include "mera/forms/typecheck.hpp"
#include "unit_routes.hpp"

namespace mera::engine {

forms::Period DashboardBuilder::period_of(const DashboardRequest& request) const {
  if (!request.period.empty()) {
    std::string why;
    auto p = forms::parse_period(request.period, &why);
    if (!p) throw RequestError(why);
    return *p;
  }
  // The last complete year that has reports: a dashboard of a year still running, or of a year
  // nobody reported for, would be mostly empty.
  std::optional<int> year;
  const std::vector<int> years = db_.reported_years();
  for (int y : years)
    if (dsl::Date{y, 12, 31} < request.today) year = y;
  if (!year)
    throw RequestError(years.empty()
                           ? "the database has no reports yet: submit some with `mera submit`, or name a period with --period"
                           : "no complete year has reports yet: name a period with --period, as in --period 2021Q1");
  return forms::Period{forms::PeriodKind::year, *year, 1};
}

std::vector<std::string> DashboardBuilder::units_of(const DashboardRequest& request, const forms::Period& period) const {
  UnitRoutes routes(tree_);
  if (request.all_units) return routes.tree_order(period.first_day(), period.last_day());
  if (!request.unit.empty()) {
    if (!tree_.unit(request.unit)) throw RequestError(fmt::format("unknown unit '{}'{}", request.unit, forms::closest(request.unit, tree_.ids())));
    if (!tree_.member_during(request.unit, period.first_day(), period.last_day()))
      throw RequestError(fmt::format("unit '{}' was not in the tree during {}", request.unit, period.text()));
    return {request.unit};
  }
  auto roots = routes.roots(period.last_day());
  if (roots.empty()) throw RequestError(fmt::format("the unit tree is empty on {}: import units with `mera units import`", period.last_day().iso()));
  if (roots.size() > 1) {
    std::string list;
    for (const auto& r : roots) list += (list.empty() ? "" : ", ") + r;
    throw RequestError(fmt::format("the tree has {} tops on {} ({}): name one with --unit", roots.size(), period.last_day().iso(), list));
  }
  return roots;
}

Evaluator& DashboardBuilder::evaluator_for(const LoadedRevision& revision) {
  if (current_ != &revision || !evaluator_) {
    evaluator_ = std::make_unique<Evaluator>(db_, *revision.model, revision.enums, revision.functions.get(), tree_);
    current_ = &revision;
  }
  return *evaluator_;
}

const LoadedRevision& DashboardBuilder::chosen(std::int64_t id) {
  std::optional<storage::Revision> r = db_.revision(id);
  if (!r) throw RequestError(fmt::format("{} has no revision {}: `mera model list --db {}` shows them", db_.path(), id, db_.path()));
  try {
    return revisions_.get(*r);
  } catch (const std::runtime_error& e) {
    throw RequestError(e.what());
  }
}

Dashboard DashboardBuilder::build(const DashboardRequest& request) {
  Dashboard out;
  out.period = period_of(request);
  std::string why;
  const LoadedRevision* in_force = revisions_.in_force(out.period.first_day(), why);
  if (in_force) out.in_force = in_force->revision.id;
  out.revision = request.revision ? &chosen(request.revision) : in_force;
  if (!out.revision) throw RequestError(why);
  auto units = units_of(request, out.period);
  Evaluator& ev = evaluator_for(*out.revision);
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

Explanation DashboardBuilder::explain(const DashboardRequest& request, const std::string& indicator, Dashboard& context) {
  if (request.all_units) throw RequestError("--explain shows one value: name one unit with --unit (or none for the top), not --all");
  context = build(request);
  const rules::Model& model = *context.revision->model;
  const rules::Indicator* ind = model.indicator(indicator);
  if (!ind) {
    std::vector<std::string> names;
    for (const auto& i : model.indicators) names.push_back(i.name);
    throw RequestError(fmt::format("model '{}' has no indicator '{}'{}", model.name, indicator, forms::closest(indicator, names)));
  }
  return evaluator_for(*context.revision).explain(*ind, context.units.front().unit.id, context.period);
}

DashboardBuilder::Comparison DashboardBuilder::compare(const DashboardRequest& request) {
  if (!request.revision) throw RequestError("--compare needs the revision to compare with: --revision REV");
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
  return std::nullopt;
}

}  // namespace mera::engine
