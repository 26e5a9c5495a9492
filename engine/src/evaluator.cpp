#include "mera/engine/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "evaluator_impl.hpp"
#include "submission_header.hpp"
#include "mera/dsl/format.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

using forms::NoValue;
using forms::Value;

namespace {

// Every field an indicator reads, per form: the fields aggregated and those their `where` names.
void collect_fields(const dsl::Expr& e, const rules::Model& model, const forms::Form* row_form,
                    std::map<const forms::Form*, std::vector<bool>>& used) {
  auto mark = [&](const forms::Form& form, const std::string& field) {
    auto& flags = used.try_emplace(&form, form.fields.size(), false).first->second;
    for (std::size_t i = 0; i < form.fields.size(); ++i)
      if (form.fields[i].name == field) flags[i] = true;
  };
  if (row_form && e.kind == dsl::Expr::Kind::name && e.path.size() == 1) mark(*row_form, e.path[0].text);
  if (!row_form && e.kind == dsl::Expr::Kind::aggregate) {
    const dsl::Expr& source = e.args[0].kind == dsl::Expr::Kind::index ? e.args[0].args[0] : e.args[0];
    if (const forms::Form* form = model.form(source.path[0].text)) {
      used.try_emplace(form, form->fields.size(), false);
      if (source.path.size() == 2) mark(*form, source.path[1].text);
      if (e.has_where) collect_fields(e.args[1], model, form, used);
    }
    return;
  }
  for (const auto& a : e.args) collect_fields(a, model, row_form, used);
}

int rank(forms::PeriodKind k) {
  switch (k) {
    case forms::PeriodKind::month: return 0;
    case forms::PeriodKind::quarter: return 1;
    case forms::PeriodKind::half_year: return 2;
    default: return 3;
  }
}

}  // namespace

// ---- Accumulator ---------------------------------------------------------------------------

namespace {

// Per category: into += from (sum), or the smaller (min) or the larger (max) of the two.
void per_category(std::vector<double>& into, const std::vector<double>& from, int how) {
  if (into.empty()) {
    into = from;
    return;
  }
  for (std::size_t i = 0; i < into.size() && i < from.size(); ++i)
    into[i] = how == 0 ? into[i] + from[i] : how < 0 ? std::min(into[i], from[i]) : std::max(into[i], from[i]);
}

}  // namespace

void Accumulator::add(const RowValue& v) {
  double x = v.number;
  if (counted == 0 || x < min) min = x;
  if (counted == 0 || x > max) max = x;
  sum += x;
  if (!v.counts.empty()) {
    per_category(sums, v.counts, 0);
    per_category(mins, v.counts, -1);
    per_category(maxs, v.counts, 1);
  }
  ++counted;
}

void Accumulator::merge(const Accumulator& o) {
  if (o.counted > 0) {
    if (counted == 0 || o.min < min) min = o.min;
    if (counted == 0 || o.max > max) max = o.max;
    if (!o.sums.empty()) {
      per_category(sums, o.sums, 0);
      per_category(mins, o.mins, -1);
      per_category(maxs, o.maxs, 1);
    }
  }
  rows += o.rows;
  matched += o.matched;
  counted += o.counted;
  sum += o.sum;
  if (o.failed && !failed) {
    failed = true;
    failure = o.failure;
  }
}

// ---- Impl ----------------------------------------------------------------------------------

Evaluator::Impl::Impl(const storage::Database& db_, const rules::Model& model_, const forms::EnumTable& enums_,
                      const forms::FunctionHost* functions_, const UnitTree& tree_)
    : db(db_), model(model_), enums(enums_), functions(functions_), tree(tree_), routes(tree_) {
  for (const auto& ind : model.indicators) {
    collect_fields(ind.value, model, nullptr, used_fields);
    if (ind.target) collect_fields(ind.target->value, model, nullptr, used_fields);
  }
}

