// Due dates: every deadline of Regulation 2.4 as examples/tomsk declares it, for every quarter
// and half-year of 2020 (a leap year) and 2021; the rules' edge cases; weekends and holidays.
// The expected dates are written from the Regulation's text, never computed.
#include <boost/test/unit_test.hpp>

#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"
#include "mera/rules/due_dates.hpp"
#include "test_model.hpp"

using mera::dsl::Date;
using mera::forms::Period;
using mera::forms::PeriodKind;
namespace rules = mera::rules;
using Kind = mera::dsl::DueRule::Kind;

namespace {

Period period(const std::string& text) {
  auto p = mera::forms::parse_period(text);
  BOOST_REQUIRE_MESSAGE(p, text);
  return *p;
}

std::shared_ptr<const rules::Model> tomsk() {
  static auto model = [] {
    auto r = rules::load_model(MERA_SOURCE_DIR "/examples/tomsk", mera::engine::LuaSandbox());
    BOOST_REQUIRE_MESSAGE(r.model, mera::dsl::render(r.diags));
    return r.model;
  }();
  return model;
}

const rules::Deadline& deadline(const rules::Model& m, const std::string& form, const std::string& from) {
  for (const auto& d : m.deadlines)
    if (d.form == form && d.from == from) return d;
  BOOST_FAIL("no deadline for " + form + " from " + from);
  throw;
}

struct Expected {
  const char* from;
  const char* period;
  const char* due;
};

// Regulation 2.4.1: organizations -> platforms by the 5th of the month after the quarter, Q4 by
// January 10. 2.4.2: platforms -> resource center, quantitative data by the 15th, Q4 by January 25.
const Expected kQuarterly[] = {
    {"organization", "2020Q1", "2020-04-05"}, {"organization", "2020Q2", "2020-07-05"},
    {"organization", "2020Q3", "2020-10-05"}, {"organization", "2020Q4", "2021-01-10"},
    {"organization", "2021Q1", "2021-04-05"}, {"organization", "2021Q2", "2021-07-05"},
    {"organization", "2021Q3", "2021-10-05"}, {"organization", "2021Q4", "2022-01-10"},
    {"platform", "2020Q1", "2020-04-15"},     {"platform", "2020Q2", "2020-07-15"},
    {"platform", "2020Q3", "2020-10-15"},     {"platform", "2020Q4", "2021-01-25"},
    {"platform", "2021Q1", "2021-04-15"},     {"platform", "2021Q2", "2021-07-15"},
    {"platform", "2021Q3", "2021-10-15"},     {"platform", "2021Q4", "2022-01-25"},
};

// 2.4.2: platforms -> resource center, qualitative analysis by July 15 and January 25.
// 2.4.3: resource center -> department by July 30 and February 10.
const Expected kHalfYearly[] = {
    {"platform", "2020H1", "2020-07-15"}, {"platform", "2020H2", "2021-01-25"},
    {"platform", "2021H1", "2021-07-15"}, {"platform", "2021H2", "2022-01-25"},
    {"center", "2020H1", "2020-07-30"},   {"center", "2020H2", "2021-02-10"},
    {"center", "2021H1", "2021-07-30"},   {"center", "2021H2", "2022-02-10"},
};

std::string due_iso(const rules::Deadline& d, const std::string& p, const rules::Calendar& cal = {}) {
  auto due = rules::due_date(d, period(p), cal);
  return due ? due->date.iso() : "none";
}

rules::Deadline one_rule(const std::string& selector, Kind kind, int day, int month = 0) {
  rules::Deadline d{"f", "organization", "platform", {}, {}};
  d.rules.push_back({selector, kind, day, month, {}});
  return d;
}

rules::Calendar russian_2021(bool shift) {
  rules::Calendar cal{shift, {}};
  for (int day = 1; day <= 8; ++day) cal.holidays.push_back({2021, 1, day});  // New Year holidays
  cal.holidays.push_back({2021, 2, 23});
  return cal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(due_dates)

BOOST_AUTO_TEST_CASE(every_quarterly_deadline_of_regulation_2_4) {
  auto m = tomsk();
  BOOST_TEST(!m->calendar.shift);  // the Regulation says nothing of working days
  for (const char* form : {"blood_families", "foster_school", "foster_support", "staff"}) {
    for (const auto& e : kQuarterly) {
      BOOST_TEST_CONTEXT(form << " from " << e.from << " " << e.period)
      BOOST_TEST(due_iso(deadline(*m, form, e.from), e.period, m->calendar) == e.due);
    }
    BOOST_TEST(rules::hop_due_dates(*m, form, period("2021Q4")).size() == 2u);
  }
}

BOOST_AUTO_TEST_CASE(every_half_yearly_deadline_of_regulation_2_4) {
  auto m = tomsk();
  for (const auto& e : kHalfYearly) {
    BOOST_TEST_CONTEXT("quality_report from " << e.from << " " << e.period)
    BOOST_TEST(due_iso(deadline(*m, "quality_report", e.from), e.period, m->calendar) == e.due);
  }
}

BOOST_AUTO_TEST_CASE(a_period_of_another_kind_has_no_due_date) {
  auto m = tomsk();
  BOOST_TEST(due_iso(deadline(*m, "blood_families", "organization"), "2021H1") == "none");
  BOOST_TEST(rules::hop_due_dates(*m, "blood_families", period("2021")).empty());
}

BOOST_AUTO_TEST_CASE(hops_come_in_route_order) {
  auto m = tomsk();
  auto hops = rules::hop_due_dates(*m, "quality_report", period("2021H2"));
  BOOST_REQUIRE(hops.size() == 2u);
  BOOST_TEST(hops[0].deadline->from == "platform");
  BOOST_TEST(hops[1].deadline->from == "center");
  // Declared top hop first: still listed bottom first.
  auto c = mera::test::check_text(R"(model t "T" { effective 2020-01-01 }
level organization "Организация"
level platform "Площадка"
level center "Центр"
route organization -> platform -> center
form f "F" {
  period quarter
  by organization
  field n int
}
deadline f platform -> center {
  quarter: day 20 of next month
}
deadline f organization -> platform {
  quarter: day 5 of next month
}
)");
  BOOST_REQUIRE_MESSAGE(c.result.model, c.output);
  auto declared = rules::hop_due_dates(*c.result.model, "f", period("2021Q1"));
  BOOST_REQUIRE(declared.size() == 2u);
  BOOST_TEST(declared[0].due.date.iso() == "2021-04-05");
  BOOST_TEST(declared[1].due.date.iso() == "2021-04-20");
}

BOOST_AUTO_TEST_CASE(the_exact_period_wins_over_the_kind) {
  rules::Deadline d = one_rule("quarter", Kind::day_of_next_month, 5);
  d.rules.push_back({"Q2", Kind::fixed_date, 20, 8, {}});
  BOOST_TEST(due_iso(d, "2021Q1") == "2021-04-05");
  BOOST_TEST(due_iso(d, "2021Q2") == "2021-08-20");
  // Order of the rules does not matter.
  std::swap(d.rules[0], d.rules[1]);
  BOOST_TEST(due_iso(d, "2021Q2") == "2021-08-20");
  BOOST_TEST(due_iso(d, "2021Q3") == "2021-10-05");
}

BOOST_AUTO_TEST_CASE(day_of_next_month) {
  BOOST_TEST(due_iso(one_rule("month", Kind::day_of_next_month, 10), "2021-12") == "2022-01-10");
  BOOST_TEST(due_iso(one_rule("year", Kind::day_of_next_month, 1), "2020") == "2021-01-01");
  // Day 31 of a 30-day month is its last day; day 30 of a February is its last day.
  BOOST_TEST(due_iso(one_rule("quarter", Kind::day_of_next_month, 31), "2021Q1") == "2021-04-30");
  BOOST_TEST(due_iso(one_rule("month", Kind::day_of_next_month, 30), "2020-01") == "2020-02-29");
  BOOST_TEST(due_iso(one_rule("month", Kind::day_of_next_month, 30), "2021-01") == "2021-02-28");
}

BOOST_AUTO_TEST_CASE(fixed_date_is_the_first_one_after_the_period) {
  BOOST_TEST(due_iso(one_rule("quarter", Kind::fixed_date, 10, 1), "2021Q4") == "2022-01-10");
  BOOST_TEST(due_iso(one_rule("half_year", Kind::fixed_date, 1, 9), "2021H1") == "2021-09-01");
  BOOST_TEST(due_iso(one_rule("quarter", Kind::fixed_date, 10, 7), "2021Q3") == "2022-07-10");
  // The period's last day itself is not after it.
  BOOST_TEST(due_iso(one_rule("quarter", Kind::fixed_date, 30, 6), "2021Q2") == "2022-06-30");
  // February 29 in a year without one is February 28.
  BOOST_TEST(due_iso(one_rule("year", Kind::fixed_date, 29, 2), "2020") == "2021-02-28");
  BOOST_TEST(due_iso(one_rule("year", Kind::fixed_date, 29, 2), "2023") == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(days_after_across_month_and_year_ends) {
  BOOST_TEST(due_iso(one_rule("quarter", Kind::days_after, 10), "2021Q4") == "2022-01-10");
  BOOST_TEST(due_iso(one_rule("quarter", Kind::days_after, 1), "2021Q1") == "2021-04-01");
  BOOST_TEST(due_iso(one_rule("month", Kind::days_after, 29), "2020-01") == "2020-02-29");
  BOOST_TEST(due_iso(one_rule("month", Kind::days_after, 29), "2021-01") == "2021-03-01");
  BOOST_TEST(due_iso(one_rule("month", Kind::days_after, 1), "2020-02") == "2020-03-01");
  BOOST_TEST(due_iso(one_rule("half_year", Kind::days_after, 60), "2019H2") == "2020-02-29");
  BOOST_TEST(due_iso(one_rule("year", Kind::days_after, 366), "2019") == "2020-12-31");
  BOOST_TEST(due_iso(one_rule("month", Kind::days_after, 0), "2021-06") == "2021-06-30");
}

BOOST_AUTO_TEST_CASE(weekdays) {
  BOOST_TEST(rules::weekday_name({1970, 1, 1}) == std::string("Thursday"));
  BOOST_TEST(rules::weekday_name({1969, 12, 31}) == std::string("Wednesday"));
  BOOST_TEST(rules::weekday_name({2020, 2, 29}) == std::string("Saturday"));
  BOOST_TEST(rules::weekday_name({2022, 1, 10}) == std::string("Monday"));
  BOOST_TEST(rules::weekday_name({2021, 8, 15}) == std::string("Sunday"));
}

BOOST_AUTO_TEST_CASE(weekend_shifting_on_and_off) {
  rules::Deadline d = one_rule("quarter", Kind::fixed_date, 8, 1);  // Q4 2021: Saturday 2022-01-08
  auto off = rules::due_date(d, period("2021Q4"), rules::Calendar{false, {}});
  BOOST_REQUIRE(off);
  BOOST_TEST(off->date.iso() == "2022-01-08");
  BOOST_TEST(!off->moved_from);
  auto on = rules::due_date(d, period("2021Q4"), rules::Calendar{true, {}});
  BOOST_REQUIRE(on);
  BOOST_TEST(on->date.iso() == "2022-01-10");  // Monday
  BOOST_REQUIRE(on->moved_from);
  BOOST_TEST(on->moved_from->iso() == "2022-01-08");
  // Sunday moves one day; a working day does not move.
  BOOST_TEST(due_iso(one_rule("month", Kind::day_of_next_month, 15), "2021-07", {true, {}}) == "2021-08-16");
  auto monday = rules::due_date(one_rule("quarter", Kind::day_of_next_month, 5), period("2021Q1"), {true, {}});
  BOOST_TEST(monday->date.iso() == "2021-04-05");
  BOOST_TEST(!monday->moved_from);
}

BOOST_AUTO_TEST_CASE(holidays_after_a_weekend_and_alone) {
  rules::Deadline jan5 = one_rule("quarter", Kind::day_of_next_month, 5);
  // 2021-01-01..08 are holidays, 09 and 10 a weekend: a due date on January 5 moves to the 11th.
  auto due = rules::due_date(jan5, period("2020Q4"), russian_2021(true));
  BOOST_REQUIRE(due);
  BOOST_TEST(due->date.iso() == "2021-01-11");
  BOOST_TEST(due->moved_from->iso() == "2021-01-05");
  BOOST_TEST(due_iso(jan5, "2020Q4", russian_2021(false)) == "2021-01-05");  // listed, not shifting
  // A holiday on a Tuesday: the next day.
  BOOST_TEST(due_iso(one_rule("month", Kind::day_of_next_month, 23), "2021-01", russian_2021(true)) == "2021-02-24");
  // Tomsk's Q4 rule under the same calendar: January 10, 2021 was a Sunday.
  auto m = tomsk();
  BOOST_TEST(due_iso(deadline(*m, "staff", "organization"), "2020Q4", russian_2021(true)) == "2021-01-11");
  BOOST_TEST(due_iso(deadline(*m, "staff", "platform"), "2020Q4", russian_2021(true)) == "2021-01-25");
}

BOOST_AUTO_TEST_CASE(the_model_header_declares_the_calendar) {
  auto c = mera::test::check_text(R"(model t "T" {
  effective 2020-01-01
  shift to next working day
  holidays 2021-02-23, 2021-01-01..2021-01-03
}
level organization "Организация"
level platform "Площадка"
route organization -> platform
form f "F" {
  period quarter
  by organization
  field n int
}
deadline f organization -> platform {
  quarter: day 1 of next month
}
)");
  BOOST_REQUIRE_MESSAGE(c.result.model, c.output);
  const rules::Calendar& cal = c.result.model->calendar;
  BOOST_TEST(cal.shift);
  BOOST_REQUIRE(cal.holidays.size() == 4u);
  BOOST_TEST(cal.holidays.front().iso() == "2021-01-01");  // sorted, runs expanded
  BOOST_TEST(cal.holidays.back().iso() == "2021-02-23");
  auto hops = rules::hop_due_dates(*c.result.model, "f", period("2020Q4"));
  BOOST_REQUIRE(hops.size() == 1u);
  BOOST_TEST(hops[0].due.date.iso() == "2021-01-04");  // Jan 1..3 holidays (3rd a Sunday anyway)
}

BOOST_AUTO_TEST_CASE(without_the_declaration_nothing_shifts) {
  auto c = mera::test::check_text(mera::test::kSkeleton + R"(deadline f organization -> platform {
  quarter: day 8 of next month
}
)");
  BOOST_REQUIRE_MESSAGE(c.result.model, c.output);
  BOOST_TEST(!c.result.model->calendar.shift);
  auto hops = rules::hop_due_dates(*c.result.model, "f", period("2021Q4"));
  BOOST_REQUIRE(hops.size() == 1u);
  BOOST_TEST(hops[0].due.date.iso() == "2022-01-08");  // a Saturday, as written
}

BOOST_AUTO_TEST_SUITE_END()
