// Type rules of the expression language, shared by every place an expression may stand.
// A Scope says what names, aggregates and calls mean there (a form's check sees its fields; an
// indicator sees other indicators and aggregates over forms); the TypeChecker applies the rules
// that are the same everywhere. Each problem is reported once: a subexpression that failed has
// Type::Kind::error, and nothing above it complains again.
#pragma once

#include <map>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/form.hpp"

namespace mera::forms {

// A function defined in a lua block, as the checker knows it.
struct Function {
  std::string name;
  int params = 0;        // fixed parameters
  bool variadic = false; // declared with `...`
  dsl::Span span;        // the lua block that defines it
};

using EnumTable = std::map<std::string, const Enum*, std::less<>>;
using FunctionTable = std::map<std::string, Function, std::less<>>;

class TypeChecker;

class Scope {
 public:
  Scope(const EnumTable& enums, const FunctionTable& functions) : enums_(enums), functions_(functions) {}
  virtual ~Scope() = default;

  virtual Type name(const dsl::Expr& e, TypeChecker& tc) const = 0;
  virtual Type aggregate(const dsl::Expr& e, TypeChecker& tc) const = 0;
  // Empty when `in period` and previous() make sense here; otherwise why they do not.
  virtual std::string no_period_reason() const = 0;
  // f(a, b): a function of a lua block. A scope with built-in functions of its own (an
  // indicator's completeness(form)) overrides this and hands the rest back.
  virtual Type call(const dsl::Expr& e, TypeChecker& tc) const;
  // Whether arithmetic may take a whole breakdown, category by category (an indicator's
  // formula). Elsewhere (a form) a breakdown is used one category at a time or added up.
  virtual bool per_category_arithmetic() const { return false; }

 protected:
  // `risk.high`: a category of an enum; error when the path names no enum (`unknown` says why).
  Type enum_value(const dsl::Expr& e, TypeChecker& tc, const std::string& unknown) const;
  const EnumTable& enums_;
  const FunctionTable& functions_;
};

class TypeChecker {
 public:
  explicit TypeChecker(dsl::Diagnostics& diags) : diags_(diags) {}

  Type check(const dsl::Expr& e, const Scope& scope);
  // Checks and reports when the result is not of the expected kind; `role` names the place
  // ("a check", "what follows 'if'"). Returns false when it reported.
  bool expect(const dsl::Expr& e, const Scope& scope, Type::Kind kind, const std::string& role);

  Type fail(dsl::Span span, std::string message);
  // One category of a breakdown (`by_risk[high]`): its number, or an error if `key` is none.
  Type category(const Type& breakdown, const dsl::Ident& key);
  dsl::Diagnostics& diags() { return diags_; }

 private:
  Type arithmetic(const dsl::Expr& e, const Type& a, const Type& b, const Scope& scope);
  Type per_category(const dsl::Expr& e, const Type& a, const Type& b);
  Type comparison(const dsl::Expr& e, const Type& a, const Type& b);
  Type breakdown_comparison(const dsl::Expr& e, const Type& a, const Type& b);
  Type logic(const dsl::Expr& e, const Scope& scope);
  Type condition(const dsl::Expr& e, const Scope& scope);
  Type index(const dsl::Expr& e, const Scope& scope);

  dsl::Diagnostics& diags_;
};

// "; did you mean 'families'?" when one of `names` is close to `word`, else empty.
template <typename Names> std::string did_you_mean(std::string_view word, const Names& names);
std::string closest(std::string_view word, const std::vector<std::string>& names);

}  // namespace mera::forms
