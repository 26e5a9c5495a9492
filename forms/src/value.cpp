// How values are quoted in messages (to_text); a breakdown's categories, empty ones included.
#include "mera/forms/value.hpp"

#include <fmt/format.h>

#include "value_text.hpp"

namespace mera::forms {

namespace {

std::string null_text(const Null& n) {
  switch (n.reason) {
    case NoValue::empty: return "empty";
    case NoValue::zero_division: return "empty (division by zero)";
    case NoValue::missing_data: return "empty (nothing submitted)";
    case NoValue::lua_error: return n.detail.empty() ? "empty (Lua error)" : "empty (Lua error: " + n.detail + ")";
  }
  return "empty";
}

std::string breakdown_text(const Breakdown& b) {
  std::string out;
  for (std::size_t i = 0; i < b.counts.size(); ++i) {
    if (i > 0) out += ", ";
    const Null* n = b.why_empty(i);
    out += b.enumeration->values[i].name + " " + (n ? null_text(*n) : number_text(b.counts[i]));
  }
  return out;
}

}  // namespace

Value Breakdown::at(std::size_t i) const {
  if (const Null* n = why_empty(i)) return Value(*n);
  return Value(counts.at(i));
}

void Breakdown::set_empty(std::size_t i, Null reason) {
  empty.resize(counts.size());
  empty.at(i) = std::move(reason);
  counts.at(i) = 0;
}

std::string to_text(const Value& v) {
  struct Visit {
    std::string operator()(const Null& n) const { return null_text(n); }
    std::string operator()(double d) const { return number_text(d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const dsl::Date& d) const { return d.iso(); }
    std::string operator()(const Category& c) const { return c.name(); }
    std::string operator()(const Breakdown& b) const { return breakdown_text(b); }
  };
  return std::visit(Visit{}, v.data());
}

}  // namespace mera::forms
