// How indicator values are shown: rounded (or cut, as published tables do) to the indicator's
// format for people; exact, with full precision, for machines. An empty value is shown by why
// it is empty, never as 0.
#pragma once

#include <string>

#include "mera/engine/evaluator.hpp"

namespace mera::engine {

// "83 %" for 0.838 under `format percent digits 0 truncate`; "2.3"; "412"; the no-value words
// ("no data", "0/0", ...) for an empty value; "low 76.5 %, high 0/0" for a breakdown. Under
// `locale ru` (the table's numbers, not JSON's or CSV's) "83 %", "2,3", "1 532".
std::string display(const rules::Format& format, const forms::Value& value, rules::NumberLocale locale = rules::NumberLocale::en);
// A number printed with a decimal point, as the locale writes it: "1532.5" -> "1 532,5" for ru
// (U+00A0 between thousands), unchanged for en.
std::string localized_number(std::string text, rules::NumberLocale locale);
// The number for display before it is printed: percent * 100, cut or rounded to the digits.
double displayed_number(const rules::Format& format, double value);
// The shortest text that reads back as exactly the same double: 0.8378378378378378.
std::string exact(double value);
// Why a value is empty, in a few words: "no data", "0/0", "empty", "Lua error".
std::string no_value_words(forms::NoValue reason);
// "≥ 60 %": an indicator's target as its format shows it; empty without a target.
std::string target_text(const rules::Indicator& indicator, const IndicatorValue& v, rules::NumberLocale locale = rules::NumberLocale::en);
// The same for one category of a breakdown indicator, whose target may be its own.
std::string target_text(const rules::Indicator& indicator, const forms::Value& target_value,
                        rules::NumberLocale locale = rules::NumberLocale::en);
// "met", "missed", or "" when there is nothing to judge: the machine's words, for people
// through text::translate.
std::string target_words(TargetStatus status);

}  // namespace mera::engine
