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
  RowScope(const forms::Form& form, const forms::EnumTable& enums, const forms::FunctionTable& functions)
      : FormScope(form, enums, functions), form_(form) {}
  // A field of the form, or an enum value; anything else is explained as the `where` of an
  // indicator, not as a form's check (which the form's own scope would say).
  forms::Type name(const dsl::Expr& e, forms::TypeChecker& tc) const override;
  std::string no_period_reason() const override { return {}; }

 private:
  const forms::Form& form_;
};

}  // namespace mera::rules
