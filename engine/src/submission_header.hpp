// The header of a submission (form, unit, period or record, correction, submitted_at) read from
// what the file says, each with its place for messages; and the message context built from it.
#pragma once

#include <optional>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/period.hpp"
#include "mera/forms/submission.hpp"
#include "mera/forms/validate.hpp"

namespace mera::engine {

struct Header {
  std::string context;  // "[3] blood_families, org01, 2021Q1: ", the start of every message
  dsl::Span whole;
  std::string form;
  dsl::Span form_span;
  std::string unit;
  dsl::Span unit_span;
  std::optional<forms::Period> period;
  std::string period_text;
  dsl::Span period_span;
  bool period_unreadable = false;  // given, but not a period (reported)
  std::string record;
  dsl::Span record_span;
  bool correction = false;
  std::string submitted_at;  // as given, or the time of the import
  dsl::Span submitted_at_span;  // unknown when not given
  dsl::Date day;             // the day of submitted_at
  dsl::Date today;           // the day of the import (the server's)
};

// 2021-04-03, 2021-04-03T10:00, 2021-04-03T10:00:00 and 2021-04-03T10:00:00Z (or a space
// for the T): when a submission was made, or a review (engine/src/moment.hpp). Returns the day,
// or nullopt with `why` set.
std::optional<dsl::Date> read_moment(const std::string& text, std::string& why);

// Reports what is missing or malformed in the header; `now` is the ISO time of the import.
Header read_header(const forms::SubmissionInput& input, const std::string& now, dsl::Diagnostics& diags);

// "quarter", "half-year": a period kind in a message.
std::string period_words(forms::PeriodKind kind);

// "; write 2021Q1 to 2021Q4": how periods of a kind are written, for a message.
std::string period_example(forms::PeriodKind kind, int year);

// A record form's key: the value of its key field, which must agree with "record" if given.
std::string record_key(const Header& h, const forms::Form& form, const forms::ValidValues& valid, dsl::Diagnostics& diags);

}  // namespace mera::engine
