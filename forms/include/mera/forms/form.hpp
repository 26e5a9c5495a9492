// The form schema, compiled from the syntax tree: what a submission of a form must look like.
// Immutable once built; expressions are kept as checked syntax (every name in them resolves).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/ast.hpp"
#include "mera/forms/type.hpp"

namespace mera::forms {

struct EnumValue {
  std::string name;
  std::string label;
};

struct Enum {
  std::string name;
  std::string label;
  std::vector<EnumValue> values;
  dsl::Span span;

  const EnumValue* value(std::string_view name) const;
  std::vector<std::string> value_names() const;  // for "did you mean"
};

enum class PeriodKind { month, quarter, half_year, year, record };
const char* period_kind_name(PeriodKind k);  // as written in the language: quarter, half_year
std::optional<PeriodKind> period_kind_from(std::string_view word);

// How quarters add up to half-years and years: a flow is summed, a stock keeps its last value.
enum class Rollup { sum, last };

struct Bound {
  std::string op;   // >= <= > <
  dsl::Expr value;  // a literal
};

struct Field {
  std::string name;
  std::string label;
  Type type;                // for a breakdown: Kind::breakdown with its enum
  std::vector<Bound> bounds;
  bool required = false;
  std::optional<dsl::Expr> when;
  std::optional<dsl::Expr> formula;
  Rollup rollup = Rollup::sum;
  dsl::Span span;

  bool calculated() const { return formula.has_value(); }
};

struct Check {
  dsl::CheckSeverity severity = dsl::CheckSeverity::error;
  dsl::Expr condition;
  std::string message;      // may quote fields: "{positive} + {negative} > {families}"
  dsl::Span span;
};

// A number that no other Form object ever had, not even a copy: a cache keyed by a form's
// address (form_plan.cpp) tells by it a form from another one that later lives at that address.
class Serial {
 public:
  Serial() : value_(next()) {}
  Serial(const Serial&) : value_(next()) {}
  Serial& operator=(const Serial&) {
    value_ = next();
    return *this;
  }
  std::uint64_t value() const { return value_; }

 private:
  static std::uint64_t next();
  std::uint64_t value_;
};

struct Form {
  std::string name;
  std::string label;
  PeriodKind period = PeriodKind::quarter;
  bool period_known = false;  // false when the form names no valid period kind (reported there)
  std::string record_key;   // for record forms: the field that identifies a record
  std::string level;        // the level that submits it
  std::vector<Field> fields;
  std::vector<Check> checks;
  dsl::Span span;
  Serial serial;

  const Field* field(std::string_view name) const;
  std::vector<std::string> field_names() const;  // for "did you mean"
};

}  // namespace mera::forms
