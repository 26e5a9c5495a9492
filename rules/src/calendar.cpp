// The working-day rules of the model header: `shift to next working day` and `holidays DAY, ...`
// become the model's Calendar. A day listed twice is an error (almost always a typo in a copied
// list); a weekend day listed as a holiday is fine (official holiday lists do that).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "checker.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {
namespace {

constexpr long kLongestRun = 31;  // no public holiday run comes near a month

bool exists(const dsl::Date& d) { return dsl::date_problem(d.year, d.month, d.day).empty(); }

// The days of one entry, or nothing when it is wrong (an impossible date was reported already).
std::vector<dsl::Date> days_of(Checker& c, const dsl::Holiday& h) {
  if (!exists(h.first) || !exists(h.last)) return {};
  long first = h.first.days(), last = h.last.days();
  if (last < first) {
    c.error(h.span, text::tr("the run of holidays {}..{} ends before it begins", h.first.iso(), h.last.iso()));
    return {};
  }
  if (last - first + 1 > kLongestRun) {
    c.error(h.span, text::tr("a run of {} holidays is longer than a month: is a date mistyped?", last - first + 1));
    return {};
  }
  std::vector<dsl::Date> out;
  for (long d = first; d <= last; ++d) out.push_back(dsl::Date::from_days(d));
  return out;
}

}  // namespace

void check_calendar(Checker& c, const dsl::ModelDecl& m) {
  Calendar& cal = c.model.calendar;
  cal.shift = m.shift.has_value();
  std::map<dsl::Date, dsl::Span> seen;
  for (const auto& clause : m.holidays) {
    for (const auto& h : clause.days) {
      for (const auto& day : days_of(c, h)) {
        if (auto [it, fresh] = seen.emplace(day, h.span); !fresh) {
          c.error(h.span, text::tr("{} is listed as a holiday twice", day.iso()));
          c.diags.note(it->second, text::tr("the first time is here"));
          break;  // one message for the entry, not one per day of a run
        }
      }
    }
  }
  for (const auto& [day, span] : seen) cal.holidays.push_back(day);
  if (!m.holidays.empty() && !cal.shift)
    c.diags.warning(m.holidays.front().span, text::tr("holidays are listed but no due date moves: add 'shift to next working day' to the model"));
}

}  // namespace mera::rules
