// Indicators evaluated over stored submissions: for any unit and period, every aggregate runs
// over the reports of the units below that unit (by the dated tree) and of the periods inside
// that period. Ratios are computed from the aggregated numerator and denominator, never as an
// average of the children's ratios; an empty result says why it is empty (no data, 0/0, an
// empty field, a Lua failure), never a silent 0.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "mera/engine/unit_tree.hpp"
#include "mera/forms/eval.hpp"
#include "mera/forms/period.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

enum class TargetStatus { none, met, missed };  // none: no target, or no value to judge

// One category of an indicator whose value is a breakdown (`sum(visits.by_risk) /
// sum(visits.families)`: the share of each risk level), with its target judged for it alone.
struct CategoryValue {
  const forms::EnumValue* category = nullptr;  // its name and label
  forms::Value value;         // a number, or why this category has none (its own 0/0)
  TargetStatus target = TargetStatus::none;
  forms::Value target_value;  // the target for this category, when there is one
};

struct IndicatorValue {
  const rules::Indicator* indicator = nullptr;
  forms::Value value;   // the exact value (a number or a breakdown); rounding is for display only (display.hpp)
  TargetStatus target = TargetStatus::none;  // none for a breakdown: its categories are judged
  forms::Value target_value;  // the target's own value when there is one
  std::vector<CategoryValue> categories;  // for a breakdown value: one per category, in the enum's order
};

// One unit's share of an aggregate: how many of its reports were in scope, how many matched
// the `where`, what they added up to, and which submissions they were.
struct Contribution {
  std::string unit;
  std::size_t rows = 0;
  std::size_t matched = 0;
  double total = 0;
  std::vector<double> categories;  // for an aggregate of a whole breakdown: the total per category
  std::vector<std::int64_t> submissions;  // the matched ones, the first kSubmissionsShown
  static constexpr std::size_t kSubmissionsShown = 12;
};

// One aggregate of a formula as it was evaluated: what `--explain` prints.
struct AggregateTrace {
  const dsl::Expr* expr = nullptr;
  forms::Period period;
  forms::Value value;
  std::vector<Contribution> units;  // units with reports in scope, in tree order
  const forms::Enum* categories = nullptr;  // sum(form.breakdown): the enum of Contribution::categories
};

// An indicator a formula names, at the period it is read for (previous(x) reads x a period back).
struct UsedIndicator {
  forms::Period period;
  IndicatorValue value;
};

struct Explanation {
  IndicatorValue result;
  std::vector<UsedIndicator> uses;         // the indicators the formula names, same unit
  std::vector<AggregateTrace> aggregates;  // in the order the formula evaluated them
};

class Evaluator {
 public:
  // The model must be the revision in force for the periods asked; `functions` runs its Lua
  // (null: calls give a Lua error value). All references must outlive the evaluator.
  Evaluator(const storage::Database& db, const rules::Model& model, const forms::EnumTable& enums,
            const forms::FunctionHost* functions, const UnitTree& tree);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Every indicator for `unit` and `period`, in the order the model declares them. Values are
  // kept, so evaluating many units and periods with one evaluator reuses what is shared.
  std::vector<IndicatorValue> evaluate(const std::string& unit, const forms::Period& period);
  IndicatorValue evaluate(const rules::Indicator& indicator, const std::string& unit, const forms::Period& period);
  // How one value came about: its aggregates, their units and submissions.
  Explanation explain(const rules::Indicator& indicator, const std::string& unit, const forms::Period& period);

  // Reads only the reports of `unit` and the units ever below it: for an evaluator that is asked
  // about `unit` (or units below it) alone, as `--unit` and `--explain` are. Before the first
  // evaluation; an evaluation of a unit outside would miss reports, so it is refused.
  void only_below(const std::string& unit);
  // How many current reports the evaluator has read, all forms together.
  std::size_t rows_read() const;

  // The model's indicators in declaration order (files in load order, then position).
  std::vector<const rules::Indicator*> indicators() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mera::engine
