// Step 6 of validation: the form's checks, over values that passed every other rule. A check
// that cannot tell (an empty value) is skipped, as SQL's CHECK is; a Lua failure is an error.
#include <fmt/format.h>

#include "validate.hpp"
#include "value_text.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

void Validator::checks(ValidValues& valid) {
  for (std::size_t j = 0; j < form_.checks.size(); ++j) {
    const Check& c = form_.checks[j];
    Value r = evaluate(c.condition, scope_);
    if (const bool* ok = r.get<bool>(); ok && *ok) continue;
    const Null* n = r.get<Null>();
    if (n && n->reason != NoValue::lua_error) continue;
    if (n || !r.is<bool>()) {
      error(check_span(j), text::tr("check could not be evaluated: {}", n ? n->detail : text::tr("it gave {}, not true or false", to_text(r))));
    } else if (c.severity == dsl::CheckSeverity::error) {
      error(check_span(j), fill(c.message));
    } else {
      valid.warnings.push_back(fill(c.message));
      diags_.warning(check_span(j), context_ + valid.warnings.back());
    }
    diags_.note(c.span, text::tr("the check is declared here"));
  }
}

// The first value the check looks at, so the caret stands in the submission where the reader
// should look; the whole submission when the check looks at nothing that was given.
dsl::Span Validator::check_span(std::size_t check) const {
  for (std::size_t i : plan_.check_fields(check))
    if (given_[i]) return given_[i]->second.span;
  return whole_;
}

// "{positive} + {negative} > {families}": each {field} (or {breakdown[category]}) quoted.
std::string Validator::fill(const std::string& message) const {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t open = message.find('{'); open != std::string::npos; open = message.find('{', pos)) {
    std::size_t close = message.find('}', open);
    if (close == std::string::npos) break;
    out.append(message, pos, open - pos);
    out += quote(std::string_view(message).substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  out.append(message, pos);
  return out;
}

std::string Validator::quote(std::string_view inside) const {
  std::string_view name = inside;
  std::string_view category;
  if (auto bracket = inside.find('['); bracket != std::string_view::npos && inside.back() == ']') {
    name = inside.substr(0, bracket);
    category = inside.substr(bracket + 1, inside.size() - bracket - 2);
  }
  int at = plan_.find(name);
  if (at < 0) return "{" + std::string(inside) + "}";
  const Field& f = form_.fields[static_cast<std::size_t>(at)];
  const Value& v = values_[static_cast<std::size_t>(at)];
  const Breakdown* b = v.get<Breakdown>();
  if (category.empty() || !b) return quote_value(f, v);
  for (std::size_t c = 0; c < b->counts.size(); ++c)
    if (b->enumeration->values[c].name == category) return number_text(b->counts[c]);
  return "{" + std::string(inside) + "}";
}

}  // namespace mera::forms
