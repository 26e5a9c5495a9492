// Evaluation of the expression language. The rules that are the same everywhere (literals,
// arithmetic, comparisons, logic, `if`, a breakdown's category) live in `evaluate`; what names,
// aggregates, `in period`, previous() and calls mean is the business of an EvalScope (a form's
// check sees the submission's fields; an indicator sees aggregates over stored submissions).
// Expressions were type-checked, so a mismatch here is a bug and throws std::logic_error.
#pragma once

#include <optional>
#include <vector>

#include "mera/forms/typecheck.hpp"
#include "mera/forms/value.hpp"

namespace mera::forms {

// Functions defined in the model's `lua` blocks, run in a sandbox (engine/ implements this;
// forms/ never sees Lua). A failure is a Null with NoValue::lua_error and Lua's message.
class FunctionHost {
 public:
  virtual ~FunctionHost() = default;
  virtual Value call(const std::string& name, const std::vector<Value>& args) const = 0;
};

class EvalScope {
 public:
  EvalScope(const EnumTable& enums, const FunctionHost* functions) : enums_(enums), functions_(functions) {}
  virtual ~EvalScope() = default;

  // A name or dotted path that is not an enum value (`families`, `blood_families.positive`).
  virtual Value name(const dsl::Expr& e) const = 0;
  virtual Value aggregate(const dsl::Expr& e) const = 0;
  virtual Value in_period(const Value& date, const dsl::Expr& e) const;   // default: logic_error
  virtual Value previous(const dsl::Expr& e) const;                       // default: logic_error
  // Calls the FunctionHost; a model without one (none given) gives NoValue::lua_error.
  virtual Value call(const std::string& name, const std::vector<Value>& args) const;
  // A built-in function of this scope, given the call unevaluated (its arguments may be names
  // that are no values, as the form in completeness(form)); nullopt: not a built-in here.
  virtual std::optional<Value> builtin(const dsl::Expr&) const { return std::nullopt; }

  // `risk.high` when the path names an enum value; nullopt otherwise.
  std::optional<Value> enum_value(const dsl::Expr& e) const;

 protected:
  const EnumTable& enums_;
  const FunctionHost* functions_;
};

// Null propagates: arithmetic or a comparison with an empty value gives that empty value
// (`x == null` and `x != null` test for it; a Lua error is no empty value and passes through
// them too); x / 0 is NoValue::zero_division. Arithmetic with a breakdown goes category by
// category: a category's x / 0 empties that category alone. `and`/`or` follow three-valued
// logic (false and empty = false, true or empty = true). A value of the wrong kind that a Lua
// function gave is NoValue::lua_error; any other mismatch is a bug (std::logic_error).
Value evaluate(const dsl::Expr& e, const EvalScope& scope);

}  // namespace mera::forms
