// An indicator's value judged against its target: met, missed, or nothing to judge (no target,
// or an empty value). A breakdown is judged category by category; its target is one number for
// every category or a breakdown by the same enum (a target per category).
#include "evaluator_impl.hpp"

namespace mera::engine {

using forms::NoValue;
using forms::Value;

namespace {

// met or missed when both are numbers; none when either is empty.
TargetStatus judge(const std::string& op, const Value& value, const Value& target) {
  const double* x = value.get<double>();
  const double* t = target.get<double>();
  if (!x || !t) return TargetStatus::none;
  bool met = op == ">=" ? *x >= *t : op == ">" ? *x > *t : op == "<=" ? *x <= *t : *x < *t;
  return met ? TargetStatus::met : TargetStatus::missed;
}

// A breakdown value, category by category; the target is one number for all of them or a
// breakdown by the same enum (a target per category).
std::vector<CategoryValue> categories(const forms::Breakdown& b, const rules::Indicator& ind, const Value& target) {
  std::vector<CategoryValue> out;
  const auto* per = target.get<forms::Breakdown>();
  for (std::size_t i = 0; i < b.counts.size(); ++i) {
    CategoryValue c{&b.enumeration->values[i], b.at(i), TargetStatus::none, {}};
    if (ind.target) {
      c.target_value = !per ? target : per->enumeration == b.enumeration ? per->at(i) : Value::none(NoValue::empty);
      c.target = judge(ind.target->op, c.value, c.target_value);
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

IndicatorValue Evaluator::Impl::judged(const rules::Indicator& ind, const std::string& unit, const forms::Period& period) {
  IndicatorValue out;
  out.indicator = &ind;
  out.value = value(ind, unit, period);
  if (ind.target) out.target_value = forms::evaluate(ind.target->value, IndicatorEvalScope(*this, unit, period));
  if (const auto* b = out.value.get<forms::Breakdown>()) {
    out.categories = categories(*b, ind, out.target_value);  // judged per category, not as a whole
    return out;
  }
  if (ind.target) out.target = judge(ind.target->op, out.value, out.target_value);
  return out;
}

}  // namespace mera::engine
