// What names, aggregates, `in period` and previous() mean in an indicator's formula and in the
// `where` of its aggregates.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "evaluator_impl.hpp"
#include "mera/dsl/format.hpp"

namespace mera::engine {

using forms::Value;

namespace {

Value within(const Value& date, const forms::Period& period) {
  return Value(period.contains(date.as<dsl::Date>()));
}

}  // namespace

// ---- an indicator's formula ----------------------------------------------------------------

// A bare name is another indicator (the checker made sure), at the same unit and period.
Value IndicatorEvalScope::name(const dsl::Expr& e) const {
  const rules::Indicator* other = ev_.model.indicator(e.path.front().text);
  if (!other || e.path.size() != 1) throw std::logic_error(fmt::format("evaluate `{}`: not an indicator", dsl::format_expr(e)));
  return ev_.value(*other, unit_, period_);
}

Value IndicatorEvalScope::aggregate(const dsl::Expr& e) const { return ev_.aggregate(e, unit_, period_); }

Value IndicatorEvalScope::in_period(const Value& date, const dsl::Expr&) const { return within(date, period_); }

// previous(x): x for the period of the same kind before this one (2021Q1 -> 2020Q4).
Value IndicatorEvalScope::previous(const dsl::Expr& e) const {
  IndicatorEvalScope before(ev_, unit_, period_.previous());
  return forms::evaluate(e.args[0], before);
}

std::optional<Value> IndicatorEvalScope::builtin(const dsl::Expr& e) const {
  const std::string& f = e.callee.text;
  if (f != "completeness" && f != "timeliness") return std::nullopt;
  return ev_.reporting_share(f, e.args.at(0).path.at(0).text, unit_, period_);
}

// ---- the `where` of an aggregate, over one report ------------------------------------------

Value RowEvalScope::name(const dsl::Expr& e) const {
  int i = ev_.field_index(rows_.form(), e);
  if (i < 0 || !rows_.loaded(static_cast<std::size_t>(i)))
    throw std::logic_error(fmt::format("evaluate `{}`: not a loaded field of form '{}'", dsl::format_expr(e), rows_.form().name));
  return rows_.value(static_cast<std::size_t>(i), row_);
}

// sum(by_risk) and the like inside a `where`: over the categories of the report's breakdown.
Value RowEvalScope::aggregate(const dsl::Expr& e) const {
  Value v = name(e.args.at(0));
  if (v.is_null()) return v;
  const auto* b = v.get<forms::Breakdown>();
  if (!b || b->counts.empty()) throw std::logic_error(fmt::format("evaluate `{}`: not a breakdown", dsl::format_expr(e)));
  const auto& c = b->counts;
  if (e.op == "sum") return Value(std::accumulate(c.begin(), c.end(), 0.0));
  if (e.op == "avg") return Value(std::accumulate(c.begin(), c.end(), 0.0) / static_cast<double>(c.size()));
  if (e.op == "min") return Value(*std::min_element(c.begin(), c.end()));
  if (e.op == "max") return Value(*std::max_element(c.begin(), c.end()));
  throw std::logic_error(fmt::format("evaluate `{}`: '{}' over a breakdown", dsl::format_expr(e), e.op));
}

Value RowEvalScope::in_period(const Value& date, const dsl::Expr&) const { return within(date, period_); }

// previous(closed in period): the same condition against the period before.
Value RowEvalScope::previous(const dsl::Expr& e) const {
  RowEvalScope before(ev_, rows_, row_, period_.previous());
  return forms::evaluate(e.args[0], before);
}

}  // namespace mera::engine
