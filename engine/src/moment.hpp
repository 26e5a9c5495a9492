// Moments of the workflow: when a report was submitted or reviewed. Stored as the user wrote
// them, a day ("2022-01-13") or a day and time ("2022-01-13T10:00:00Z"), so that loaded history
// keeps its own precision. Private to engine/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mera/dsl/date.hpp"

namespace mera::engine {

// "2022-01-13 10:00" -> "2022-01-13T10:00:00Z"; a day stays a day. nullopt (with `why`) when the
// text is not a moment at all.
std::optional<std::string> normalized_moment(const std::string& text, std::string& why);

// The day of a stored moment (its first ten characters); 1970-01-01 for a damaged one.
dsl::Date day_of(std::string_view moment);

// Orders two moments; when either is only a day, only the days are compared (a review "on
// 2022-01-13" is neither before nor after a submission at 10:00 that day). < 0, 0, > 0.
int compare_moments(std::string_view a, std::string_view b);

}  // namespace mera::engine
