// The excerpt under a diagnostic: the source line (or a window of it) and a caret line.
#pragma once

#include <string>

#include "mera/dsl/source.hpp"

namespace mera::dsl {

// Lines longer than this many characters are shown as a window around the caret.
inline constexpr std::size_t kExcerptWidth = 120;

// Appends the line of `span.begin` and a caret under it (tildes under the rest of the span on
// that line). Reads only the window it shows: a diagnostic on a 100 MB line costs as much as one
// on a short line.
void render_excerpt(std::string& out, const Span& span);

}  // namespace mera::dsl
