// The lines of a dashboard: see dashboard_lines.hpp.
#include "dashboard_lines.hpp"

#include "mera/engine/display.hpp"

namespace mera::engine {

const std::string& category_label(const CategoryValue& c) { return c.category->label.empty() ? c.category->name : c.category->label; }

std::vector<Line> lines(const IndicatorValue& v, rules::NumberLocale locale) {
  const rules::Indicator& ind = *v.indicator;
  if (v.categories.empty())
    return {{ind.label, display(ind.format, v.value, locale), target_text(ind, v, locale), target_words(v.target), ind.name, &v.value,
             v.value.get<forms::Null>()}};
  std::vector<Line> out{{ind.label, "", "", "", ind.name, nullptr, nullptr}};
  for (const auto& c : v.categories)
    out.push_back({"  " + category_label(c), display(ind.format, c.value, locale), target_text(ind, c.target_value, locale), target_words(c.target),
                   ind.name + "[" + c.category->name + "]", &c.value, c.value.get<forms::Null>()});
  return out;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace mera::engine
