// What names mean in an indicator's formula: other indicators, enum values, aggregates over the
// submissions of a form (`sum(form.field where ...)`, `count(form)`); inside `where`, the
// fields of the aggregated form (RowScope).
#pragma once

#include "checker.hpp"
#include "mera/forms/compile.hpp"

namespace mera::rules {

class IndicatorScope : public forms::Scope {
 public:
  explicit IndicatorScope(const Checker& c) : Scope(c.enums, c.model.functions), c_(c) {}
  forms::Type name(const dsl::Expr& e, forms::TypeChecker& tc) const override;
  forms::Type aggregate(const dsl::Expr& e, forms::TypeChecker& tc) const override;
  // completeness(form), timeliness(form): shares of the form's expected reports received, and
  // received on time; anything else is a Lua function.
  forms::Type call(const dsl::Expr& e, forms::TypeChecker& tc) const override;
  std::string no_period_reason() const override { return {}; }
  bool per_category_arithmetic() const override { return true; }  // sum(f.by_risk) / sum(f.families)

 private:
  forms::Type form_field(const dsl::Expr& source, const forms::Form& form, forms::TypeChecker& tc) const;
  forms::Type indicator(const dsl::IndicatorDecl& d) const;
  const Checker& c_;
};

// One submission of a form, as seen by the `where` of an aggregate over it.
class RowScope : public forms::FormScope {
 public:
  using FormScope::FormScope;
  std::string no_period_reason() const override { return {}; }
};

}  // namespace mera::rules
