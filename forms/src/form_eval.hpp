// Evaluation inside one submission of a form (`when`, formulas and checks): a name is the
// submission's value of that field; sum/avg/min/max(breakdown) work over its categories
// (private to forms/).
#pragma once

#include "form_plan.hpp"
#include "mera/forms/eval.hpp"

namespace mera::forms {

class SubmissionScope : public EvalScope {
 public:
  SubmissionScope(const FormPlan& plan, const std::vector<Value>& values, const EnumTable& enums,
                  const FunctionHost* functions)
      : EvalScope(enums, functions), plan_(plan), values_(values) {}

  Value name(const dsl::Expr& e) const override;
  Value aggregate(const dsl::Expr& e) const override;

 private:
  const FormPlan& plan_;
  const std::vector<Value>& values_;
};

}  // namespace mera::forms
