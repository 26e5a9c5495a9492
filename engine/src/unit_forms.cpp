#include "unit_forms.hpp"

#include <fmt/format.h>

#include "mera/forms/typecheck.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

std::set<std::string> read_forms_cell(const forms::CsvCell& cell, const rules::Model& model, const std::string& unit,
                                      const std::string& level, dsl::Diagnostics& diags, bool& ok) {
  std::set<std::string> out;
  std::string word;
  auto take = [&] {
    if (word.empty()) return;
    const forms::Form* form = model.form(word);
    if (!form) {
      diags.error(cell.span, text::tr("model '{}' has no form '{}'{}", model.name, word, forms::closest(word, model.form_names())));
      ok = false;
    } else if (form->level != level) {
      diags.error(cell.span, text::tr("unit '{}' is {}, and form '{}' is submitted by {}", unit, level, word, form->level));
      ok = false;
    } else {
      out.insert(word);
    }
    word.clear();
  };
  for (char ch : cell.text) {
    if (ch == ' ' || ch == '\t' || ch == ',') take();
    else word += ch;
  }
  take();
  return out;
}

std::string forms_text(const std::set<std::string>& forms) {
  if (forms.empty()) return text::tr("every form of its level");
  std::string out;
  for (const auto& f : forms) out += (out.empty() ? "" : " ") + f;
  return out;
}

}  // namespace mera::engine