const FormRows& Evaluator::Impl::rows(const forms::Form& form) {
  auto& slot = loaded[&form];
  if (!slot) {
    auto used = used_fields.try_emplace(&form, form.fields.size(), false).first->second;
    slot = std::make_unique<FormRows>(db, form, enums, used, scope.empty() ? nullptr : &scope_units);
  }
  return *slot;
}

int Evaluator::Impl::field_index(const forms::Form& form, const dsl::Expr& name) {
  auto [it, fresh] = fields.try_emplace(&name, -1);
  if (fresh)
    for (std::size_t i = 0; i < form.fields.size(); ++i)
      if (form.fields[i].name == name.path.back().text) it->second = static_cast<int>(i);
  return it->second;
}

const AggregatePlan& Evaluator::Impl::plan(const dsl::Expr& e) {
  auto [it, fresh] = plans.try_emplace(&e);
  if (!fresh) return it->second;
  AggregatePlan& p = it->second;
  const dsl::Expr& source = e.args[0].kind == dsl::Expr::Kind::index ? e.args[0].args[0] : e.args[0];
  p.form = model.form(source.path[0].text);
  if (!p.form) throw std::logic_error(fmt::format("evaluate `{}`: unknown form", dsl::format_expr(e)));
  if (source.path.size() == 2) {
    p.field = field_index(*p.form, source);
    const forms::Field& f = p.form->fields[static_cast<std::size_t>(p.field)];
    p.last = e.op == "sum" && f.rollup == forms::Rollup::last && p.form->period != forms::PeriodKind::record;
    p.dates = f.type.is(forms::Type::Kind::date);
    if (e.args[0].kind == dsl::Expr::Kind::index) {
      const auto& categories = f.type.enumeration->values;
      for (std::size_t i = 0; i < categories.size(); ++i)
        if (categories[i].name == e.args[0].key.text) p.category = static_cast<int>(i);
    } else if (f.type.is(forms::Type::Kind::breakdown)) {
      p.per_category = f.type.enumeration;
    }
  }
  return p;
}

Value Evaluator::Impl::reporting_share(const std::string& function, const std::string& form, const std::string& unit,
                                       const forms::Period& period) {
  if (!reporting) reporting = std::make_unique<Reporting>(db, tree);
  ReportingShare s = reporting->share(model, form, unit, period);
  if (s.expected == 0)
    return Value::none(NoValue::zero_division, text::tr("no report of form '{}' was expected from {} for {}", form, unit, period.text()));
  int part = function == "completeness" ? s.received : s.on_time;
  return Value(static_cast<double>(part) / s.expected);
}

// One report: does `where` accept it (counted in `acc`), and its value if it has one.
std::optional<RowValue> Evaluator::Impl::row_value(const dsl::Expr& e, const AggregatePlan& p, const FormRows& rows,
                                                   std::size_t row, const forms::Period& period, Accumulator& acc,
                                                   Contribution* trace) {
  ++acc.rows;
  if (e.has_where) {
    Value ok = forms::evaluate(e.args[1], RowEvalScope(*this, rows, row, period));
    if (const auto* n = ok.get<forms::Null>(); n && n->reason == NoValue::lua_error) {
      if (!acc.failed) {
        acc.failed = true;
        acc.failure = Value::none(NoValue::lua_error, text::tr("in the 'where' of {}, submission {}: {}", dsl::format_expr(e), rows.row(row).submission, n->detail));
      }
      return std::nullopt;
    }
    if (!ok.is<bool>() || !ok.as<bool>()) return std::nullopt;  // empty: unknown, so not counted
  }
  ++acc.matched;
  if (trace && trace->submissions.size() < Contribution::kSubmissionsShown) trace->submissions.push_back(rows.row(row).submission);
  if (p.field < 0) return std::nullopt;
  Value v = rows.value(static_cast<std::size_t>(p.field), row);
  if (v.is_null()) return std::nullopt;
  if (const double* d = v.get<double>()) return RowValue{*d, {}};
  if (const auto* date = v.get<dsl::Date>()) return RowValue{static_cast<double>(date->days()), {}};
  RowValue x;
  if (const auto* b = v.get<forms::Breakdown>()) {
    if (p.category >= 0) return RowValue{b->counts.at(static_cast<std::size_t>(p.category)), {}};
    for (double c : b->counts) x.number += c;
    if (p.per_category) x.counts = b->counts;
  }
  return x;
}

