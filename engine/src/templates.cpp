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
  if (unit.empty()) return {};
  const storage::Unit* u = tree.unit(unit);
  if (!u) return text::tr("no unit '{}' in the unit tree{}", unit, forms::closest(unit, tree.ids()));
  if (u->level != form.level)
    return text::tr("unit '{}' is {}, and form '{}' is submitted by {}: give a unit of that level", unit, u->level, form.name, form.level);
  return {};
}

// The units that submit the form (of its level), for the drop-down list of the unit column.
std::vector<std::string> submitters(const forms::Form& form, const UnitTree& tree) {
  std::vector<std::string> out;
  for (const auto& id : tree.ids())
    if (const storage::Unit* u = tree.unit(id); u && u->level == form.level) out.push_back(id);
  return out;
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
  UnitTree tree = UnitTree::load(db);
  out.error = check_request(*form, period, asked.unit, tree);
  if (!out.error.empty()) return out;
  sheets::TemplateRequest request{form, asked.unit, period ? period->text() : std::string(), submitters(*form, tree)};
  out.bytes = sheets::make_template(request);
  out.file_name = sheets::template_file_name(request);
  return out;
}

}  // namespace mera::engine
