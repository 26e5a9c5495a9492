#include "value_text.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mera/dsl/format.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

std::string field_ref(const Field& f) {
  if (f.label.empty() || f.label == f.name) return text::tr("field '{}'", f.name);
  return text::tr("field '{}' («{}»)", f.name, f.label);
}

std::string number_text(double d) {
  if (d == 0) return "0";  // also -0
  if (std::floor(d) == d && std::fabs(d) < 1e17) return fmt::format("{:.0f}", d);  // every digit of a count
  return fmt::format("{:.15g}", d);
}

std::string quote_value(const Field& f, const Value& v) {
  if (const double* d = v.get<double>(); d && f.type.percent) return number_text(*d * 100) + "%";
  return to_text(v);
}

std::string quote_text(std::string_view text) {
  constexpr std::size_t kMaxChars = 60;
  std::size_t at = 0;
  for (std::size_t chars = 0; at < text.size() && chars < kMaxChars; ++chars) {
    std::size_t length = 1;
    dsl::decode_at(text, at, &length);
    at += length == 0 ? 1 : length;
  }
  if (at >= text.size()) return dsl::format_string(text);
  return dsl::format_string(text.substr(0, at)) + "...";
}

}  // namespace mera::forms
