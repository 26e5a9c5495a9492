// The stored form of valid values: compact JSON, read back through the same conversion that
// validation uses (read_value), so a stored submission means what it meant when it was accepted.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "form_plan.hpp"
#include "mera/forms/read.hpp"
#include "mera/forms/validate.hpp"
#include "read_value.hpp"

namespace mera::forms {

namespace {

// Whole numbers up to 2^53 as integers (12, not 12.0 or 1.2e+01); others in the shortest
// form that reads back to the same double.
void put_number(std::string& out, double d) {
  if (d == 0) {
    out += '0';
    return;
  }
  char buffer[32];
  std::to_chars_result r;
  if (std::floor(d) == d && std::fabs(d) <= 9007199254740992.0) r = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed, 0);
  else r = std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, r.ptr);
}

// A JSON string: `"` and `\` escaped, control characters as \u00XX, UTF-8 as it is.
void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  out += '"';
}

struct PutValue {
  std::string& out;
  void operator()(const Null&) const { out += "null"; }
  void operator()(double d) const { put_number(out, d); }
  void operator()(bool b) const { out += b ? "true" : "false"; }
  void operator()(const std::string& s) const { put_string(out, s); }
  void operator()(const dsl::Date& d) const { put_string(out, d.iso()); }
  void operator()(const Category& c) const { put_string(out, c.name()); }
  void operator()(const Breakdown& b) const {
    out += '{';
    for (std::size_t i = 0; i < b.counts.size(); ++i) {
      if (i > 0) out += ',';
      put_string(out, b.enumeration->values[i].name);
      out += ':';
      put_number(out, b.counts[i]);
    }
    out += '}';
  }
};

bool storable(const Value& v) {
  if (v.is_null()) return false;
  const double* d = v.get<double>();
  return !d || std::isfinite(*d);  // JSON has no infinity; such a value is no value
}

}  // namespace

std::string values_to_json(const Form& form, const std::vector<Value>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < form.fields.size() && i < values.size(); ++i) {
    if (!storable(values[i])) continue;
    if (out.size() > 1) out += ',';
    put_string(out, form.fields[i].name);
    out += ':';
    std::visit(PutValue{out}, values[i].data());
  }
  out += '}';
  return out;
}

std::vector<Value> values_from_json(const Form& form, const EnumTable&, std::string_view json) {
  RawValue raw = parse_json(json);
  if (raw.kind != RawValue::Kind::object) throw std::runtime_error(fmt::format("stored values of form '{}' are not a JSON object", form.name));
  const FormPlan& plan = plan_for(form);
  std::vector<Value> values(form.fields.size(), Value::none(NoValue::empty));
  std::vector<ReadProblem> problems;
  for (const auto& [key, value] : raw.members) {
    int at = plan.find(key.name);
    if (at < 0) throw std::runtime_error(fmt::format("stored values name a field '{}' that form '{}' does not have", key.name, form.name));
    const Field& f = form.fields[static_cast<std::size_t>(at)];
    values[static_cast<std::size_t>(at)] = read_value(f, value, problems, Reading::stored);
    if (!problems.empty())
      throw std::runtime_error(fmt::format("stored value of field '{}' of form '{}': {}{}", f.name, form.name,
                                           problems[0].category.empty() ? "" : "category '" + problems[0].category + "': ", problems[0].message));
  }
  return values;
}

}  // namespace mera::forms
