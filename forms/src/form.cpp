#include "mera/forms/form.hpp"

#include <array>
#include <atomic>

namespace mera::forms {
namespace {
constexpr std::array<std::pair<const char*, PeriodKind>, 4> kPeriods = {{
    {"month", PeriodKind::month},
    {"quarter", PeriodKind::quarter},
    {"half_year", PeriodKind::half_year},
    {"year", PeriodKind::year},
}};
}

std::uint64_t Serial::next() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
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

std::vector<std::string> Enum::value_names() const {
  std::vector<std::string> names;
  for (const auto& v : values) names.push_back(v.name);
  return names;
}

std::vector<std::string> Form::field_names() const {
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.name);
  return names;
}

const Field* Form::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

}  // namespace mera::forms
