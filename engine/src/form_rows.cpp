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
    case Kind::date: {
      const auto* date = v.get<dsl::Date>();
      dates.push_back(date ? pack(*date) : 0);
      return;
    }
    default: break;
  }
  if (const double* d = v.get<double>()) numbers.push_back(*d);
  else if (const bool* b = v.get<bool>()) numbers.push_back(*b ? 1 : 0);
  else if (const auto* c = v.get<forms::Category>()) numbers.push_back(static_cast<double>(c->index));
  else numbers.push_back(kEmpty);
}

bool Column::empty_at(std::size_t row) const {
  return field_->type.kind == Kind::date ? dates[row] == 0 : std::isnan(numbers[row]);
}

Value Column::get(std::size_t row) const {
  if (field_->type.kind == Kind::date) {
    std::uint32_t d = dates[row];
    return d == 0 ? Value::none(forms::NoValue::empty) : Value(unpack(d));
  }
  double n = numbers[row];
  if (std::isnan(n)) return Value::none(forms::NoValue::empty);
  switch (field_->type.kind) {
    case Kind::text: return Value(texts[row]);
    case Kind::breakdown: return Value(breakdowns[row]);
    case Kind::boolean: return Value(n != 0);
    case Kind::category: return Value(forms::Category{field_->type.enumeration, static_cast<std::size_t>(n)});
    default: return Value(n);
  }
}

FormRows::FormRows(const storage::Database& db, const forms::Form& form, const forms::EnumTable& enums,
                   const std::vector<bool>& used, const std::vector<std::string>* only)
    : form_(form), slot_(form.fields.size(), -1) {
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    if (!used[i]) continue;
    slot_[i] = static_cast<int>(columns_.size());
    columns_.emplace_back(form.fields[i]);
  }
  std::map<std::string, std::uint32_t, std::less<>> unit_index;
  std::uint32_t last_unit = 0;  // reports come in runs of one unit: most rows skip the map
  auto take = [&](const storage::Database::CurrentRow& r) {
    FormRow row;
    row.submission = r.id;
    if (units_.empty() || units_[last_unit] != r.unit) {
      auto it = unit_index.find(r.unit);
      if (it == unit_index.end()) {
        it = unit_index.emplace(std::string(r.unit), static_cast<std::uint32_t>(units_.size())).first;
        units_.emplace_back(r.unit);
      }
      last_unit = it->second;
    }
    row.unit = last_unit;
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
  };
  if (only) db.each_current_of(form.name, *only, take);
  else db.each_current(form.name, take);
  group_by_unit(unit_index);
}

// Orders the rows by unit name, then period, ties in id order, so that a unit's rows are one
// range; the columns follow. A counting sort by the rank of the unit's name (a few thousand
// names sorted once), not a comparison sort of millions of rows by name, which was a sixth of
// an evaluation over 5,000,000 records; then, for periodic forms, each unit's few rows by period.
void FormRows::group_by_unit(const std::map<std::string, std::uint32_t, std::less<>>& unit_index) {
  std::vector<std::uint32_t> rank(units_.size());
  std::uint32_t next = 0;
  for (const auto& [name, index] : unit_index) rank[index] = next++;  // the map is in name order
  std::vector<std::size_t> start(units_.size() + 1, 0);
  for (const FormRow& r : rows_) ++start[rank[r.unit] + 1];
  for (std::size_t u = 0; u < units_.size(); ++u) start[u + 1] += start[u];
  std::vector<std::size_t> order(rows_.size());
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < rows_.size(); ++i) order[fill[rank[rows_[i].unit]]++] = i;
  }
  if (periodic())
    for (std::size_t u = 0; u < units_.size(); ++u)
      std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(start[u]), order.begin() + static_cast<std::ptrdiff_t>(start[u + 1]),
                       [&](std::size_t a, std::size_t b) { return rows_[a].period < rows_[b].period; });
  if (!std::is_sorted(order.begin(), order.end())) {
    std::vector<FormRow> rows;
    rows.reserve(rows_.size());
    for (std::size_t i : order) rows.push_back(rows_[i]);
    rows_ = std::move(rows);
    for (auto& c : columns_) c.reorder(order);
  }
  for (const auto& [name, index] : unit_index) {
    std::size_t r = rank[index];
    if (start[r] < start[r + 1]) by_unit_.emplace(name, std::make_pair(start[r], start[r + 1]));
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
  permute(dates);
  permute(texts);
  permute(breakdowns);
}

}  // namespace mera::engine
