// validate_values: one submission against its form, every problem reported in the model's
// words. Checks run only when everything before them passed, so they never quote garbage.
#include "validate.hpp"

#include <fmt/format.h>

#include "mera/dsl/format.hpp"
#include "mera/dsl/printable.hpp"
#include "value_text.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

std::optional<ValidValues> Validator::run(const std::vector<RawMember>& members) {
  std::size_t n = form_.fields.size();
  values_.assign(n, Value::none(NoValue::empty));
  given_.assign(n, nullptr);
  unreadable_.assign(n, 0);
  if (!whole_.known() && !members.empty()) whole_ = members.front().first.span;
  unknown_ = 0;
  first_unshown_ = nullptr;
  for (const auto& m : members) read(m);
  more_unknown_fields();
  calculate();
  for (std::size_t i = 0; i < n; ++i) relevance(i);
  if (failed_) return std::nullopt;
  ValidValues valid;
  checks(valid);
  if (failed_) return std::nullopt;
  valid.values = std::move(values_);
  return valid;
}

// Steps 1-3: the member names a field that may be given, once; its value reads as the field's
// type and keeps within the bounds.
void Validator::read(const RawMember& m) {
  const auto& [key, raw] = m;
  int at = plan_.find(key.name);
  if (at < 0) at = by_label(key);
  if (at == kAmbiguous) return;
  if (at < 0) return unknown_field(m);
  auto i = static_cast<std::size_t>(at);
  const Field& f = form_.fields[i];
  if (given_[i]) {
    error(key.span, text::tr("{} is given twice", field_ref(f)));
    diags_.note(given_[i]->first.span, text::tr("the first one is here"));
    return;
  }
  given_[i] = &m;
  if (f.calculated()) {
    error(key.span, text::tr("{} is calculated (= {}); leave it out", field_ref(f), dsl::format_expr(*f.formula)));
    return;
  }
  problems_.clear();
  Value v = read_value(f, raw, problems_);
  for (const auto& p : problems_)
    error(p.span, text::tr("{}{}: {}", field_ref(f), p.category.empty() ? "" : text::tr(", category '{}'", p.category), p.message));
  if (!problems_.empty()) {
    unreadable_[i] = 1;
    return;
  }
  values_[i] = std::move(v);
  bounds(i, raw.span);
}

// A member (a CSV column) named by its field's label, as a person heads a column: used only when
// no field has that name (a name always means its own field), and refused when the label is more
// than one field's.
int Validator::by_label(const RawKey& key) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < form_.fields.size(); ++i)
    if (!form_.fields[i].label.empty() && form_.fields[i].label == key.name) found.push_back(i);
  if (found.size() == 1) return static_cast<int>(found[0]);
  if (found.empty()) return -1;
  std::string names;
  for (std::size_t i : found) names += (names.empty() ? "" : ", ") + form_.fields[i].name;
  error(key.span, text::tr("«{}» is the label of more than one field of form '{}' ({}): name the column by the field's name instead",
                           dsl::clipped(key.name), form_.name, names));
  return kAmbiguous;
}

void Validator::unknown_field(const RawMember& m) {
  const auto& key = m.first;
  if (++unknown_ > kUnknownShown) {
    if (!first_unshown_) first_unshown_ = &m;
    return;
  }
  error(key.span, text::tr("form '{}' has no field '{}'{}", form_.name, dsl::clipped(key.name), closest(key.name, names_and_labels())));
}

std::vector<std::string> Validator::names_and_labels() const {
  std::vector<std::string> all = form_.field_names();
  for (const auto& f : form_.fields)
    if (!f.label.empty()) all.push_back(f.label);
  return all;
}

// One message for the unknown names past the first few, at the first of them, with the names
// the form does have: so many unknown names usually mean a file made for another form.
void Validator::more_unknown_fields() {
  if (unknown_ <= kUnknownShown) return;
  const auto& key = first_unshown_->first;
  if (unknown_ == kUnknownShown + 1)
    return error(key.span, text::tr("form '{}' has no field '{}'{}", form_.name, dsl::clipped(key.name), closest(key.name, form_.field_names())));
  std::string fields;
  std::vector<std::string> names = form_.field_names();
  for (std::size_t i = 0; i < names.size() && i < 20; ++i) fields += (i ? ", " : "") + names[i];
  if (names.size() > 20) fields += text::tr(" and {} more", names.size() - 20);
  error(key.span, text::tr("form '{}' has no field '{}', nor {} more of the names given ({} unknown in all): "
                                                "its fields are {}",
                                                form_.name, dsl::clipped(key.name), unknown_ - kUnknownShown - 1,
                                                unknown_, fields));
}

namespace {
// Empty when `x` keeps bound `b`; otherwise how it does not: "is less than 0". Only a failure
// builds text (this runs for every value of every submission).
std::string bound_problem(const Bound& b, double x, bool date) {
  double y = date ? static_cast<double>(b.value.date.days()) : b.value.number;
  bool or_equal = b.op.size() == 2;
  bool lower = b.op[0] == '>';
  bool ok = lower ? (x > y || (or_equal && x == y)) : (x < y || (or_equal && x == y));
  if (ok) return {};
  // Whole phrases, one per kind of bound, so that each language words it its own way.
  const std::string& y_text = b.value.text;
  if (lower && or_equal) return date ? text::tr("is earlier than {}", y_text) : text::tr("is less than {}", y_text);
  if (lower) return date ? text::tr("is not later than {}", y_text) : text::tr("is not more than {}", y_text);
  if (or_equal) return date ? text::tr("is later than {}", y_text) : text::tr("is more than {}", y_text);
  return date ? text::tr("is not earlier than {}", y_text) : text::tr("is not less than {}", y_text);
}
}  // namespace

