// deadline FORM FROM -> TO { SELECTOR: DUE ... }: the form exists and has periods, the hop is
// one step of the route at or above the level that submits the form, every selector is a
// period of the form's kind, and every period gets a due date.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checker.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {
namespace {

using forms::PeriodKind;

// The single periods a form's kind has; a rule names all of them (the kind) or one.
std::vector<std::string> periods_of(PeriodKind k) {
  switch (k) {
    case PeriodKind::quarter: return {"Q1", "Q2", "Q3", "Q4"};
    case PeriodKind::half_year: return {"H1", "H2"};
    default: return {};
  }
}

bool check_hop(Checker& c, const dsl::DeadlineDecl& d, const forms::Form& form) {
  bool known_from = c.route_level(d.from);
  bool known_to = c.route_level(d.to);
  if (!known_from || !known_to) return false;
  const Level* from = c.model.level(d.from.text);
  const Level* to = c.model.level(d.to.text);
  if (to->rank != from->rank + 1) {
    c.error({d.from.span.file, d.from.span.begin, d.to.span.end},
            text::tr("'{} -> {}' is not a hop of the route ({})", d.from.text, d.to.text, c.route_text()));
    return false;
  }
  const Level* submitter = c.model.level(form.level);
  if (submitter && from->rank < submitter->rank) {
    c.error(d.from.span, text::tr("form '{}' is submitted by {}, so it never goes from {}", form.name, form.level, d.from.text));
    return false;
  }
  return true;
}

void check_rules(Checker& c, const dsl::DeadlineDecl& d, const forms::Form& form, Deadline& out) {
  std::string kind = forms::period_kind_name(form.period);
  std::vector<std::string> singles = periods_of(form.period);
  std::map<std::string, dsl::Span> seen;
  bool misnamed = false;  // a rule names no period of the form
  for (const auto& r : d.rules) {
    const std::string& s = r.selector.text;
    bool valid = s == kind || std::find(singles.begin(), singles.end(), s) != singles.end();
    if (!valid) {
      std::string allowed = kind;
      for (std::size_t i = 0; i < singles.size(); ++i) allowed += (i + 1 == singles.size() ? " or " : ", ") + singles[i];
      c.error(r.selector.span, text::tr("'{}' is not a period of form '{}' (period {}): use {}", s, form.name, kind, allowed));
      misnamed = true;
      continue;
    }
    if (auto [it, fresh] = seen.emplace(s, r.span); !fresh) {
      c.error(r.selector.span, text::tr("'{}' has two due dates in this deadline", s));
      c.diags.note(it->second, text::tr("the first one is here"));
      continue;
    }
    out.rules.push_back({s, r.kind, r.day, r.month, r.span});
  }
  if (d.rules.empty()) {
    c.error(d.form.span, text::tr("the deadline of form '{}' for {} -> {} has no rules: add '{}: ...'", form.name, d.from.text, d.to.text, kind));
    return;
  }
  // Periods left without a date after a misnamed rule are that mistake again, not a second one.
  if (seen.count(kind) || misnamed) return;
  std::string missing;
  for (const auto& p : singles)
    if (!seen.count(p)) missing += (missing.empty() ? "" : ", ") + p;
  if (!missing.empty() || singles.empty())
    c.error(d.form.span, text::tr("the deadline of form '{}' for {} -> {} gives no due date for {}: add a '{}:' rule", form.name, d.from.text, d.to.text, missing.empty() ? kind : missing, kind));
}

}  // namespace

void check_deadlines(Checker& c, const std::vector<const dsl::DeadlineDecl*>& decls) {
  std::map<std::string, dsl::Span> hops;
  for (const auto* d : decls) {
    const forms::Form* form = c.model.form(d->form.text);
    if (!form) {
      c.error(d->form.span, text::tr("unknown form '{}'{}", d->form.text, forms::closest(d->form.text, c.model.form_names())));
      continue;
    }
    if (!form->period_known) continue;  // the form's own error says it has no valid period
    if (form->period == forms::PeriodKind::record) {
      c.error(d->form.span, text::tr("form '{}' is kept one record at a time ('record per'), it has no periods to be due", form->name));
      continue;
    }
    if (c.model.levels.empty() || !check_hop(c, *d, *form)) continue;
    auto key = fmt::format("{} {} {}", d->form.text, d->from.text, d->to.text);
    if (auto [it, fresh] = hops.emplace(key, d->span); !fresh) {
      c.error(d->span, text::tr("form '{}' already has a deadline for {} -> {}", form->name, d->from.text, d->to.text));
      c.diags.note(it->second, text::tr("the first one is here"));
      continue;
    }
    Deadline out{form->name, d->from.text, d->to.text, {}, d->span};
    check_rules(c, *d, *form, out);
    c.model.deadlines.push_back(std::move(out));
  }
}

}  // namespace mera::rules
