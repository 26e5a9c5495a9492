// deadline FORM FROM -> TO { SELECTOR: DUE ... }: the form exists and has periods, the hop is
// one step of the route at or above the level that submits the form, every selector is a
// period of the form's kind, and every period gets a due date.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checker.hpp"

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
  const Level* from = c.model.level(d.from.text);
  const Level* to = c.model.level(d.to.text);
  bool ok = true;
  for (const auto* id : {&d.from, &d.to}) {
    if (!c.model.level(id->text)) {
      c.error(id->span, fmt::format("unknown level '{}'{}", id->text, forms::closest(id->text, c.level_names())));
      ok = false;
    }
  }
  if (!ok) return false;
  if (to->rank != from->rank + 1) {
    c.error({d.from.span.file, d.from.span.begin, d.to.span.end},
            fmt::format("'{} -> {}' is not a hop of the route ({})", d.from.text, d.to.text, c.route_text()));
    return false;
  }
  const Level* submitter = c.model.level(form.level);
  if (submitter && from->rank < submitter->rank) {
    c.error(d.from.span, fmt::format("form '{}' is submitted by {}, so it never goes from {}", form.name, form.level, d.from.text));
    return false;
  }
  return true;
}

void check_rules(Checker& c, const dsl::DeadlineDecl& d, const forms::Form& form, Deadline& out) {
  std::string kind = forms::period_kind_name(form.period);
  std::vector<std::string> singles = periods_of(form.period);
  std::map<std::string, dsl::Span> seen;
  for (const auto& r : d.rules) {
    const std::string& s = r.selector.text;
    bool valid = s == kind || std::find(singles.begin(), singles.end(), s) != singles.end();
    if (!valid) {
      std::string allowed = kind;
      for (const auto& p : singles) allowed += ", " + p;
      c.error(r.selector.span, fmt::format("'{}' is not a period of form '{}', which is reported by {}: use {}", s, form.name, kind, allowed));
      continue;
    }
    if (auto [it, fresh] = seen.emplace(s, r.span); !fresh) {
      c.error(r.selector.span, fmt::format("'{}' has two due dates in this deadline", s));
      c.diags.note(it->second, "the first one is here");
      continue;
    }
    out.rules.push_back({s, r.kind, r.day, r.month, r.span});
  }
  if (d.rules.empty()) {
    c.error(d.form.span, fmt::format("the deadline of form '{}' for {} -> {} has no rules: add '{}: ...'", form.name, d.from.text, d.to.text, kind));
    return;
  }
  if (seen.count(kind)) return;
  std::string missing;
  for (const auto& p : singles)
    if (!seen.count(p)) missing += (missing.empty() ? "" : ", ") + p;
  if (!missing.empty() || singles.empty())
    c.error(d.form.span, fmt::format("the deadline of form '{}' for {} -> {} gives no due date for {}: add a '{}:' rule", form.name, d.from.text, d.to.text, missing.empty() ? kind : missing, kind));
}

}  // namespace

void check_deadlines(Checker& c, const std::vector<const dsl::DeadlineDecl*>& decls) {
  std::map<std::string, dsl::Span> hops;
  for (const auto* d : decls) {
    const forms::Form* form = c.model.form(d->form.text);
    if (!form) {
      std::vector<std::string> names;
      for (const auto& f : c.model.forms) names.push_back(f->name);
      c.error(d->form.span, fmt::format("unknown form '{}'{}", d->form.text, forms::closest(d->form.text, names)));
      continue;
    }
    if (form->period == forms::PeriodKind::record) {
      c.error(d->form.span, fmt::format("form '{}' is kept one record at a time ('record per'), it has no periods to be due", form->name));
      continue;
    }
    if (c.model.levels.empty() || !check_hop(c, *d, *form)) continue;
    auto key = fmt::format("{} {} {}", d->form.text, d->from.text, d->to.text);
    if (auto [it, fresh] = hops.emplace(key, d->span); !fresh) {
      c.error(d->span, fmt::format("form '{}' already has a deadline for {} -> {}", form->name, d->from.text, d->to.text));
      c.diags.note(it->second, "the first one is here");
      continue;
    }
    Deadline out{form->name, d->from.text, d->to.text, {}, d->span};
    check_rules(c, *d, *form, out);
    c.model.deadlines.push_back(std::move(out));
  }
}

}  // namespace mera::rules
