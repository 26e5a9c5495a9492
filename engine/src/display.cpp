#include "mera/engine/display.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mera/text/tr.hpp"

namespace mera::engine {

double displayed_number(const rules::Format& format, double value) {
  double scale = std::pow(10.0, format.digits);
  double y = value * (format.kind == rules::Format::Kind::percent ? 100.0 : 1.0) * scale;
  // 0.29 * 100 is 28.999999999999996 in binary: a value that is a whole number of display
  // steps up to floating-point noise is that whole number, so cutting does not lose a step.
  if (double whole = std::round(y); std::fabs(y - whole) < 1e-9 * std::max(1.0, std::fabs(y))) y = whole;
  y = format.truncate ? std::trunc(y) : std::round(y);
  if (y == 0) y = 0;  // no "-0"
  return y / scale;
}

std::string localized_number(std::string text, rules::NumberLocale locale) {
  if (locale == rules::NumberLocale::en) return text;
  std::size_t digits = text.starts_with('-') ? 1 : 0;
  std::size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  else text[point] = ',';
  for (std::size_t at = point; at >= digits + 4; at -= 3) text.insert(at - 3, "\xC2\xA0");
  return text;
}

std::string display(const rules::Format& format, const forms::Value& value, rules::NumberLocale locale) {
  if (const auto* n = value.get<forms::Null>()) return text::translate(no_value_words(n->reason));
  if (const auto* b = value.get<forms::Breakdown>()) {
    std::string out;
    for (std::size_t i = 0; i < b->counts.size(); ++i)
      out += (i > 0 ? ", " : "") + b->enumeration->values[i].name + " " + display(format, b->at(i), locale);
    return out;
  }
  const double* x = value.get<double>();
  if (!x) return forms::to_text(value);
  int digits = format.kind == rules::Format::Kind::integer ? 0 : format.digits;
  rules::Format f = format;
  f.digits = digits;
  std::string text = localized_number(fmt::format("{:.{}f}", displayed_number(f, *x), digits), locale);
  return format.kind == rules::Format::Kind::percent ? text + " %" : text;
}

std::string exact(double value) { return fmt::format("{}", value); }

std::string no_value_words(forms::NoValue reason) {
  switch (reason) {
    // Marked for the catalog: display() shows them in the reader's language; the JSON's
    // "reason" keeps these English words, a machine's.
    case forms::NoValue::empty: return MERA_TEXT("empty");
    case forms::NoValue::zero_division: return "0/0";
    case forms::NoValue::missing_data: return MERA_TEXT("no data");
    case forms::NoValue::lua_error: return MERA_TEXT("Lua error");
  }
  return MERA_TEXT("no value");
}

std::string target_text(const rules::Indicator& indicator, const IndicatorValue& v, rules::NumberLocale locale) {
  return target_text(indicator, v.target_value, locale);
}

std::string target_text(const rules::Indicator& indicator, const forms::Value& target_value, rules::NumberLocale locale) {
  if (!indicator.target) return {};
  const std::string& op = indicator.target->op;
  std::string sign = op == ">=" ? "≥" : op == "<=" ? "≤" : op;
  return sign + " " + display(indicator.format, target_value, locale);
}

std::string target_words(TargetStatus status) {
  switch (status) {
    // Marked for the catalog: the table and --explain show them translated, the JSON's
    // "status" keeps these English words, a machine's.
    case TargetStatus::met: return MERA_TEXT("met");
    case TargetStatus::missed: return MERA_TEXT("missed");
    case TargetStatus::none: return "";
  }
  return "";
}

}  // namespace mera::engine
