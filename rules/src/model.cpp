#include "mera/rules/model.hpp"

#include <fmt/format.h>

#include "mera/text/tr.hpp"

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
  return text::tr("{0}: {1} {1:form|forms}, {2} {2:field|fields}, {3} {3:indicator|indicators}, {4} {4:deadline|deadlines}, {5} {5:level|levels}",
                  name, text::count(forms.size()), text::count(field_count()), text::count(indicators.size()), text::count(deadlines.size()),
                  text::count(levels.size()));
}

}  // namespace mera::rules
