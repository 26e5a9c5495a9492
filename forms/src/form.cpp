#include "mera/forms/form.hpp"

#include <array>

namespace mera::forms {
namespace {
constexpr std::array<std::pair<const char*, PeriodKind>, 4> kPeriods = {{
    {"month", PeriodKind::month},
    {"quarter", PeriodKind::quarter},
    {"half_year", PeriodKind::half_year},
    {"year", PeriodKind::year},
}};
}

const char* period_kind_name(PeriodKind k) {
  for (const auto& [word, kind] : kPeriods)
    if (kind == k) return word;
  return "record";
}

std::optional<PeriodKind> period_kind_from(std::string_view word) {
  for (const auto& [w, kind] : kPeriods)
    if (word == w) return kind;
  return std::nullopt;
}

const EnumValue* Enum::value(std::string_view n) const {
  for (const auto& v : values)
    if (v.name == n) return &v;
  return nullptr;
}

const Field* Form::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

}  // namespace mera::forms
