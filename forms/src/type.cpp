#include "mera/forms/type.hpp"

#include "mera/forms/form.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

std::string describe(const Type& t) {
  switch (t.kind) {
    case Type::Kind::error: return text::tr("an invalid value");
    case Type::Kind::any: return text::tr("a value");
    case Type::Kind::null: return "null";
    case Type::Kind::number: return t.percent ? text::tr("a percent") : text::tr("a number");
    case Type::Kind::boolean: return text::tr("a condition (true or false)");
    case Type::Kind::text: return text::tr("text");
    case Type::Kind::date: return text::tr("a date");
    case Type::Kind::category: return text::tr("a category of {}", t.enumeration->name);
    case Type::Kind::breakdown: return text::tr("a breakdown by {}", t.enumeration->name);
  }
  return text::tr("a value");
}

}  // namespace mera::forms
