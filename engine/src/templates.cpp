#include "mera/engine/templates.hpp"

#include "mera/engine/revisions.hpp"
#include "mera/engine/unit_tree.hpp"
#include "mera/forms/period.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/sheets/template.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

namespace {

// The period asked for, read and matched with the form's kind; `error` says what is wrong.
std::optional<forms::Period> period_for(const std::string& text, std::string& error) {
  if (text.empty()) return std::nullopt;
  std::string why;
  auto p = forms::parse_period(text, &why);
  if (!p) error = text::tr("period '{}' cannot be read: {}", text, why);
  return p;
}

std::string check_request(const forms::Form& form, const std::optional<forms::Period>& period, const std::string& unit, const UnitTree& tree) {
  if (period && form.period == forms::PeriodKind::record)
    return text::tr("form '{}' is kept one record per {}, not per period: leave the period out", form.name, form.record_key);
  if (period && period->kind != form.period)
    return text::tr("form '{}' is submitted per {}, and '{}' is not one: give a period such as {}", form.name,
                    forms::period_kind_name(form.period), period->text(), forms::Period{form.period, period->year, 1}.text());
  if (!unit.empty() && !tree.unit(unit)) return text::tr("no unit '{}' in the unit tree{}", unit, forms::closest(unit, tree.ids()));
  return {};
}

}  // namespace

TemplateMade make_template(const storage::Database& db, const TemplateAsked& asked) {
  TemplateMade out;
  auto period = period_for(asked.period, out.error);
  if (!out.error.empty()) return out;
  Revisions revisions(db);
  std::string why;
  const LoadedRevision* rev = period ? revisions.in_force(period->first_day(), why) : revisions.newest(why);
  if (!rev) {
    out.error = why;
    return out;
  }
  const forms::Form* form = rev->model->form(asked.form);
  if (!form) {
    std::vector<std::string> names;
    for (const auto& f : rev->model->forms) names.push_back(f->name);
    out.no_such_form = true;
    out.error = text::tr("model '{}' has no form '{}'{}", rev->model->name, asked.form, forms::closest(asked.form, names));
    return out;
  }
  out.error = check_request(*form, period, asked.unit, UnitTree::load(db));
  if (!out.error.empty()) return out;
  sheets::TemplateRequest request{form, asked.unit, period ? period->text() : std::string()};
  out.bytes = sheets::make_template(request);
  out.file_name = sheets::template_file_name(request);
  return out;
}

}  // namespace mera::engine
