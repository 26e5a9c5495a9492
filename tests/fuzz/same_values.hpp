// Whether two lists of field values are the same, as the round-trip oracle needs it: the same
// kind in every place, numbers equal bit for bit in meaning (and in sign: -0 is not 0),
// categories of the same enum and index, breakdowns equal in every category. An empty value is
// equal to any empty value: the stored form keeps only the fields that have a value, so the
// reason a field is empty is not stored (a submitted field's reason is always "not filled in").
#pragma once

#include <cmath>
#include <vector>

#include "mera/forms/value.hpp"

namespace mera::fuzz {

inline bool same_number(double a, double b) { return a == b && std::signbit(a) == std::signbit(b); }

inline bool same_value(const forms::Value& a, const forms::Value& b) {
  if (a.data().index() != b.data().index()) return false;
  if (a.is_null()) return true;
  if (auto x = a.get<double>()) return same_number(*x, b.as<double>());
  if (auto x = a.get<bool>()) return *x == b.as<bool>();
  if (auto x = a.get<std::string>()) return *x == b.as<std::string>();
  if (auto x = a.get<dsl::Date>()) return *x == b.as<dsl::Date>();
  if (auto x = a.get<forms::Category>()) return x->enumeration == b.as<forms::Category>().enumeration && x->index == b.as<forms::Category>().index;
  const auto& p = a.as<forms::Breakdown>();
  const auto& q = b.as<forms::Breakdown>();
  if (p.enumeration != q.enumeration || p.counts.size() != q.counts.size()) return false;
  for (std::size_t i = 0; i < p.counts.size(); ++i)
    if (!same_number(p.counts[i], q.counts[i]) || (p.why_empty(i) == nullptr) != (q.why_empty(i) == nullptr)) return false;
  return true;
}

inline bool same_values(const std::vector<forms::Value>& a, const std::vector<forms::Value>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_value(a[i], b[i])) return false;
  return true;
}

}  // namespace mera::fuzz
