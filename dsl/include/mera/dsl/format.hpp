// The canonical printer behind `mera fmt`: one layout for every file, so diffs show changes of
// meaning and never of taste. Comments are carried over, each exactly once.
#pragma once

#include <string>
#include <string_view>

#include "mera/dsl/ast.hpp"

namespace mera::dsl {

// The canonical text of a file that parsed without errors. Idempotent: formatting the output
// again gives the same text. Ends with exactly one newline.
std::string format(const File& file);

// One expression in canonical form, with parentheses only where precedence needs them:
// `a - (b - c)`, `sum(form.field where x > 0)`, `if c then a else b`.
std::string format_expr(const Expr& e);

// A string value as a quoted literal, with `"`, `\`, newline and tab escaped.
std::string format_string(std::string_view text);

}  // namespace mera::dsl
