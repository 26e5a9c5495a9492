// How validation names fields and quotes values in its messages (private to forms/).
#pragma once

#include <string>
#include <string_view>

#include "mera/forms/form.hpp"
#include "mera/forms/value.hpp"

namespace mera::forms {

// field 'families' («Обслужено семей за период»); just field 'families' when it has no label.
std::string field_ref(const Field& f);

// A value of field `f` as a message quotes it: to_text, but a percent field's share as 60%.
std::string quote_value(const Field& f, const Value& v);

// Text from a user's file, in quotes with escapes, cut at 60 characters.
std::string quote_text(std::string_view text);

// 12, 0.5, 1e+20: a number as a message shows it (15 significant digits at most).
std::string number_text(double d);

}  // namespace mera::forms
