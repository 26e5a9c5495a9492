// `mera model diff` for forms: a form's own clauses, then its fields, then its checks, so the
// changes of one form read together. A form added or removed is one line (with how many fields
// and checks it has), not one line per field.
#include "diff_parts.hpp"
#include "mera/dsl/format.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules::diff {
namespace {

std::string quoted(const std::string& text) { return dsl::format_string(text); }

std::string form_summary(const forms::Form& form) {
  std::string period = form.period == forms::PeriodKind::record ? period_text(form) : text::tr("period {}", period_text(form));
  std::string text = text::tr("{0}, by {1}, {2} {2:field|fields}", period, form.level, text::count(form.fields.size()));
  if (!form.checks.empty()) text += text::tr(", {0} {0:check|checks}", text::count(form.checks.size()));
  return text;
}

// The fields that both forms have, in the order `form` declares them.
std::string common_fields(const forms::Form& form, const forms::Form& other) {
  std::string text;
  for (const auto& f : form.fields)
    if (other.field(f.name)) text += (text.empty() ? "" : ", ") + f.name;
  return text;
}

void form_clauses(const forms::Form& was, const forms::Form& is, Changes& out) {
  Aspects a;
  a.compare(text::tr("label"), quoted(was.label), quoted(is.label));
  a.compare(text::tr("period"), period_text(was), period_text(is));
  a.compare(text::tr("by"), was.level, is.level);
  // The order of fields is the order people fill them in, though no number depends on it.
  a.compare(text::tr("order of fields"), common_fields(was, is), common_fields(is, was));
  out.changed(ChangeKind::form, is.name, is.label, std::move(a));
}

void field_aspects(const forms::Field& was, const forms::Field& is, Aspects& a) {
  a.compare(text::tr("label"), quoted(was.label), quoted(is.label));
  a.compare(text::tr("type"), type_text(was.type), type_text(is.type));
  a.compare(text::tr("bounds"), bounds_text(was.bounds), bounds_text(is.bounds), same_bounds(was.bounds, is.bounds));
  a.compare(text::tr("required"), yes_no(was.required), yes_no(is.required));
  a.compare(text::tr("when"), expr_text(was.when), expr_text(is.when), same_meaning(was.when, is.when));
  a.compare(text::tr("formula"), expr_text(was.formula), expr_text(is.formula), same_meaning(was.formula, is.formula));
  a.compare(text::tr("rollup"), rollup_text(was.rollup), rollup_text(is.rollup));
}

void form_fields(const forms::Form& was, const forms::Form& is, Changes& out) {
  auto name = [](const forms::Field& f) { return f.name; };
  auto full = [&](const forms::Field& f) { return is.name + "." + f.name; };
  for (const auto& [old_field, new_field] : pair_up(pointers(was.fields), pointers(is.fields), name)) {
    if (!old_field) out.added(ChangeKind::field, full(*new_field), new_field->label, field_text(*new_field));
    else if (!new_field) out.removed(ChangeKind::field, full(*old_field), old_field->label, field_text(*old_field));
    else {
      Aspects a;
      field_aspects(*old_field, *new_field, a);
      out.changed(ChangeKind::field, full(*new_field), new_field->label, std::move(a));
    }
  }
}

// A check has no name: it is known by its severity and its condition. One whose condition
// changed is another check (removed and added); one whose message changed is the same check.
std::string check_key(const forms::Check& c) {
  return (c.severity == dsl::CheckSeverity::warning ? "warning " : "") + dsl::format_expr(c.condition);
}

void form_checks(const forms::Form& was, const forms::Form& is, Changes& out) {
  auto name = [&](const forms::Check& c) { return is.name + ": " + check_key(c); };
  for (const auto& [old_check, new_check] : pair_up(pointers(was.checks), pointers(is.checks), check_key)) {
    if (!old_check) out.added(ChangeKind::check, name(*new_check), new_check->message, "");
    else if (!new_check) out.removed(ChangeKind::check, name(*old_check), old_check->message, "");
    else {
      Aspects a;
      a.compare(text::tr("message"), quoted(old_check->message), quoted(new_check->message));
      out.changed(ChangeKind::check, name(*new_check), "", std::move(a));  // the aspect says both messages
    }
  }
}

}  // namespace

void diff_forms(const Model& before, const Model& after, Changes& out) {
  auto name = [](const forms::Form& f) { return f.name; };
  for (const auto& [was, is] : pair_up(pointers(before.forms), pointers(after.forms), name)) {
    if (!was) out.added(ChangeKind::form, is->name, is->label, form_summary(*is));
    else if (!is) out.removed(ChangeKind::form, was->name, was->label, form_summary(*was));
    else {
      form_clauses(*was, *is, out);
      form_fields(*was, *is, out);
      form_checks(*was, *is, out);
    }
  }
}

}  // namespace mera::rules::diff
