#include "mera/forms/type.hpp"

#include "mera/forms/form.hpp"

namespace mera::forms {

std::string describe(const Type& t) {
  switch (t.kind) {
    case Type::Kind::error: return "an invalid value";
    case Type::Kind::any: return "a value";
    case Type::Kind::null: return "null";
    case Type::Kind::number: return t.percent ? "a percent" : "a number";
    case Type::Kind::boolean: return "a condition (true or false)";
    case Type::Kind::text: return "text";
    case Type::Kind::date: return "a date";
    case Type::Kind::category: return "a category of " + t.enumeration->name;
    case Type::Kind::breakdown: return "a breakdown by " + t.enumeration->name;
  }
  return "a value";
}

}  // namespace mera::forms
