// What the JSON reader says when a `must<>` rule of json_grammar.hpp fails: one message per
// rule, and what the rule expected, so that the reader can say more where the input explains
// the mistake (a single quote, a trailing comma, the end of the file). Every must<> of the
// grammar needs an entry here; the build fails otherwise. MERA_TEXT marks each for the Russian
// catalog; the reader translates it where it reports it (json_errors.cpp).
#pragma once

#include "json_grammar.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms::json {

// What a failed rule was looking for.
enum class Expected { value, name, string_end, escape, other };

struct ErrorText {
  Expected expected;
  const char* message;
};

template <typename Rule> inline constexpr ErrorText error_text{Expected::other, nullptr};

#define MERA_JSON_ERROR(rule, expected, text) \
  template <> inline constexpr ErrorText error_text<rule>{Expected::expected, text}

MERA_JSON_ERROR(frac_digits, other, MERA_TEXT("expected a digit after the decimal point"));
MERA_JSON_ERROR(exp_digits, other, MERA_TEXT("expected a digit in the exponent"));
MERA_JSON_ERROR(single_zero, other, MERA_TEXT("a number does not begin with 0 in JSON: write 12, not 012"));
MERA_JSON_ERROR(integer_part, other, MERA_TEXT("expected a digit after '-'"));
MERA_JSON_ERROR(code_unit, escape, MERA_TEXT("expected four hex digits after \\u"));
MERA_JSON_ERROR(escape_code, escape,
                MERA_TEXT("unknown escape in a string: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
MERA_JSON_ERROR(string_close, string_end, MERA_TEXT("unterminated string"));
MERA_JSON_ERROR(name_separator, other, MERA_TEXT("expected ':' after the member's name"));
MERA_JSON_ERROR(member_value, value, MERA_TEXT("expected a value after ':'"));
MERA_JSON_ERROR(first_member, name, MERA_TEXT("expected a member's name in double quotes, or '}'"));
MERA_JSON_ERROR(next_member, name, MERA_TEXT("expected a member's name in double quotes after ','"));
MERA_JSON_ERROR(object_close, other, MERA_TEXT("expected ',' or '}' after a member"));
MERA_JSON_ERROR(first_element, value, MERA_TEXT("expected a value or ']'"));
MERA_JSON_ERROR(next_element, value, MERA_TEXT("expected a value after ','"));
MERA_JSON_ERROR(array_close, other, MERA_TEXT("expected ',' or ']' after an element"));
MERA_JSON_ERROR(first_submission, value, MERA_TEXT("expected a submission object {...} or ']'"));
MERA_JSON_ERROR(next_submission, value, MERA_TEXT("expected a submission object {...} after ','"));
MERA_JSON_ERROR(file_array_close, other, MERA_TEXT("expected ',' or ']' after a submission"));
MERA_JSON_ERROR(array_file_end, other, MERA_TEXT("unexpected text after the end of the array"));
MERA_JSON_ERROR(stream_submission, value, MERA_TEXT("expected a submission object {...}"));
MERA_JSON_ERROR(stream_end, other, MERA_TEXT("expected another submission object {...} or the end of the file"));
MERA_JSON_ERROR(line_submission, value, MERA_TEXT("expected a submission object {...}"));
MERA_JSON_ERROR(line_end, other,
                MERA_TEXT("expected the end of the line after the object: in JSON lines each line holds one object"));
MERA_JSON_ERROR(text_value, value, MERA_TEXT("expected a JSON value"));
MERA_JSON_ERROR(text_end, other, MERA_TEXT("unexpected text after the JSON value"));

#undef MERA_JSON_ERROR

}  // namespace mera::forms::json
