// Numbers and dates as people write them in a spreadsheet cell or a CSV file (issue 17), for
// every reader of cells: CSV, XLSX. What reads is turned into mera's one spelling; what could mean
// two things is refused with the reason, never guessed (docs/submitting.md, "How values are
// written").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mera/dsl/date.hpp"

namespace mera::forms {

// A number as a cell writes it, in the spelling std::from_chars reads: "7 500,50" -> "7500.50".
// The decimal mark is a comma or a point, never both and never twice ("1.234,5" and "1,234,567"
// are refused: there is no thousands mark but a space); a space, a no-break space (U+00A0), a
// narrow one (U+202F) or a thin one (U+2009) only separates the thousands of the whole part, in
// groups of exactly three digits ("7 500", "1 234 567"; "75 00" is refused). `s` is trimmed.
// Returns nullopt with `why` set (a reason for a message) when the spacing or the marks are
// wrong; text that is no number at all is returned as it is, for the caller to refuse.
std::optional<std::string> cell_number(std::string_view s, std::string& why);

// For a cell such as "1,234" read into a whole-number field (where it is not whole): the reason,
// that a comma is the decimal mark and how a thousand is written; empty for any other text.
std::string comma_thousands_problem(std::string_view s);

// A date as a cell writes it: 2021-03-31, or day first 31.03.2021 (one digit is enough: 1.3.2021).
// Refused with the reason: a date with slashes (03/04/2023: day or month first?), a year of two
// digits (31.03.21), and a date that does not exist. `s` is trimmed. The year is from 1900 on.
std::optional<dsl::Date> cell_date(std::string_view s, std::string& why);

// The Russian word a person heads a column of a submission's header with, as mera names it:
// форма -> form, подразделение or учреждение -> unit, период -> period, запись -> record,
// исправление -> correction (a capital first letter too); any other text as it is.
std::string_view header_column(std::string_view written);

}  // namespace mera::forms
