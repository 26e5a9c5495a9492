// The completeness part of status: for a period and the longer periods that contain it, the
// reports due by the day that were expected, received and received on time; by unit (with
// everything below it), by level (each level's own reports) and in all.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "reporting_periods.hpp"
#include "status_builder.hpp"

namespace mera::engine {
namespace {

constexpr forms::PeriodKind kKinds[] = {forms::PeriodKind::month, forms::PeriodKind::quarter, forms::PeriodKind::half_year,
                                        forms::PeriodKind::year};

// A period and every longer one containing it: 2021Q4, 2021H2, 2021.
std::vector<forms::Period> columns(const forms::Period& p) {
  std::vector<forms::Period> out{p};
  bool longer = false;
  for (auto kind : kKinds) {
    if (longer) out.push_back(period_containing(kind, p.first_day()));
    longer = longer || kind == p.kind;
  }
  return out;
}

}  // namespace

// The latest period of the model's shortest reporting rhythm with a report due by the day.
std::optional<forms::Period> StatusBuilder::default_period() {
  std::string why;
  const LoadedRevision* rev = in_force(options_.on, why);
  if (!rev) return std::nullopt;
  std::optional<forms::PeriodKind> shortest;
  for (const auto& f : rev->model->forms)
    if (f->period != forms::PeriodKind::record && (!shortest || f->period < *shortest)) shortest = f->period;
  if (!shortest) return std::nullopt;
  forms::Period p = period_containing(*shortest, options_.on);
  for (int back = 0; back < 24 && first_effective_ && *first_effective_ <= p.last_day(); ++back, p = p.previous()) {
    const LoadedRevision* then = in_force(p.first_day(), why);
    if (!then) continue;
    for (const auto& f : then->model->forms) {
      if (f->period != p.kind) continue;
      auto due = first_due(*then->model, *f, p);
      if (due ? *due <= options_.on : p.last_day() < options_.on) return p;
    }
  }
  return std::nullopt;
}

void StatusBuilder::shares(StatusReport& report) {
  std::optional<forms::Period> start = options_.period ? options_.period : default_period();
  if (!start) return;
  report.periods = columns(*start);
  Reporting reporting(db_, tree_);
  std::string why;
  // Adds the shares of `unit` (every unit when empty) for the column `c` to `cell`, over each
  // sub-period under the revision in force for it; `level` keeps only that level's forms.
  auto add = [&](ReportingShare& cell, const forms::Period& c, const std::string& unit, const std::string& level) {
    for (auto kind : kKinds)
      for (const auto& sub : periods_inside(kind, c)) {
        const LoadedRevision* rev = in_force(sub.first_day(), why);
        if (!rev) continue;
        for (const auto& f : rev->model->forms)
          if (f->period == kind && (level.empty() || f->level == level))
            cell += reporting.share_on(*rev->model, f->name, unit, sub, options_.on);
      }
  };
  for (const auto& u : report.units) {
    if (u.parent.empty() && u.depth == 0 && !tree_.parent_on(u.unit.id, options_.on)) continue;  // outside the tree on the day
    ShareRow row{u.unit.id, u.unit.name, u.depth, std::vector<ReportingShare>(report.periods.size())};
    for (std::size_t c = 0; c < report.periods.size(); ++c) add(row.cells[c], report.periods[c], u.unit.id, "");
    report.by_unit.push_back(std::move(row));
  }
  const LoadedRevision* rev = in_force(options_.on, why);
  if (rev)
    for (const auto& level : rev->model->levels) {
      ShareRow row{level.name, level.label, 0, std::vector<ReportingShare>(report.periods.size())};
      for (std::size_t c = 0; c < report.periods.size(); ++c) add(row.cells[c], report.periods[c], options_.unit, level.name);
      bool any = std::any_of(row.cells.begin(), row.cells.end(), [](const ReportingShare& s) { return s.expected > 0; });
      if (any) report.by_level.push_back(std::move(row));
    }
  report.total = ShareRow{"all", options_.unit.empty() ? "every unit" : "everything under " + options_.unit, 0,
                          std::vector<ReportingShare>(report.periods.size())};
  for (std::size_t c = 0; c < report.periods.size(); ++c) add(report.total.cells[c], report.periods[c], options_.unit, "");
}

// Runs of overdue periods (or of periods with reports waiting for review) of one form longer than
// this are folded into one line: a database years behind, or a date far ahead, still gives a
// status one can read.
constexpr std::size_t kRunShown = 4;

void tidy(std::vector<StatusItem>& items) {
  auto order = [](const StatusItem& a, const StatusItem& b) {
    auto day = [](const StatusItem& i) { return i.due ? i.due->days() : 0L; };
    return std::tuple(a.kind, a.forward, day(a), a.period, a.form) < std::tuple(b.kind, b.forward, day(b), b.period, b.form);
  };
  std::stable_sort(items.begin(), items.end(), order);
  using Key = std::tuple<ItemKind, std::string, bool>;  // kind, form, forward
  auto foldable = [](const StatusItem& i) { return i.kind == ItemKind::overdue || i.kind == ItemKind::to_review; };
  std::map<Key, std::size_t> runs;
  for (const auto& i : items)
    if (foldable(i)) ++runs[{i.kind, i.form, i.forward}];
  std::vector<StatusItem> out;
  std::map<Key, std::size_t> run_at;  // where in `out` a folded run is
  for (auto& i : items) {
    Key key{i.kind, i.form, i.forward};
    if (!foldable(i) || runs[key] <= kRunShown) {
      out.push_back(std::move(i));
    } else if (auto it = run_at.find(key); it == run_at.end()) {
      run_at.emplace(key, out.size());
      out.push_back(std::move(i));  // the oldest: its due date and days stand for the run
    } else {
      StatusItem& run = out[it->second];
      ++run.count;
      run.last_period = i.period;
      run.units.insert(run.units.end(), i.units.begin(), i.units.end());
    }
  }
  items = std::move(out);
}

}  // namespace mera::engine
