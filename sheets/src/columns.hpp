// The columns of a form's data sheet, in order: unit, period (a periodic form), then each field
// that is filled in (not calculated), a breakdown as one column per category: the names the CSV
// reader takes (`by_risk[low]`), the labels a person reads, and what a cell of it may hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mera/forms/form.hpp"

namespace mera::sheets {

struct Column {
  enum class Kind { unit, period, text, integer, number, percent, boolean, date, category };
  Kind kind = Kind::text;
  std::string name;   // unit, period, families, by_risk[low]
  std::string label;  // "Обслужено семей за период"; for a category "...: низкий"
  bool required = false;
  std::optional<double> min, max;  // inclusive bounds (a strict one is noted, not enforced)
  std::string bounds;              // as the model writes them: ">= 0, <= 100"
  std::string when;                // the condition under which the field applies
  std::vector<std::string> choices;  // a category's labels
  std::size_t field = kNoField;      // the field it shows (its index in form.fields); unit and period have none
  std::size_t category = kNoField;   // for a breakdown's column, the category's index in its enum
  static constexpr std::size_t kNoField = static_cast<std::size_t>(-1);
};

std::vector<Column> form_columns(const forms::Form& form);

// What the header's note says of a column: its type, bounds, required, when.
std::string column_note(const Column& c);

}  // namespace mera::sheets
