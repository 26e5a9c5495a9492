// A raw value as written (JSON or a CSV cell) read as the type of its field (private to forms/).
#pragma once

#include <string>
#include <vector>

#include "mera/forms/submission.hpp"
#include "mera/forms/value.hpp"

namespace mera::forms {

struct ReadProblem {
  std::string category;  // for a breakdown: the category it is about, else empty
  std::string message;   // "12.5 is not a whole number"
  dsl::Span span;        // the value (or key) at fault
};

enum class Reading {
  submitted,  // a user's file: every rule
  stored,     // values_to_json's own output: a calculated percent may exceed 100%
};

// Reads `raw` as a value of field `f`. A problem is appended to `problems` (the result is then
// empty); JSON null, an empty cell and a blank string are empty values.
Value read_value(const Field& f, const RawValue& raw, std::vector<ReadProblem>& problems,
                 Reading reading = Reading::submitted);

}  // namespace mera::forms
