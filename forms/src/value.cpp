// How values are quoted in messages (to_text).
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
    out += b.enumeration->values[i].name + " " + number_text(b.counts[i]);
  }
  return out;
}

}  // namespace

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
