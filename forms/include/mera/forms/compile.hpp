// Stage 2a: a form declaration checked and compiled into its schema.
#pragma once

#include "mera/forms/typecheck.hpp"

namespace mera::forms {

// Resolves the form's types, checks every field option, check and message, and reports every
// problem to `diags`. The level named by `by` is checked by rules (levels are routing).
Form compile_form(const dsl::FormDecl& decl, const EnumTable& enums, const FunctionTable& functions,
                  dsl::Diagnostics& diags);

// The fields a form-level expression sees as bare names.
class FormScope : public Scope {
 public:
  FormScope(const Form& form, const EnumTable& enums, const FunctionTable& functions)
      : Scope(enums, functions), form_(form) {}
  Type name(const dsl::Expr& e, TypeChecker& tc) const override;
  Type aggregate(const dsl::Expr& e, TypeChecker& tc) const override;
  std::string no_period_reason() const override;

 private:
  const Form& form_;
};

}  // namespace mera::forms
