// The lines a dashboard is printed in, shared by the table, CSV and the side-by-side
// comparison of two revisions: an indicator, or one category of a breakdown indicator.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mera/engine/evaluator.hpp"

namespace mera::engine {

// A category as people read it: its label, or its name when the enum gives none.
const std::string& category_label(const CategoryValue& c);

// One line of the table: an indicator, or one category of a breakdown indicator, indented
// below it and named as a formula would write it (risk_share[high]). The heading line of a
// breakdown has no value (`value` null).
struct Line {
  std::string label, shown, target, status, name;
  const forms::Value* value = nullptr;
  const forms::Null* empty = nullptr;
};
// `locale`: how the numbers are shown (the table: the model's; CSV: en, a machine's).
std::vector<Line> lines(const IndicatorValue& v, rules::NumberLocale locale = rules::NumberLocale::en);

// "revision 2 (in force from 2021-01-01)", or for a what-if which revision it is and which
// one is in force.
struct Dashboard;
std::string revision_words(const Dashboard& d);

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view s);

}  // namespace mera::engine
