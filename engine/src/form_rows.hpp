// The stored reports of one form, held in memory column by column for the indicator engine:
// only the fields that some indicator reads, numbers, dates and conditions packed as doubles,
// so that five million case records fit in a few hundred megabytes (private to engine/).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mera/forms/period.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/forms/value.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

// One field's values for every row. Numbers, conditions and categories (as their index) live in
// `numbers`, NaN meaning empty; dates in `dates` as year·512 + month·32 + day, 0 meaning empty
// (`closed in period` reads them once per record and period: a day number made back into a date
// each time was an eighth of an evaluation, and four bytes a row keep a nation's records small);
// text and breakdowns in their own vectors.
class Column {
 public:
  explicit Column(const forms::Field& field) : field_(&field) {}
  void push(const forms::Value& v);
  forms::Value get(std::size_t row) const;
  bool empty_at(std::size_t row) const;
  void reorder(const std::vector<std::size_t>& order);  // row i becomes old row order[i]
  const forms::Field& field() const { return *field_; }

 private:
  const forms::Field* field_;
  std::vector<double> numbers;
  std::vector<std::uint32_t> dates;
  static std::uint32_t pack(const dsl::Date& d) {
    return static_cast<std::uint32_t>(d.year) << 9 | static_cast<std::uint32_t>(d.month) << 5 | static_cast<std::uint32_t>(d.day);
  }
  static dsl::Date unpack(std::uint32_t p) {
    return {static_cast<int>(p >> 9), static_cast<int>(p >> 5 & 15), static_cast<int>(p & 31)};
  }
  std::vector<std::string> texts;
  std::vector<forms::Breakdown> breakdowns;
};

struct FormRow {
  std::int64_t submission = 0;
  std::uint32_t unit = 0;  // index into FormRows::units
  forms::Period period;    // a year 0 period for record forms
};

class FormRows {
 public:
  // Reads the current version of every report of `form` (of the units `only` names, when given),
  // keeping the fields `used[i]` says. Throws std::runtime_error when stored values no longer
  // fit the form (a changed model).
  FormRows(const storage::Database& db, const forms::Form& form, const forms::EnumTable& enums,
           const std::vector<bool>& used, const std::vector<std::string>* only = nullptr);

  const forms::Form& form() const { return form_; }
  bool periodic() const { return form_.period != forms::PeriodKind::record; }
  const std::vector<std::string>& units() const { return units_; }
  // The rows of one unit, ordered by period (records: by submission id); empty if it has none.
  std::pair<std::size_t, std::size_t> rows_of(std::string_view unit) const;
  const FormRow& row(std::size_t i) const { return rows_[i]; }
  std::size_t size() const { return rows_.size(); }
  // The value of field `field` (an index into form().fields) in row `i`; the field must be used.
  forms::Value value(std::size_t field, std::size_t row) const { return columns_[static_cast<std::size_t>(slot_[field])].get(row); }
  bool loaded(std::size_t field) const { return slot_[field] >= 0; }

 private:
  void group_by_unit(const std::map<std::string, std::uint32_t, std::less<>>& unit_index);

  const forms::Form& form_;
  std::vector<std::string> units_;
  std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> by_unit_;
  std::vector<FormRow> rows_;
  std::vector<int> slot_;  // field index -> column, -1 when not loaded
  std::vector<Column> columns_;
};

}  // namespace mera::engine
