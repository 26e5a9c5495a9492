// What validation needs to know about a form, worked out once per form instead of once per
// submission: field positions by name, the order of calculated fields, the fields each
// expression mentions (private to forms/).
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "mera/forms/form.hpp"

namespace mera::forms {

class FormPlan {
 public:
  explicit FormPlan(const Form& form);

  const Form& form() const { return form_; }
  // The position of a field in form().fields, or -1.
  int find(std::string_view name) const {
    auto it = index_.find(name);
    return it == index_.end() ? -1 : static_cast<int>(it->second);
  }
  // The field a name in one of the form's expressions refers to (resolved once, by the node's
  // address); other names are looked up by their text. -1 when it names no field.
  int field_of(const dsl::Expr& name) const {
    auto it = resolved_.find(&name);
    if (it != resolved_.end()) return static_cast<int>(it->second);
    return name.path.size() == 1 ? find(name.path[0].text) : -1;
  }
  // Calculated fields, each after the calculated fields its formula uses.
  const std::vector<std::size_t>& calculated() const { return calculated_; }
  // The fields that field i's `when`, and check j's condition, mention (in order, once each).
  const std::vector<std::size_t>& when_fields(std::size_t field) const { return when_fields_[field]; }
  const std::vector<std::size_t>& check_fields(std::size_t check) const { return check_fields_[check]; }

  // Whether this plan was made for `form` as it is now (a cache keyed by address must not
  // hand a plan to another form that happens to live at the same address).
  bool made_for(const Form& form) const;

 private:
  std::vector<std::size_t> mentioned(const dsl::Expr& e) const;
  void resolve(const dsl::Expr& e);
  void order(std::size_t field, std::vector<char>& state);

  const Form& form_;
  std::uint64_t serial_;
  std::string name_;
  const Field* fields_data_;
  std::size_t fields_size_;
  const Check* checks_data_;
  std::size_t checks_size_;
  std::unordered_map<std::string_view, std::size_t> index_;
  std::unordered_map<const dsl::Expr*, std::size_t> resolved_;
  std::vector<std::size_t> calculated_;
  std::vector<std::vector<std::size_t>> when_fields_;
  std::vector<std::vector<std::size_t>> check_fields_;
};

// The plan of `form`, from a small per-thread cache keyed by the form's address.
const FormPlan& plan_for(const Form& form);

}  // namespace mera::forms