void Evaluator::Impl::accumulate_unit(const dsl::Expr& e, const AggregatePlan& p, const FormRows& rows,
                                      const std::string& u, const std::string& top, const forms::Period& period,
                                      Accumulator& acc, Contribution* trace) {
  // Plain names, not a structured binding: the lambda below captures them (clang 14 cannot
  // capture a structured binding).
  const auto rows_of_u = rows.rows_of(u);
  const std::size_t first = rows_of_u.first, last = rows_of_u.second;
  if (first == last) return;
  if (rows.periodic()) {
    // Each report rolls up where its unit sat at the end of the report's own period. A stock
    // (`rollup last`) is the unit's latest value in the period, counted where the unit sat
    // then: a unit that moved in July gives its year-end stock to the new parent only.
    std::optional<RowValue> stock;  // for a breakdown, per category
    std::optional<forms::Period> stock_at;
    for (std::size_t r = first; r < last; ++r) {
      const forms::Period& q = rows.row(r).period;
      if (!q.within(period)) continue;
      bool routed = tree.under(u, top, q.last_day());
      Accumulator ignored;
      auto x = row_value(e, p, rows, r, period, routed ? acc : ignored, routed ? trace : nullptr);
      if (!x) continue;
      if (p.last) {
        stock = x;  // rows are in period order
        stock_at = q;
      } else if (routed) {
        acc.add(*x);
      }
    }
    if (stock && tree.under(u, top, stock_at->last_day())) acc.add(*stock);
    return;
  }
  // A record has no period of its own: it rolls up where its unit sat at the end of the period.
  auto day = tree.last_day_in(u, period.first_day(), period.last_day());
  if (!day || !tree.under(u, top, *day)) return;
  auto add_records = [&](Accumulator& into, Contribution* c) {
    for (std::size_t r = first; r < last; ++r)
      if (auto x = row_value(e, p, rows, r, period, into, c)) into.add(*x);
  };
  if (trace) {  // explaining: walk the records again to name them
    add_records(acc, trace);
    return;
  }
  auto key = std::make_tuple(&e, u, period);
  auto it = record_partials.find(key);
  if (it == record_partials.end()) {
    Accumulator own;
    add_records(own, nullptr);
    it = record_partials.emplace(std::move(key), own).first;
  }
  acc.merge(it->second);
}

Value Evaluator::Impl::aggregate(const dsl::Expr& e, const std::string& unit, const forms::Period& period) {
  const AggregatePlan& p = plan(e);
  const FormRows& data = rows(*p.form);
  // Traced by index: nothing below adds to `tracing`, but an index stays right regardless.
  std::size_t traced = tracing ? tracing->size() : 0;
  if (tracing) tracing->push_back(AggregateTrace{&e, period, {}, {}, p.per_category});
  Accumulator acc;
  if (!data.periodic() || rank(p.form->period) <= rank(period.kind)) {
    for (const auto& u : routes.below(unit, period.first_day(), period.last_day())) {
      if (!tracing) {
        accumulate_unit(e, p, data, u, unit, period, acc, nullptr);
        continue;
      }
      Contribution c;
      c.unit = u;
      Accumulator own;
      accumulate_unit(e, p, data, u, unit, period, own, &c);
      if (own.rows == 0) continue;
      c.rows = own.rows;
      c.matched = own.matched;
      c.total = p.field < 0 ? static_cast<double>(own.matched) : own.sum;
      if (p.per_category) c.categories = own.sums.empty() ? std::vector<double>(p.per_category->values.size(), 0.0) : own.sums;
      (*tracing)[traced].units.push_back(std::move(c));
      acc.merge(own);
    }
  }
  Value v = result(e, p, acc, unit, period);
  if (tracing) (*tracing)[traced].value = v;
  return v;
}

