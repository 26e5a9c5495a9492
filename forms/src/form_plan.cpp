#include "form_plan.hpp"

#include <algorithm>
#include <memory>

namespace mera::forms {

namespace {
void collect(const dsl::Expr& e, std::vector<std::string_view>& out) {
  if (e.kind == dsl::Expr::Kind::name && e.path.size() == 1) out.push_back(e.path[0].text);
  for (const auto& a : e.args) collect(a, out);
}
}  // namespace

FormPlan::FormPlan(const Form& form)
    : form_(form), serial_(form.serial.value()), name_(form.name), fields_data_(form.fields.data()),
      fields_size_(form.fields.size()), checks_data_(form.checks.data()), checks_size_(form.checks.size()) {
  for (std::size_t i = 0; i < form.fields.size(); ++i) index_.emplace(form.fields[i].name, i);
  std::vector<char> state(form.fields.size(), 0);  // 0 new, 1 in progress, 2 placed
  for (std::size_t i = 0; i < form.fields.size(); ++i)
    if (form.fields[i].calculated()) order(i, state);
  for (const auto& f : form.fields) when_fields_.push_back(f.when ? mentioned(*f.when) : std::vector<std::size_t>{});
  for (const auto& c : form.checks) check_fields_.push_back(mentioned(c.condition));
  for (const auto& f : form.fields) {
    if (f.when) resolve(*f.when);
    if (f.formula) resolve(*f.formula);
  }
  for (const auto& c : form.checks) resolve(c.condition);
}

void FormPlan::resolve(const dsl::Expr& e) {
  if (e.kind == dsl::Expr::Kind::name && e.path.size() == 1)
    if (int i = find(e.path[0].text); i >= 0) resolved_.emplace(&e, static_cast<std::size_t>(i));
  for (const auto& a : e.args) resolve(a);
}

std::vector<std::size_t> FormPlan::mentioned(const dsl::Expr& e) const {
  std::vector<std::string_view> names;
  collect(e, names);
  std::vector<std::size_t> fields;
  for (auto n : names) {
    int i = find(n);
    if (i >= 0 && std::find(fields.begin(), fields.end(), static_cast<std::size_t>(i)) == fields.end())
      fields.push_back(static_cast<std::size_t>(i));
  }
  return fields;
}

// Depth first: a formula's calculated inputs are placed before it. The checker refused
// cycles; one that got here anyway is cut where it closes.
void FormPlan::order(std::size_t field, std::vector<char>& state) {
  if (state[field] != 0) return;
  state[field] = 1;
  for (std::size_t input : mentioned(*form_.fields[field].formula))
    if (form_.fields[input].calculated()) order(input, state);
  state[field] = 2;
  calculated_.push_back(field);
}

bool FormPlan::made_for(const Form& form) const {
  return &form == &form_ && form.serial.value() == serial_ && form.fields.data() == fields_data_ &&
         form.fields.size() == fields_size_ && form.checks.data() == checks_data_ && form.checks.size() == checks_size_ && form.name == name_;
}

const FormPlan& plan_for(const Form& form) {
  constexpr std::size_t kCapacity = 64;
  thread_local std::vector<std::unique_ptr<FormPlan>> cache;
  for (auto& plan : cache) {
    if (&plan->form() != &form) continue;
    if (!plan->made_for(form)) plan = std::make_unique<FormPlan>(form);
    return *plan;
  }
  if (cache.size() >= kCapacity) cache.clear();
  cache.push_back(std::make_unique<FormPlan>(form));
  return *cache.back();
}

}  // namespace mera::forms
