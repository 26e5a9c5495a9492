// The describers of `mera model diff`: one aspect of a compiled item written back as the
// language writes it (`int by risk >= 0`, `percent digits 1 truncate`, `Q4: January 10`), so
// that a methodologist reads a change in the words of the file they edit. Only what carries
// meaning is written: a field's default rollup or an absent target is no text at all. What is
// the file's own text (types, options, formats, due rules) stays so in either language, for it
// is what the methodologist writes; the words around it are the reader's (text::tr).
#include <fmt/format.h>

#include <algorithm>

#include "diff_parts.hpp"
#include "mera/dsl/format.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules::diff {

std::string type_text(const forms::Type& type) {
  using Kind = forms::Type::Kind;
  std::string number = type.integer ? "int" : type.percent ? "percent" : "number";
  switch (type.kind) {
    case Kind::number: return number;
    case Kind::boolean: return "bool";
    case Kind::text: return "text";
    case Kind::date: return "date";
    case Kind::category: return type.enumeration->name;
    case Kind::breakdown: return number + " by " + type.enumeration->name;
    case Kind::error:
    case Kind::any:
    case Kind::null: break;  // never the type of a field of a checked model
  }
  return forms::describe(type);
}

namespace {
// Bounds read as a range, `>= 0 <= 100`, whichever was written first (as `mera fmt` does).
std::vector<const forms::Bound*> lower_first(const std::vector<forms::Bound>& bounds) {
  std::vector<const forms::Bound*> sorted;
  for (const auto& b : bounds) sorted.push_back(&b);
  std::stable_sort(sorted.begin(), sorted.end(), [](const forms::Bound* a, const forms::Bound* b) { return a->op[0] == '>' && b->op[0] != '>'; });
  return sorted;
}
}  // namespace

std::string bounds_text(const std::vector<forms::Bound>& bounds) {
  std::string text;
  for (const forms::Bound* b : lower_first(bounds)) text += (text.empty() ? "" : " ") + b->op + " " + dsl::format_expr(b->value);
  return text;
}

bool same_bounds(const std::vector<forms::Bound>& a, const std::vector<forms::Bound>& b) {
  auto x = lower_first(a), y = lower_first(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i]->op != y[i]->op || !same_meaning(x[i]->value, y[i]->value)) return false;
  return true;
}

const char* rollup_text(forms::Rollup rollup) { return rollup == forms::Rollup::last ? "last" : "sum"; }

// As compile_form decides it: flows (numbers and breakdowns, not percents) add up.
forms::Rollup default_rollup(const forms::Type& type) {
  bool summable = type.is(forms::Type::Kind::number) || type.is(forms::Type::Kind::breakdown);
  return summable && !type.percent ? forms::Rollup::sum : forms::Rollup::last;
}

// The options of a field in the order `mera fmt` prints them; its label is said elsewhere.
std::string field_text(const forms::Field& field) {
  std::string text = type_text(field.type);
  if (!field.bounds.empty()) text += " " + bounds_text(field.bounds);
  if (field.required) text += " required";
  if (field.when) text += " when " + dsl::format_expr(*field.when);
  if (field.formula) text += " = " + dsl::format_expr(*field.formula);
  if (field.rollup != default_rollup(field.type)) text += std::string(" rollup ") + rollup_text(field.rollup);
  return text;
}

std::string period_text(const forms::Form& form) {
  if (form.period == forms::PeriodKind::record) return text::tr("record per {}", form.record_key);
  return forms::period_kind_name(form.period);
}

std::string format_text(const Format& format) {
  std::string text;
  switch (format.kind) {
    case Format::Kind::percent: text = fmt::format("percent digits {}", format.digits); break;
    case Format::Kind::number: text = fmt::format("number digits {}", format.digits); break;
    case Format::Kind::integer: text = format.digits ? fmt::format("int digits {}", format.digits) : "int"; break;
  }
  return format.truncate ? text + " truncate" : text;
}

std::string target_text(const std::optional<Target>& target) {
  return target ? target->op + " " + dsl::format_expr(target->value) : std::string();
}

std::string due_text(const DueRule& rule) {
  switch (rule.kind) {
    case dsl::DueRule::Kind::day_of_next_month: return fmt::format("day {} of next month", rule.day);
    case dsl::DueRule::Kind::fixed_date: return fmt::format("{} {}", dsl::month_name(rule.month), rule.day);
    case dsl::DueRule::Kind::days_after: return fmt::format("{} days after", rule.day);
  }
  return {};
}

std::string rules_text(const Deadline& deadline) {
  std::string text;
  for (const auto& r : deadline.rules) text += (text.empty() ? "" : "; ") + r.selector + ": " + due_text(r);
  return text;
}

// Consecutive days read as a run, as the model header lists them.
std::string days_text(const std::vector<dsl::Date>& days) {
  std::string text;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t last = i;
    while (last + 1 < days.size() && days[last + 1].days() == days[last].days() + 1) ++last;
    text += (text.empty() ? "" : ", ") + days[i].iso() + (last > i ? ".." + days[last].iso() : "");
    i = last + 1;
  }
  return text;
}

std::string yes_no(bool value) { return value ? text::tr("yes") : text::tr("no"); }

}  // namespace mera::rules::diff
