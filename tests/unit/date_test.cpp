// The one reader of ISO dates in text: shape and existence told apart.
#include <boost/test/unit_test.hpp>

#include "mera/dsl/date.hpp"

using mera::dsl::parse_iso_date;

BOOST_AUTO_TEST_SUITE(iso_dates)

BOOST_AUTO_TEST_CASE(reads_dates_and_tells_shape_from_existence) {
  std::string problem = "stale";
  auto d = parse_iso_date("2020-02-29", &problem);
  BOOST_REQUIRE(d);
  BOOST_TEST(d->iso() == "2020-02-29");
  BOOST_TEST(problem.empty());
  BOOST_TEST(!parse_iso_date("2021-02-29", &problem));
  BOOST_TEST(problem == "there is no day 29 in February 2021: it has 28 days");
  for (const char* other : {"", "2021-3-01", "01.03.2021", "2021-03-01T10:00", "2021/03/01", "2O21-03-01"}) {
    BOOST_TEST(!parse_iso_date(other, &problem), other);
    BOOST_TEST(problem.empty(), other);
  }
}

BOOST_AUTO_TEST_SUITE_END()