Value Evaluator::Impl::result(const dsl::Expr& e, const AggregatePlan& p, const Accumulator& acc,
                              const std::string& unit, const forms::Period& period) const {
  if (acc.failed) return acc.failure;
  if (acc.rows == 0) {
    if (p.form->period != forms::PeriodKind::record && rank(p.form->period) > rank(period.kind))
      return Value::none(NoValue::missing_data, text::tr("form '{}' is reported per {}; {} is shorter", p.form->name, period_words(p.form->period), period.text()));
    if (p.form->period == forms::PeriodKind::record)
      return Value::none(NoValue::missing_data, text::tr("no records of form '{}' for {}", p.form->name, unit));
    return Value::none(NoValue::missing_data, text::tr("no reports of form '{}' for {} in {}", p.form->name, unit, period.text()));
  }
  const std::string& op = e.op;
  if (op == "count") return Value(static_cast<double>(acc.matched));
  if (acc.counted == 0) {
    if (op == "sum" && acc.matched == 0)  // nothing matched: a real zero (in every category)
      return p.per_category ? Value(forms::Breakdown(p.per_category, std::vector<double>(p.per_category->values.size(), 0.0))) : Value(0.0);
    return Value::none(NoValue::empty, text::tr("{0}: no value among {1} matching {1:report|reports}", dsl::format_expr(e), text::count(acc.matched)));
  }
  if (p.per_category) {  // sum(visits.by_risk): the same aggregate in each category
    std::vector<double> out = op == "min" ? acc.mins : op == "max" ? acc.maxs : acc.sums;
    if (op == "avg")
      for (double& x : out) x /= static_cast<double>(acc.counted);
    return Value(forms::Breakdown(p.per_category, std::move(out)));
  }
  if (op == "sum") return Value(acc.sum);
  if (op == "avg") return Value(acc.sum / static_cast<double>(acc.counted));
  double x = op == "min" ? acc.min : acc.max;
  if (p.dates) return Value(dsl::Date::from_days(static_cast<long>(x)));
  return Value(x);
}

namespace {

// A category that overflowed has no value, as a number that overflowed has none.
Value finite_categories(const forms::Breakdown& b, const std::string& where) {
  forms::Breakdown out = b;
  for (std::size_t i = 0; i < out.counts.size(); ++i)
    if (!out.why_empty(i) && !std::isfinite(out.counts[i]))
      out.set_empty(i, {NoValue::lua_error, text::tr("{}: category '{}' is not a finite number", where, b.enumeration->values[i].name)});
  return Value(std::move(out));
}

}  // namespace

Value Evaluator::Impl::value(const rules::Indicator& ind, const std::string& unit, const forms::Period& period) {
  auto key = std::make_tuple(&ind, unit, period);
  if (auto it = values.find(key); it != values.end()) return it->second;
  Value v = forms::evaluate(ind.value, IndicatorEvalScope(*this, unit, period));
  if (auto* n = v.get<forms::Null>(); n && n->reason == NoValue::lua_error && n->detail.rfind("indicator '", 0) != 0)
    v = Value::none(NoValue::lua_error, text::tr("indicator '{}' for {}, {}: {}", ind.name, unit, period.text(), n->detail));
  if (const double* d = v.get<double>(); d && !std::isfinite(*d))
    v = Value::none(NoValue::lua_error, text::tr("indicator '{}' for {}, {}: the value is not a finite number", ind.name, unit, period.text()));
  if (const auto* b = v.get<forms::Breakdown>()) v = finite_categories(*b, fmt::format("indicator '{}' for {}, {}", ind.name, unit, period.text()));
  values.emplace(std::move(key), v);
  return v;
}

// ---- Evaluator -----------------------------------------------------------------------------

