// `mera eval` as a library: which revision, unit(s) and period a request means, every
// indicator evaluated for them, and the result rendered as an aligned table (the model's own
// Russian labels), as JSON or as CSV; `--explain` as text. The HTTP service will reuse it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/diagnostic.hpp"
#include "mera/engine/evaluator.hpp"
#include "mera/engine/revisions.hpp"

namespace mera::engine {

struct DashboardRequest {
  std::string unit;    // empty: the top of the tree
  std::string period;  // empty: the last complete year that has reports (of its period, or records with dates in it)
  bool all_units = false;  // every unit of the tree, top first
  dsl::Date today;     // what "complete" is measured against
  // 0: the approved revision in force on the period's first day. Else this revision, draft or
  // not (a what-if over stored history: nothing is stored either way).
  std::int64_t revision = 0;
};

struct UnitValues {
  storage::Unit unit;
  std::vector<IndicatorValue> values;
};

struct Dashboard {
  const LoadedRevision* revision = nullptr;  // the one evaluated under
  std::int64_t in_force = 0;  // the approved revision in force for the period; 0 if none
  forms::Period period;
  std::string period_note;  // no period asked: which one was chosen and why ("2021: the last complete year with reports ...")
  std::vector<UnitValues> units;
  dsl::Diagnostics problems;  // every Lua failure, at its indicator, naming the unit
};

// Thrown for a request that cannot be answered (unknown unit, bad period, no revision in
// force); the message says what to do.
struct RequestError : std::runtime_error {
  // What the request names may not exist (a revision, an indicator): the service answers 404
  // for it, 400 for the rest. A flag, for the message is in the reader's language.
  enum class Kind { refused, missing };
  explicit RequestError(const std::string& message, Kind k = Kind::refused) : std::runtime_error(message), kind(k) {}
  Kind kind;
};

// Resolves the defaults, picks the approved revision in force on the period's first day and
// evaluates. `evaluator` is made for that revision and may be reused by the caller via
// `explain` below.
class DashboardBuilder {
 public:
  DashboardBuilder(const storage::Database& db, Revisions& revisions, const UnitTree& tree)
      : db_(db), revisions_(revisions), tree_(tree) {}

  Dashboard build(const DashboardRequest& request);
  // A request whose period is a range of periods of one kind (`2019..2023`, `2021Q1..2022Q4`):
  // each period's dashboard in order, evaluated by one evaluator while the revision in force
  // stays the same, so that every form's rows are read once for the whole range. A single
  // period gives one dashboard, as build().
  std::vector<Dashboard> build_series(const DashboardRequest& request);
  // How one indicator's value came about, for the request's (single) unit and period.
  Explanation explain(const DashboardRequest& request, const std::string& indicator, Dashboard& context);
  // The request under the revision in force and under request.revision, side by side.
  struct Comparison;
  Comparison compare(const DashboardRequest& request);

 private:
  forms::Period period_of(const DashboardRequest& request, std::string& note) const;
  std::vector<std::string> units_of(const DashboardRequest& request, const forms::Period& period) const;
  // The evaluator of a revision for the request's units: `scope` is the one unit asked (its
  // evaluator reads only the reports below it), "" for the whole tree.
  Evaluator& evaluator_for(const LoadedRevision& revision, const std::string& scope);
  const LoadedRevision& chosen(std::int64_t id);

  const storage::Database& db_;
  Revisions& revisions_;
  const UnitTree& tree_;
  const LoadedRevision* current_ = nullptr;
  std::string scope_;  // of evaluator_
  std::unique_ptr<Evaluator> evaluator_;
};

struct DashboardBuilder::Comparison {
  std::optional<Dashboard> in_force;  // none when no approved revision governs the period
  Dashboard what_if;
};

// csv is for machines (`,`, a decimal point, a row per unit, period and indicator); csv_excel
// (`csv-excel`) and xlsx are for spreadsheets: see render below.
enum class DashboardFormat { table, json, csv, csv_excel, xlsx };
std::optional<DashboardFormat> dashboard_format(std::string_view word);

std::string render(const Dashboard& dashboard, DashboardFormat format);
// Several periods: a table per unit with a column per period, one CSV (one header, a row per unit, period
// and indicator), a JSON array of the periods' documents. csv_excel: UTF-8 with a BOM, `;`, a
// decimal comma, a row per unit and indicator and a column per period; xlsx: the workbook's
// bytes, a sheet of the series (a column per period) and a sheet per period (units as rows,
// indicators as columns), values as numbers in the indicator's format, status coloured.
std::string render(const std::vector<Dashboard>& series, DashboardFormat format);
std::string render(const DashboardBuilder::Comparison& comparison, DashboardFormat format);
std::string render(const Explanation& explanation, const Dashboard& context);

}  // namespace mera::engine
