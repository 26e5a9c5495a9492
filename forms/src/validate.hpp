// The steps of validate_values, one submission at a time (private to forms/): read every value
// as its field's type, apply bounds, compute calculated fields, apply `when` and `required`,
// then run the checks.
#pragma once

#include <optional>

#include "form_eval.hpp"
#include "mera/forms/validate.hpp"
#include "read_value.hpp"

namespace mera::forms {

class Validator {
 public:
  Validator(const FormPlan& plan, const EnumTable& enums, const FunctionHost* functions,
            const std::string& context, dsl::Diagnostics& diags, dsl::Span whole)
      : plan_(plan), form_(plan.form()), scope_(plan, values_, enums, functions), context_(context),
        diags_(diags), whole_(whole) {}

  std::optional<ValidValues> run(const std::vector<RawMember>& members);

 private:
  void read(const RawMember& m);
  static constexpr int kAmbiguous = -2;
  int by_label(const RawKey& key);
  std::vector<std::string> names_and_labels() const;
  void unknown_field(const RawMember& m);
  void more_unknown_fields();
  void bounds(std::size_t i, dsl::Span span);
  void calculate();
  bool fits(const Field& f, const Value& v) const;
  void relevance(std::size_t i);
  std::optional<bool> condition(std::size_t i);
  std::string involved(std::size_t i) const;
  void checks(ValidValues& valid);
  dsl::Span check_span(std::size_t check) const;
  std::string fill(const std::string& message) const;
  std::string quote(std::string_view inside) const;

  void error(dsl::Span span, const std::string& message) {
    diags_.error(span, context_ + message);
    failed_ = true;
  }
  dsl::Span value_span(std::size_t i) const { return given_[i] ? given_[i]->second.span : whole_; }

  const FormPlan& plan_;
  const Form& form_;
  std::vector<Value> values_;
  SubmissionScope scope_;
  const std::string& context_;
  dsl::Diagnostics& diags_;
  dsl::Span whole_;
  std::vector<const RawMember*> given_;  // per field: the member that gave it
  std::vector<char> unreadable_;         // per field: its value was refused (already reported)
  std::vector<ReadProblem> problems_;
  bool failed_ = false;
  // Names the form does not have: the first few are reported each at its place, the rest
  // counted into one message (a CSV header of 100,000 unknown columns is one mistake, not
  // 100,000 of them).
  static constexpr std::size_t kUnknownShown = 10;
  std::size_t unknown_ = 0;
  const RawMember* first_unshown_ = nullptr;
};

}  // namespace mera::forms
