// indicator NAME "label" { value = E; format K [digits N] [truncate]; target OP E }:
// typed formulas (a value is a number, or a breakdown: a number per category), and an
// evaluation order in which no indicator depends on itself.
#include <fmt/format.h>

#include <functional>
#include <set>

#include "indicator_scope.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {
namespace {

using Kind = forms::Type::Kind;

// Indicators a formula uses now; previous(x) is last period's x, which is no cycle.
void dependencies(const dsl::Expr& e, const Checker& c, std::vector<const dsl::Ident*>& out) {
  if (e.kind == dsl::Expr::Kind::previous) return;
  if (e.kind == dsl::Expr::Kind::name && e.path.size() == 1 && c.indicator_decls.count(e.path[0].text)) out.push_back(&e.path[0]);
  if (e.kind == dsl::Expr::Kind::aggregate) return;  // its where sees fields, not indicators
  for (const auto& a : e.args) dependencies(a, c, out);
}

Format format_of(Checker& c, const dsl::FormatClause& f) {
  Format out;
  const auto& k = f.kind.text;
  if (k == "percent") out = {Format::Kind::percent, 0, false};
  else if (k == "number") out = {Format::Kind::number, 1, false};
  else if (k == "int") out = {Format::Kind::integer, 0, false};
  else c.error(f.kind.span, text::tr("unknown format '{}': use percent, number or int{}", k, forms::closest(k, {"percent", "number", "int"})));
  if (f.digits) out.digits = *f.digits;
  out.truncate = f.truncate;
  return out;
}

// A target is a number; a breakdown's target is a number for every category, or a breakdown by
// the same enum (a target per category). Either is judged category by category.
void check_target(forms::TypeChecker& tc, const IndicatorScope& scope, const Indicator& ind, const forms::Type& value) {
  const dsl::Expr& e = ind.target->value;
  forms::Type t = tc.check(e, scope);
  if (t.unknown() || t.is(Kind::number)) return;
  bool per_category = t.is(Kind::breakdown) && (value.unknown() || (value.is(Kind::breakdown) && value.enumeration == t.enumeration));
  if (per_category) return;
  if (value.is(Kind::breakdown))
    tc.fail(e.span, text::tr("the target of indicator '{}' must be a number, or {} like its value, but this is {}", ind.name,
                                forms::describe(value), forms::describe(t)));
  else
    tc.fail(e.span, text::tr("the target of indicator '{}' must be a number, but this is {}", ind.name, forms::describe(t)));
}

Indicator compile(Checker& c, const dsl::IndicatorDecl& d) {
  Indicator ind;
  ind.name = d.name.text;
  ind.label = d.label ? d.label->text : d.name.text;
  ind.span = d.span;
  IndicatorScope scope(c);
  forms::TypeChecker tc(c.diags);
  const dsl::Span* value_at = nullptr;
  const dsl::Span* format_at = nullptr;
  const dsl::Span* target_at = nullptr;
  forms::Type value_type = forms::Type::of(Kind::any);
  auto once = [&](const dsl::Span*& slot, const dsl::Span& span, const char* what) {
    if (slot) {
      c.error(span, text::tr("indicator '{}' has '{}' twice", ind.name, what));
      return false;
    }
    slot = &span;
    return true;
  };
  for (const auto& m : d.members) {
    if (auto* v = std::get_if<dsl::ValueClause>(&m); v && once(value_at, v->span, "value")) {
      ind.value = v->value;
      value_type = tc.check(v->value, scope);
      if (!value_type.unknown() && !value_type.is(Kind::number) && !value_type.is(Kind::breakdown))
        value_type = tc.fail(v->value.span, text::tr("the value of indicator '{}' must be a number or a breakdown (a number per category), but this is {}",
                                                        ind.name, forms::describe(value_type)));
    } else if (auto* f = std::get_if<dsl::FormatClause>(&m); f && once(format_at, f->span, "format")) {
      ind.format = format_of(c, *f);
    } else if (auto* t = std::get_if<dsl::TargetClause>(&m); t && once(target_at, t->span, "target")) {
      if (t->op == "==" || t->op == "!=") {
        // The operator follows the word 'target': point at it, the rest of the clause is fine.
        auto at = static_cast<std::uint32_t>(t->span.file->text().find(t->op, t->span.begin));
        c.error({t->span.file, at, at + 2}, text::tr("a target is reached above or below a value: use >=, >, <= or <"));
      }
      ind.target = Target{t->op, t->value};
    }
  }
  if (ind.target) check_target(tc, scope, ind, value_type);
  if (!value_at) c.error(d.name.span, text::tr("indicator '{}' has no formula: add 'value = ...'", ind.name));
  return ind;
}

// Depth-first search that orders indicators dependencies-first and reports each cycle once.
class Orderer {
 public:
  Orderer(Checker& c, std::vector<Indicator>& all) : c_(c), all_(all) {}

  std::vector<Indicator> run() {
    for (std::size_t i = 0; i < all_.size(); ++i) visit(i);
    return std::move(ordered_);
  }

 private:
  void visit(std::size_t i) {
    if (state_[i] == 2) return;
    if (state_[i] == 1) return;  // reported where the cycle closed
    state_[i] = 1;
    stack_.push_back(i);
    std::vector<const dsl::Ident*> uses;
    dependencies(all_[i].value, c_, uses);
    for (const auto* u : uses) {
      std::size_t j = index(u->text);
      if (j == all_.size()) continue;
      all_[i].depends_on.push_back(u->text);
      if (state_[j] == 1) report(j, *u);
      else visit(j);
    }
    stack_.pop_back();
    state_[i] = 2;
    ordered_.push_back(all_[i]);
  }

  void report(std::size_t j, const dsl::Ident& at) {
    if (stack_.back() == j) {  // a uses a: say so, and how last period's value is written
      c_.error(at.span, text::tr("indicator '{}' uses itself; for its value in the previous period write previous({})", at.text, at.text));
      return;
    }
    std::string path;
    auto from = std::find(stack_.begin(), stack_.end(), j);
    for (auto it = from; it != stack_.end(); ++it) path += all_[*it].name + " -> ";
    c_.error(at.span, text::tr("indicators depend on each other in a cycle: {}{}", path, all_[j].name));
  }

  std::size_t index(const std::string& name) const {
    for (std::size_t i = 0; i < all_.size(); ++i)
      if (all_[i].name == name) return i;
    return all_.size();
  }

  Checker& c_;
  std::vector<Indicator>& all_;
  std::map<std::size_t, int> state_;
  std::vector<std::size_t> stack_;
  std::vector<Indicator> ordered_;
};

}  // namespace

void check_indicators(Checker& c, const std::vector<const dsl::IndicatorDecl*>& decls) {
  for (const auto* d : decls) c.indicator_decls.emplace(d->name.text, d);
  std::vector<Indicator> all;
  for (const auto* d : decls) all.push_back(compile(c, *d));
  c.model.indicators = Orderer(c, all).run();
}

}  // namespace mera::rules
