// Reporting periods: how users write them, their days, and their order across years.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "mera/forms/period.hpp"

namespace bdata = boost::unit_test::data;
using mera::dsl::Date;
using mera::forms::Period;
using mera::forms::PeriodKind;
using mera::forms::parse_period;

namespace {

Period period(const std::string& text) {
  auto p = parse_period(text);
  BOOST_REQUIRE_MESSAGE(p, text);
  return *p;
}

struct Written {
  const char* text;
  const char* first;
  const char* last;
  const char* canonical;
};
std::ostream& operator<<(std::ostream& os, const Written& w) { return os << w.text; }

const Written kWritten[] = {
    {"2021", "2021-01-01", "2021-12-31", "2021"},
    {"2021H1", "2021-01-01", "2021-06-30", "2021H1"},
    {"2021h2", "2021-07-01", "2021-12-31", "2021H2"},
    {"2021Q1", "2021-01-01", "2021-03-31", "2021Q1"},
    {"2020q1", "2020-01-01", "2020-03-31", "2020Q1"},
    {"2021Q2", "2021-04-01", "2021-06-30", "2021Q2"},
    {"2021Q3", "2021-07-01", "2021-09-30", "2021Q3"},
    {"2021Q4", "2021-10-01", "2021-12-31", "2021Q4"},
    {"2021-02", "2021-02-01", "2021-02-28", "2021-02"},
    {"2020-02", "2020-02-01", "2020-02-29", "2020-02"},  // leap year
    {"1900-02", "1900-02-01", "1900-02-28", "1900-02"},  // divisible by 100: not leap
    {"2000-02", "2000-02-01", "2000-02-29", "2000-02"},  // divisible by 400: leap
    {"2021-12", "2021-12-01", "2021-12-31", "2021-12"},
    {"9999Q4", "9999-10-01", "9999-12-31", "9999Q4"},
};

struct Refused {
  const char* text;
  const char* why;
};
std::ostream& operator<<(std::ostream& os, const Refused& r) { return os << r.text; }

const char* kShapes = "is not a period: a period is written 2021 (a year), 2021H1 (a half-year), 2021Q3 (a quarter) or 2021-03 (a month)";

const Refused kRefused[] = {
    {"", "'' "},
    {"21Q1", "'21Q1' "},
    {"2021Q5", "'2021Q5' is not a period: there is no quarter 5 (Q1 to Q4)"},
    {"2021Q0", "'2021Q0' is not a period: there is no quarter 0 (Q1 to Q4)"},
    {"2021H3", "'2021H3' is not a period: there is no half-year 3 (H1 or H2)"},
    {"2021-13", "'2021-13' is not a period: there is no month 13 (01 to 12)"},
    {"2021-00", "'2021-00' is not a period: there is no month 00 (01 to 12)"},
    {"2021-3", "'2021-3' "},
    {"2021 Q1", "'2021 Q1' "},
    {"2021Q12", "'2021Q12' "},
    {"2021X1", "'2021X1' "},
    {"1899", "'1899' is not a period: the year must be between 1900 and 9999"},
    {"0000Q1", "'0000Q1' is not a period: the year must be between 1900 and 9999"},
    {"20210", "'20210' "},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(periods)

BOOST_DATA_TEST_CASE(written_forms, bdata::make(kWritten), w) {
  Period p = period(w.text);
  BOOST_TEST(p.first_day().iso() == w.first);
  BOOST_TEST(p.last_day().iso() == w.last);
  BOOST_TEST(p.text() == w.canonical);
  BOOST_TEST((period(p.text()) == p));  // text() reads back
}

BOOST_DATA_TEST_CASE(refused_forms, bdata::make(kRefused), r) {
  std::string why;
  BOOST_TEST(!parse_period(r.text, &why));
  std::string expected = r.why;
  if (expected.back() == ' ') expected += kShapes;
  BOOST_TEST(why == expected);
  BOOST_TEST(!parse_period(r.text));  // without `why` too
}

BOOST_AUTO_TEST_CASE(kinds_and_indexes) {
  BOOST_TEST((period("2021") == Period{PeriodKind::year, 2021, 1}));
  BOOST_TEST((period("2021H2") == Period{PeriodKind::half_year, 2021, 2}));
  BOOST_TEST((period("2021Q3") == Period{PeriodKind::quarter, 2021, 3}));
  BOOST_TEST((period("2021-11") == Period{PeriodKind::month, 2021, 11}));
}

BOOST_AUTO_TEST_CASE(previous_and_next_cross_years) {
  BOOST_TEST(period("2021Q1").previous().text() == "2020Q4");
  BOOST_TEST(period("2020Q4").next().text() == "2021Q1");
  BOOST_TEST(period("2021Q2").previous().text() == "2021Q1");
  BOOST_TEST(period("2021Q2").next().text() == "2021Q3");
  BOOST_TEST(period("2021H1").previous().text() == "2020H2");
  BOOST_TEST(period("2021H2").next().text() == "2022H1");
  BOOST_TEST(period("2021-01").previous().text() == "2020-12");
  BOOST_TEST(period("2021-12").next().text() == "2022-01");
  BOOST_TEST(period("2021-06").next().text() == "2021-07");
  BOOST_TEST(period("2021").previous().text() == "2020");
  BOOST_TEST(period("2021").next().text() == "2022");
  for (const char* text : {"2021Q1", "2021H2", "2021-01", "2021-12", "2021"}) {
    BOOST_TEST((period(text).next().previous() == period(text)), text);
    BOOST_TEST((period(text).previous().next() == period(text)), text);
  }
  // Periods of a kind tile the calendar: the next one starts the day after this one ends.
  Period p = period("2019-01");
  for (int i = 0; i < 30; ++i, p = p.next())
    BOOST_TEST(p.next().first_day().days() == p.last_day().days() + 1, p.text());
}

BOOST_AUTO_TEST_CASE(within_and_contains) {
  BOOST_TEST(period("2021Q3").within(period("2021H2")));
  BOOST_TEST(period("2021Q3").within(period("2021")));
  BOOST_TEST(!period("2021Q3").within(period("2021H1")));
  BOOST_TEST(!period("2021Q3").within(period("2022")));
  BOOST_TEST(period("2021-03").within(period("2021Q1")));
  BOOST_TEST(!period("2021-04").within(period("2021Q1")));
  BOOST_TEST(period("2021H1").within(period("2021")));
  BOOST_TEST(period("2021Q2").within(period("2021Q2")));
  BOOST_TEST(!period("2021").within(period("2021H1")));
  BOOST_TEST(period("2020Q1").contains(Date{2020, 2, 29}));
  BOOST_TEST(period("2020Q1").contains(Date{2020, 3, 31}));
  BOOST_TEST(!period("2020Q1").contains(Date{2020, 4, 1}));
  BOOST_TEST(!period("2020Q1").contains(Date{2019, 12, 31}));
  // Every day of four years against every period of every kind: contains() (by year and
  // month) agrees with the period's first and last day.
  for (const char* kind : {"", "H", "Q", "-"})
    for (int year = 2019; year <= 2022; ++year)
      for (int i = 1; i <= (kind[0] == 'H' ? 2 : kind[0] == 'Q' ? 4 : kind[0] == '-' ? 12 : 1); ++i) {
        std::string text = std::to_string(year) + (kind[0] == '-' ? (i < 10 ? "-0" : "-") : kind) + (kind[0] ? std::to_string(i) : "");
        auto p = period(text);
        for (long d = Date{2019, 1, 1}.days(); d <= Date{2022, 12, 31}.days(); d += 3) {
          Date day = Date::from_days(d);
          BOOST_TEST(p.contains(day) == (p.first_day() <= day && day <= p.last_day()), text << " " << day.iso());
        }
      }
}

BOOST_AUTO_TEST_CASE(order_is_chronological_within_a_kind) {
  BOOST_TEST((period("2020Q4") < period("2021Q1")));
  BOOST_TEST((period("2021Q1") < period("2021Q2")));
  BOOST_TEST((period("2021-09") < period("2021-10")));
}

BOOST_AUTO_TEST_SUITE_END()
