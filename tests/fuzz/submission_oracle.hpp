// The body of the submission fuzz targets (JSON and CSV): any bytes as a submission file, read,
// each submission's header read and its values validated against the Tomsk model as `mera
// submit` does, every diagnostic rendered. The oracle is the stored-values round trip: the values
// that validation accepted, written in their stored form (values_to_json, what the submissions
// table keeps) and read back (values_from_json, what the indicator engine reads), must equal
// what validation produced, and writing them again must give the same text. A mismatch aborts.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/read.hpp"
#include "mera/forms/validate.hpp"
#include "same_values.hpp"
#include "submission_header.hpp"
#include "tomsk.hpp"

namespace mera::fuzz {

[[noreturn]] inline void round_trip_failed(const std::string& stored, const std::string& again) {
  std::fprintf(stderr, "fuzz: stored values do not read back as validated\nstored: %s\nagain:  %s\n", stored.c_str(), again.c_str());
  std::abort();
}

inline void validate_and_round_trip(forms::SubmissionInput&& input, dsl::Diagnostics& diags) {
  const Tomsk& t = tomsk();
  engine::Header h = engine::read_header(input, kNow, diags);
  const forms::Form* form = t.model->form(h.form);
  if (!form) return;
  auto valid = forms::validate_values(*form, input.values, t.enums, t.functions.get(), h.context, diags, input.span);
  if (!valid) return;
  if (form->period == forms::PeriodKind::record) (void)engine::record_key(h, *form, *valid, diags);
  std::string stored = forms::values_to_json(*form, valid->values);
  std::vector<forms::Value> back;
  try {
    back = forms::values_from_json(*form, t.enums, stored);
  } catch (const std::exception& e) {
    round_trip_failed(stored, std::string("refused: ") + e.what());
  }
  std::string again = forms::values_to_json(*form, back);
  if (!same_values(valid->values, back) || again != stored) round_trip_failed(stored, again);
}

// `name` decides the format as a file's extension does (.json or .csv).
inline int fuzz_submission_file(const char* name, const std::uint8_t* data, std::size_t size) {
  auto source = std::make_shared<dsl::SourceFile>(name, std::string(reinterpret_cast<const char*>(data), size));
  dsl::Diagnostics diags;
  forms::read_submissions(*source, diags, [&](forms::SubmissionInput&& input) { validate_and_round_trip(std::move(input), diags); });
  (void)dsl::render(diags);
  return 0;
}

}  // namespace mera::fuzz
