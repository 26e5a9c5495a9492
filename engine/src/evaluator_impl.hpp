// The state behind an Evaluator (private to engine/): the forms' rows loaded on first use, the
// values computed so far, and the scopes in which formulas and `where` conditions evaluate.
#pragma once

#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>

#include "form_rows.hpp"
#include "mera/engine/reporting.hpp"
#include "mera/engine/evaluator.hpp"
#include "unit_routes.hpp"

namespace mera::engine {

// What one report gives an aggregate: a number, and for an aggregate of a whole breakdown
// (sum(visits.by_risk) in an indicator) the report's count in each category too (`number` is
// then their total).
struct RowValue {
  double number = 0;
  std::vector<double> counts;
};

// What an aggregate has seen so far; partial results of units merge into their parents'.
struct Accumulator {
  std::size_t rows = 0;      // reports of the form in scope, before `where`
  std::size_t matched = 0;   // of them, those `where` accepts
  std::size_t counted = 0;   // of those, the ones with a value in the field
  double sum = 0;
  double min = 0;
  double max = 0;
  std::vector<double> sums, mins, maxs;  // per category, for an aggregate of a whole breakdown
  forms::Value failure;      // the first Lua failure met in a `where`, if any (else empty)
  bool failed = false;

  void add(const RowValue& x);
  void merge(const Accumulator& other);
};

// An aggregate, resolved once: which form, field and category it reads.
struct AggregatePlan {
  const forms::Form* form = nullptr;
  int field = -1;     // index into form->fields; -1 for count(form)
  int category = -1;  // for sum(form.breakdown[category]); -1 otherwise
  const forms::Enum* per_category = nullptr;  // sum(form.breakdown): a value per category of this enum
  bool last = false;  // sum of a `rollup last` field: each unit's latest value
  bool dates = false; // min/max of a date field
};

struct Evaluator::Impl {
  Impl(const storage::Database& db, const rules::Model& model, const forms::EnumTable& enums,
       const forms::FunctionHost* functions, const UnitTree& tree);

  forms::Value value(const rules::Indicator& indicator, const std::string& unit, const forms::Period& period);
  // The value with its target judged, per category for a breakdown (targets.cpp).
  IndicatorValue judged(const rules::Indicator& indicator, const std::string& unit, const forms::Period& period);
  forms::Value aggregate(const dsl::Expr& e, const std::string& unit, const forms::Period& period);
  const FormRows& rows(const forms::Form& form);
  // completeness(form) and timeliness(form): shares of the expected reports (engine/reporting.hpp).
  forms::Value reporting_share(const std::string& function, const std::string& form, const std::string& unit,
                               const forms::Period& period);
  const AggregatePlan& plan(const dsl::Expr& e);
  void in_scope(const std::string& unit) const;  // throws std::logic_error outside only_below()
  int field_index(const forms::Form& form, const dsl::Expr& name);  // cached by the name's node

  // One unit's reports for an aggregate (records: cached per unit and period).
  void accumulate_unit(const dsl::Expr& e, const AggregatePlan& p, const FormRows& rows, const std::string& u,
                       const std::string& top, const forms::Period& period, Accumulator& acc, Contribution* trace);
  std::optional<RowValue> row_value(const dsl::Expr& e, const AggregatePlan& p, const FormRows& rows, std::size_t row,
                                    const forms::Period& period, Accumulator& acc, Contribution* trace);
  forms::Value result(const dsl::Expr& e, const AggregatePlan& p, const Accumulator& acc, const std::string& unit,
                      const forms::Period& period) const;

  const storage::Database& db;
  const rules::Model& model;
  const forms::EnumTable& enums;
  const forms::FunctionHost* functions;
  const UnitTree& tree;
  UnitRoutes routes;

  std::map<const forms::Form*, std::vector<bool>> used_fields;
  std::map<const forms::Form*, std::unique_ptr<FormRows>> loaded;
  std::unordered_map<const dsl::Expr*, AggregatePlan> plans;
  std::unordered_map<const dsl::Expr*, int> fields;
  std::map<std::tuple<const rules::Indicator*, std::string, forms::Period>, forms::Value> values;
  std::map<std::tuple<const dsl::Expr*, std::string, forms::Period>, Accumulator> record_partials;
  std::vector<AggregateTrace>* tracing = nullptr;  // set while explaining
  std::unique_ptr<Reporting> reporting;            // made on the first completeness() or timeliness()
  std::string scope;                               // only_below(): the unit, "" for every unit
  std::vector<std::string> scope_units;            // ... and the units ever below it
};

// An indicator's formula for one unit and period.
class IndicatorEvalScope : public forms::EvalScope {
 public:
  IndicatorEvalScope(Evaluator::Impl& ev, const std::string& unit, const forms::Period& period)
      : EvalScope(ev.enums, ev.functions), ev_(ev), unit_(unit), period_(period) {}
  forms::Value name(const dsl::Expr& e) const override;
  forms::Value aggregate(const dsl::Expr& e) const override;
  forms::Value in_period(const forms::Value& date, const dsl::Expr& e) const override;
  forms::Value previous(const dsl::Expr& e) const override;
  std::optional<forms::Value> builtin(const dsl::Expr& e) const override;

 private:
  Evaluator::Impl& ev_;
  const std::string& unit_;
  forms::Period period_;
};

// The `where` of an aggregate, over one stored report of the aggregated form.
class RowEvalScope : public forms::EvalScope {
 public:
  RowEvalScope(Evaluator::Impl& ev, const FormRows& rows, std::size_t row, const forms::Period& period)
      : EvalScope(ev.enums, ev.functions), ev_(ev), rows_(rows), row_(row), period_(period) {}
  forms::Value name(const dsl::Expr& e) const override;
  forms::Value aggregate(const dsl::Expr& e) const override;
  forms::Value in_period(const forms::Value& date, const dsl::Expr& e) const override;
  forms::Value previous(const dsl::Expr& e) const override;

 private:
  Evaluator::Impl& ev_;
  const FormRows& rows_;
  std::size_t row_;
  forms::Period period_;
};

}  // namespace mera::engine
