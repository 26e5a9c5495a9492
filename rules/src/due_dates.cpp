// Due dates from the deadline rules of the model (see due_dates.hpp for the meaning of each
// rule) and the model's Calendar.
#include "mera/rules/due_dates.hpp"
#include "mera/text/tr.hpp"

#include <algorithm>
#include <string>

namespace mera::rules {
namespace {

using dsl::Date;

// The name a rule uses for one period: Q1..Q4, H1, H2; empty for months and years.
std::string single_name(const forms::Period& p) {
  switch (p.kind) {
    case forms::PeriodKind::quarter: return "Q" + std::to_string(p.index);
    case forms::PeriodKind::half_year: return "H" + std::to_string(p.index);
    default: return {};
  }
}

// Day `day` of the given month, or the month's last day when it is shorter.
Date clamped(int year, int month, int day) {
  return {year, month, std::min(day, dsl::days_in_month(year, month))};
}

}  // namespace

const DueRule* rule_for(const Deadline& deadline, const forms::Period& period) {
  std::string single = single_name(period);
  std::string kind = forms::period_kind_name(period.kind);
  const DueRule* general = nullptr;
  for (const auto& r : deadline.rules) {
    if (!single.empty() && r.selector == single) return &r;
    if (r.selector == kind) general = &r;
  }
  return general;
}

Date due_as_written(const DueRule& rule, const forms::Period& period) {
  Date last = period.last_day();
  switch (rule.kind) {
    case dsl::DueRule::Kind::day_of_next_month: {
      Date next = Date::from_days(last.days() + 1);  // a period ends on its month's last day
      return clamped(next.year, next.month, rule.day);
    }
    case dsl::DueRule::Kind::days_after:
      return Date::from_days(last.days() + rule.day);
    case dsl::DueRule::Kind::fixed_date: {
      Date d = clamped(last.year, rule.month, rule.day);
      return d > last ? d : clamped(last.year + 1, rule.month, rule.day);
    }
  }
  return last;
}

int weekday(const Date& day) {
  long d = day.days();  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

const char* weekday_name(const Date& day) {
  // Marked for the catalog: a reader in Russian is shown them translated (mera status).
  static const char* const names[] = {MERA_TEXT("Monday"), MERA_TEXT("Tuesday"), MERA_TEXT("Wednesday"), MERA_TEXT("Thursday"),
                                      MERA_TEXT("Friday"), MERA_TEXT("Saturday"), MERA_TEXT("Sunday")};
  return names[weekday(day)];
}

bool is_day_off(const Date& day, const Calendar& calendar) {
  return weekday(day) >= 5 || std::binary_search(calendar.holidays.begin(), calendar.holidays.end(), day);
}

std::optional<Due> due_date(const Deadline& deadline, const forms::Period& period, const Calendar& calendar) {
  const DueRule* rule = rule_for(deadline, period);
  if (!rule) return std::nullopt;
  Date written = due_as_written(*rule, period);
  Due due{written, std::nullopt};
  if (!calendar.shift) return due;
  while (is_day_off(due.date, calendar)) due.date = Date::from_days(due.date.days() + 1);
  if (due.date != written) due.moved_from = written;
  return due;
}

std::vector<HopDue> hop_due_dates(const Model& model, std::string_view form, const forms::Period& period) {
  std::vector<HopDue> out;
  for (const auto& d : model.deadlines) {
    if (d.form != form) continue;
    if (auto due = due_date(d, period, model.calendar)) out.push_back({&d, *due});
  }
  auto rank = [&](const HopDue& h) {
    const Level* l = model.level(h.deadline->from);
    return l ? l->rank : 0;
  };
  std::stable_sort(out.begin(), out.end(), [&](const HopDue& a, const HopDue& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace mera::rules