// The field's bounds; a breakdown's apply to each category. A calculated value is not in the
// submission: its message says so and points at the submission as a whole.
void Validator::bounds(std::size_t i, dsl::Span span) {
  const Field& f = form_.fields[i];
  const Value& v = values_[i];
  if (f.bounds.empty() || v.is_null()) return;
  auto report = [&](const std::string& where, const std::string& shown, const std::string& problem) {
    std::string calculated = f.calculated() ? text::tr(" (it is calculated: = {})", dsl::format_expr(*f.formula)) : "";
    error(span, text::tr("{}{}: {} {}{}", field_ref(f), where, shown, problem, calculated));
  };
  for (const auto& b : f.bounds) {
    if (const Breakdown* d = v.get<Breakdown>()) {
      for (std::size_t c = 0; c < d->counts.size(); ++c)
        if (auto p = bound_problem(b, d->counts[c], false); !p.empty())
          report(text::tr(", category '{}'", d->enumeration->values[c].name), number_text(d->counts[c]), p);
    } else if (const double* x = v.get<double>()) {
      if (auto p = bound_problem(b, *x, false); !p.empty()) report("", quote_value(f, v), p);
    } else if (const auto* date = v.get<dsl::Date>()) {
      if (auto p = bound_problem(b, static_cast<double>(date->days()), true); !p.empty()) report("", date->iso(), p);
    }
  }
}

// Step 4: calculated fields, each after the calculated fields it uses. An empty input gives an
// empty result; a failed Lua function is an error, never a silent empty value.
void Validator::calculate() {
  bool read_failed = failed_;
  for (std::size_t i : plan_.calculated()) {
    const Field& f = form_.fields[i];
    Value v = evaluate(*f.formula, scope_);
    if (const std::string* s = v.get<std::string>(); s && s->empty()) v = Value::none(NoValue::empty);
    const Null* n = v.get<Null>();
    if (n && n->reason == NoValue::lua_error) {
      if (!read_failed) {
        error(whole_, text::tr("{} could not be calculated: {}", field_ref(f), n->detail));
        diags_.note(f.formula->span, text::tr("the formula is here"));
      }
      v = Value::none(NoValue::empty);
    } else if (!n && !fits(f, v)) {
      error(whole_, text::tr("{} is {}, but its formula gave {}", field_ref(f), describe(f.type), quote_value(f, v)));
      diags_.note(f.formula->span, text::tr("the formula is here"));
      v = Value::none(NoValue::empty);
    }
    values_[i] = std::move(v);
    bounds(i, whole_);
  }
}

// Whether a formula's value (which a Lua function may have given) is of the field's type.
bool Validator::fits(const Field& f, const Value& v) const {
  switch (f.type.kind) {
    case Type::Kind::number: {
      const double* d = v.get<double>();
      return d && (!f.type.integer || std::floor(*d) == *d);
    }
    case Type::Kind::boolean: return v.is<bool>();
    case Type::Kind::text: return v.is<std::string>();
    case Type::Kind::date: return v.is<dsl::Date>();
    case Type::Kind::category: return v.is<Category>() && v.as<Category>().enumeration == f.type.enumeration;
    case Type::Kind::breakdown: return v.is<Breakdown>() && v.as<Breakdown>().enumeration == f.type.enumeration;
    default: return true;
  }
}

// Step 5: `when` false: the field must be empty and `required` does not apply; `when` unknown
// (it uses an empty value): neither is enforced.
void Validator::relevance(std::size_t i) {
  const Field& f = form_.fields[i];
  std::optional<bool> relevant = f.when ? condition(i) : std::optional<bool>(true);
  if (relevant == false) {
    if (f.calculated()) values_[i] = Value::none(NoValue::empty);
    else if (!values_[i].is_null())
      error(value_span(i), text::tr("{} is relevant only when `{}` (here {}): leave it empty", field_ref(f),
                                       dsl::format_expr(*f.when), involved(i)));
  } else if (relevant == true && f.required && values_[i].is_null() && !unreadable_[i]) {
    error(value_span(i), given_[i] ? text::tr("{} is required, but it is empty", field_ref(f)) : text::tr("{} is required, but it is not given", field_ref(f)));
  }
}

std::optional<bool> Validator::condition(std::size_t i) {
  const Field& f = form_.fields[i];
  Value w = evaluate(*f.when, scope_);
  if (const bool* b = w.get<bool>()) return *b;
  const Null* n = w.get<Null>();
  if (n && n->reason != NoValue::lua_error) return std::nullopt;
  error(whole_, text::tr("{}: its condition `when {}` could not be evaluated: {}", field_ref(f), dsl::format_expr(*f.when),
                            n ? n->detail : text::tr("it gave {}, not true or false", to_text(w))));
  return std::nullopt;
}

// "closed is empty, terminated is 0": the fields a `when` looks at, with their values.
std::string Validator::involved(std::size_t i) const {
  std::string out;
  for (std::size_t k : plan_.when_fields(i)) {
    const Field& f = form_.fields[k];
    out += (out.empty() ? "" : ", ") + text::tr("{} is {}", f.name, quote_value(f, values_[k]));
  }
  return out;
}

std::optional<ValidValues> validate_values(const Form& form, const std::vector<RawMember>& values, const EnumTable& enums,
                                           const FunctionHost* functions, const std::string& context,
                                           dsl::Diagnostics& diags, dsl::Span whole) {
  return Validator(plan_for(form), enums, functions, context, diags, whole).run(values);
}

}  // namespace mera::forms
