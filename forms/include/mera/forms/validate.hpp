// Validation of one submission against its form: the second half of forms/ after the schema.
// Reads each raw value as the field's type, applies bounds, `required` and `when`, fills in the
// calculated fields, then runs every check. Every problem is reported, in the model's words:
// the form, the field and its label, the value as written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/eval.hpp"
#include "mera/forms/submission.hpp"

namespace mera::forms {

// A submission whose values passed: one Value per field of the form, in declaration order
// (Null where nothing was given), calculated fields filled in.
struct ValidValues {
  std::vector<Value> values;
  std::vector<std::string> warnings;  // each failed warning check's message, quotes filled in
};

// `context` starts every message ("blood_families, org01, 2021Q1: "), so that a reader of a long
// list knows which submission a message is about. Messages point at the value at fault; one
// about what is not there (a required field not given, a check over no given value) points at
// `whole`, the place of the whole submission (SubmissionInput::span), or when that is unknown at
// the first value. Returns nullopt when it reported an error; a failed warning check is reported
// as a warning (with a note at the check) and its message kept in ValidValues::warnings.
std::optional<ValidValues> validate_values(const Form& form, const std::vector<RawMember>& values,
                                           const EnumTable& enums, const FunctionHost* functions,
                                           const std::string& context, dsl::Diagnostics& diags,
                                           dsl::Span whole = {});

// The stored form of valid values: a compact JSON object of the fields that have a value,
// in declaration order ({"families":12,"by_risk":{"low":5,"medium":4,"high":3}}); numbers in
// the shortest form that reads back exactly, dates as "2021-03-01", categories by name.
std::string values_to_json(const Form& form, const std::vector<Value>& values);
// Reads back what values_to_json wrote (for a stored submission); throws std::runtime_error
// if the text is not such an object.
std::vector<Value> values_from_json(const Form& form, const EnumTable& enums, std::string_view json);

}  // namespace mera::forms
