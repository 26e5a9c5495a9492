#include "form_eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "mera/dsl/format.hpp"

namespace mera::forms {

Value SubmissionScope::name(const dsl::Expr& e) const {
  int i = plan_.field_of(e);
  if (i < 0) throw std::logic_error(fmt::format("evaluate `{}`: not a field of form '{}'", dsl::format_expr(e), plan_.form().name));
  return values_[static_cast<std::size_t>(i)];
}

// sum(by_risk), avg, min, max: over the categories of one breakdown of the submission.
Value SubmissionScope::aggregate(const dsl::Expr& e) const {
  const dsl::Expr& source = e.args.at(0);
  int i = source.kind == dsl::Expr::Kind::name ? plan_.field_of(source) : -1;
  if (i < 0 || e.has_where) throw std::logic_error(fmt::format("evaluate `{}`: not an aggregate over a breakdown of the form", dsl::format_expr(e)));
  const Value& v = values_[static_cast<std::size_t>(i)];
  if (v.is_null()) return v;
  const Breakdown* b = v.get<Breakdown>();
  if (!b || b->counts.empty()) throw std::logic_error(fmt::format("evaluate `{}`: '{}' holds no breakdown", dsl::format_expr(e), source.path[0].text));
  const auto& c = b->counts;
  const std::string& op = e.op;  // sum, avg, min, max: told apart by their letters
  if (op[0] == 's') return Value(std::accumulate(c.begin(), c.end(), 0.0));
  if (op[0] == 'a') return Value(std::accumulate(c.begin(), c.end(), 0.0) / static_cast<double>(c.size()));
  if (op == "min") return Value(*std::min_element(c.begin(), c.end()));
  if (op == "max") return Value(*std::max_element(c.begin(), c.end()));
  throw std::logic_error(fmt::format("evaluate `{}`: '{}' over a breakdown", dsl::format_expr(e), e.op));
}

}  // namespace mera::forms
