#include "query.hpp"

#include <fmt/format.h>

#include "api_error.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {

std::optional<forms::Period> period_param(const Context& c, const char* name) {
  std::string text = c.param(name);
  if (text.empty()) return std::nullopt;
  std::string why;
  auto p = forms::parse_period(text, &why);
  if (!p) throw ApiError(400, fmt::format("{}={}: {}", name, text, why.empty() ? text::tr("not a period; write one as 2021, 2021H2, 2021Q4 or 2021-11") : why));
  return p;
}

std::string unit_param(Context& c, const engine::UnitTree& tree) {
  std::string unit = c.param("unit").empty() ? c.caller().unit : c.param("unit");
  if (!tree.unit(unit))
    throw ApiError(404, text::tr("no unit '{}' in the unit tree{} (GET /api/units lists those you may read)", unit, forms::closest(unit, tree.ids())));
  return unit;
}

std::int64_t number_param(const Context& c, const char* name, std::int64_t absent, std::int64_t least, std::int64_t most) {
  std::string text = c.param(name);
  if (text.empty()) return absent;
  std::int64_t value = 0;
  bool digits = text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) value = std::stoll(text);
  if (!digits || value < least || value > most)
    throw ApiError(400, text::tr("{}={}: give a whole number from {} to {}", name, text, least, most));
  return value;
}

bool flag_param(const Context& c, const char* name) {
  std::string v = c.param(name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  throw ApiError(400, text::tr("{}={}: write {}=true or leave it out", name, v, name));
}

dsl::Date day_for(const engine::UnitTree& tree, const std::string& unit, const std::optional<forms::Period>& period) {
  if (!period) return today_utc();
  return tree.last_day_in(unit, period->first_day(), period->last_day()).value_or(period->last_day());
}

std::string as_query_words(std::string message) {
  for (const char* option : {"period", "unit", "revision", "all", "year"}) {
    std::string flag = fmt::format("--{} ", option), query = fmt::format("{}=", option);
    for (auto at = message.find(flag); at != std::string::npos; at = message.find(flag, at)) message.replace(at, flag.size(), query);
    std::string bare = fmt::format("--{}", option);
    for (auto at = message.find(bare); at != std::string::npos; at = message.find(bare, at)) message.replace(at, bare.size(), option);
  }
  return message;
}

}  // namespace mera::service