Evaluator::Evaluator(const storage::Database& db, const rules::Model& model, const forms::EnumTable& enums,
                     const forms::FunctionHost* functions, const UnitTree& tree)
    : impl_(std::make_unique<Impl>(db, model, enums, functions, tree)) {}

Evaluator::~Evaluator() = default;

std::vector<const rules::Indicator*> Evaluator::indicators() const {
  std::vector<const rules::Indicator*> out;
  for (const auto& ind : impl_->model.indicators) out.push_back(&ind);
  auto file_index = [&](const dsl::SourceFile* f) {
    const auto& s = impl_->model.sources;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i].get() == f) return i;
    return s.size();
  };
  std::stable_sort(out.begin(), out.end(), [&](const rules::Indicator* a, const rules::Indicator* b) {
    auto fa = file_index(a->span.file), fb = file_index(b->span.file);
    return fa != fb ? fa < fb : a->span.begin < b->span.begin;
  });
  return out;
}

void Evaluator::only_below(const std::string& unit) {
  if (!impl_->loaded.empty()) throw std::logic_error("Evaluator::only_below after an evaluation");
  impl_->scope = unit;
  impl_->scope_units = impl_->tree.ever_below(unit);
}

std::size_t Evaluator::rows_read() const {
  std::size_t n = 0;
  for (const auto& [form, rows] : impl_->loaded) n += rows->size();
  return n;
}

void Evaluator::Impl::in_scope(const std::string& unit) const {
  if (!scope.empty() && !std::binary_search(scope_units.begin(), scope_units.end(), unit))
    throw std::logic_error("Evaluator: unit " + unit + " is outside only_below(" + scope + ")");
}

std::vector<IndicatorValue> Evaluator::evaluate(const std::string& unit, const forms::Period& period) {
  impl_->in_scope(unit);
  std::vector<IndicatorValue> out;
  for (const auto* ind : indicators()) out.push_back(impl_->judged(*ind, unit, period));
  return out;
}

IndicatorValue Evaluator::evaluate(const rules::Indicator& indicator, const std::string& unit, const forms::Period& period) {
  impl_->in_scope(unit);
  return impl_->judged(indicator, unit, period);
}

namespace {

// The indicators a formula names and the periods it reads them for, each once, in order.
void indicator_uses(const dsl::Expr& e, const rules::Model& model, const forms::Period& period,
                    std::vector<std::pair<const rules::Indicator*, forms::Period>>& out) {
  if (e.kind == dsl::Expr::Kind::aggregate) return;  // its `where` sees fields, not indicators
  if (e.kind == dsl::Expr::Kind::previous) return indicator_uses(e.args[0], model, period.previous(), out);
  if (e.kind == dsl::Expr::Kind::name && e.path.size() == 1)
    if (const auto* ind = model.indicator(e.path[0].text)) {
      auto use = std::make_pair(ind, period);
      if (std::find(out.begin(), out.end(), use) == out.end()) out.push_back(use);
    }
  for (const auto& a : e.args) indicator_uses(a, model, period, out);
}

}  // namespace

Explanation Evaluator::explain(const rules::Indicator& indicator, const std::string& unit, const forms::Period& period) {
  impl_->in_scope(unit);
  Explanation out;
  std::vector<std::pair<const rules::Indicator*, forms::Period>> uses;
  indicator_uses(indicator.value, impl_->model, period, uses);
  for (const auto& [other, when] : uses) out.uses.push_back({when, impl_->judged(*other, unit, when)});
  out.result = impl_->judged(indicator, unit, period);
  // Evaluate the formula once more, this time writing down every aggregate it reads.
  impl_->tracing = &out.aggregates;
  try {
    forms::evaluate(indicator.value, IndicatorEvalScope(*impl_, unit, period));
  } catch (...) {
    impl_->tracing = nullptr;
    throw;
  }
  impl_->tracing = nullptr;
  return out;
}

}  // namespace mera::engine
