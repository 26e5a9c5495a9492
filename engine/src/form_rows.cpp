#include "form_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "mera/forms/validate.hpp"

namespace mera::engine {

using forms::Value;
using Kind = forms::Type::Kind;

namespace {
constexpr double kEmpty = std::numeric_limits<double>::quiet_NaN();
}

void Column::push(const Value& v) {
  switch (field_->type.kind) {
    case Kind::text: texts.push_back(v.is<std::string>() ? v.as<std::string>() : std::string()); numbers.push_back(v.is_null() ? kEmpty : 0); return;
    case Kind::breakdown: breakdowns.push_back(v.is<forms::Breakdown>() ? v.as<forms::Breakdown>() : forms::Breakdown{}); numbers.push_back(v.is_null() ? kEmpty : 0); return;
    default: break;
  }
  if (const double* d = v.get<double>()) numbers.push_back(*d);
  else if (const auto* date = v.get<dsl::Date>()) numbers.push_back(static_cast<double>(date->days()));
  else if (const bool* b = v.get<bool>()) numbers.push_back(*b ? 1 : 0);
  else if (const auto* c = v.get<forms::Category>()) numbers.push_back(static_cast<double>(c->index));
  else numbers.push_back(kEmpty);
}

bool Column::empty_at(std::size_t row) const { return std::isnan(numbers[row]); }

Value Column::get(std::size_t row) const {
  double n = numbers[row];
  if (std::isnan(n)) return Value::none(forms::NoValue::empty);
  switch (field_->type.kind) {
    case Kind::text: return Value(texts[row]);
    case Kind::breakdown: return Value(breakdowns[row]);
    case Kind::date: return Value(dsl::Date::from_days(static_cast<long>(n)));
    case Kind::boolean: return Value(n != 0);
    case Kind::category: return Value(forms::Category{field_->type.enumeration, static_cast<std::size_t>(n)});
    default: return Value(n);
  }
}

FormRows::FormRows(const storage::Database& db, const forms::Form& form, const forms::EnumTable& enums,
                   const std::vector<bool>& used)
    : form_(form), slot_(form.fields.size(), -1) {
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    if (!used[i]) continue;
    slot_[i] = static_cast<int>(columns_.size());
    columns_.emplace_back(form.fields[i]);
  }
  std::map<std::string, std::uint32_t, std::less<>> unit_index;
  db.each_current(form.name, [&](const storage::Database::CurrentRow& r) {
    FormRow row;
    row.submission = r.id;
    auto it = unit_index.find(r.unit);
    if (it == unit_index.end()) {
      it = unit_index.emplace(std::string(r.unit), static_cast<std::uint32_t>(units_.size())).first;
      units_.emplace_back(r.unit);
    }
    row.unit = it->second;
    if (periodic()) {
      auto p = forms::parse_period(r.period);
      if (!p) throw std::runtime_error(fmt::format("submission {} of form '{}' has no readable period ('{}')", r.id, form.name, r.period));
      row.period = *p;
    }
    std::vector<Value> values;
    try {
      values = forms::values_from_json(form, enums, r.values_json);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(fmt::format("submission {} of form '{}' does not fit the model: {}", r.id, form.name, e.what()));
    }
    for (std::size_t i = 0; i < values.size(); ++i)
      if (slot_[i] >= 0) columns_[static_cast<std::size_t>(slot_[i])].push(values[i]);
    rows_.push_back(row);
  });
  // Group by unit (then period) so that a unit's rows are one range; the columns follow.
  std::vector<std::size_t> order(rows_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const FormRow& x = rows_[a];
    const FormRow& y = rows_[b];
    if (units_[x.unit] != units_[y.unit]) return units_[x.unit] < units_[y.unit];
    return x.period < y.period;
  });
  bool sorted = std::is_sorted(order.begin(), order.end());
  if (!sorted) {
    std::vector<FormRow> rows;
    rows.reserve(rows_.size());
    for (std::size_t i : order) rows.push_back(rows_[i]);
    rows_ = std::move(rows);
    for (auto& c : columns_) c.reorder(order);
  }
  for (std::size_t i = 0; i < rows_.size();) {
    std::size_t j = i;
    while (j < rows_.size() && rows_[j].unit == rows_[i].unit) ++j;
    by_unit_.emplace(units_[rows_[i].unit], std::make_pair(i, j));
    i = j;
  }
}

std::pair<std::size_t, std::size_t> FormRows::rows_of(std::string_view unit) const {
  auto it = by_unit_.find(unit);
  return it == by_unit_.end() ? std::make_pair(std::size_t{0}, std::size_t{0}) : it->second;
}

void Column::reorder(const std::vector<std::size_t>& order) {
  auto permute = [&](auto& v) {
    if (v.empty()) return;
    std::remove_reference_t<decltype(v)> out;
    out.reserve(v.size());
    for (std::size_t i : order) out.push_back(std::move(v[i]));
    v = std::move(out);
  };
  permute(numbers);
  permute(texts);
  permute(breakdowns);
}

}  // namespace mera::engine
