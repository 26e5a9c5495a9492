#include "mera/rules/model.hpp"

#include <fmt/format.h>

namespace mera::rules {

const Level* Model::level(std::string_view n) const {
  for (const auto& l : levels)
    if (l.name == n) return &l;
  return nullptr;
}

const forms::Form* Model::form(std::string_view n) const {
  for (const auto& f : forms)
    if (f->name == n) return f.get();
  return nullptr;
}

const forms::Enum* Model::enumeration(std::string_view n) const {
  for (const auto& e : enums)
    if (e->name == n) return e.get();
  return nullptr;
}

const Indicator* Model::indicator(std::string_view n) const {
  for (const auto& i : indicators)
    if (i.name == n) return &i;
  return nullptr;
}

std::vector<std::string> Model::form_names() const {
  std::vector<std::string> names;
  for (const auto& f : forms) names.push_back(f->name);
  return names;
}

std::size_t Model::field_count() const {
  std::size_t n = 0;
  for (const auto& f : forms) n += f->fields.size();
  return n;
}

std::string Model::summary() const {
  auto plural = [](std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  return fmt::format("{}: {}, {}, {}, {}, {}", name, plural(forms.size(), "form"), plural(field_count(), "field"),
                     plural(indicators.size(), "indicator"), plural(deadlines.size(), "deadline"),
                     plural(levels.size(), "level"));
}

}  // namespace mera::rules
