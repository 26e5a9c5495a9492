// The small parts of reading a workbook (sheets/src): cell names, Excel's serial dates and which
// number formats show dates, and the places a workbook's diagnostics are rendered at.
#include <boost/test/unit_test.hpp>

#include "cell_ref.hpp"
#include "excel_date.hpp"
#include "mera/dsl/diagnostic.hpp"

using namespace mera::sheets;

BOOST_AUTO_TEST_CASE(cell_names_read_within_excels_bounds_and_are_written_back) {
  auto c7 = parse_cell_ref("C7");
  BOOST_REQUIRE(c7);
  BOOST_TEST(c7->column == 3u);
  BOOST_TEST(c7->row == 7u);
  auto last = parse_cell_ref("XFD1048576");
  BOOST_REQUIRE(last);
  BOOST_TEST(last->column == 16384u);
  for (const char* wrong : {"XFE1", "A0", "A1048577", "$A$1", "a1", "A", "7", "", "AAAA1", "A1B"}) BOOST_TEST(!parse_cell_ref(wrong), wrong);
  BOOST_TEST(column_name(1) == "A");
  BOOST_TEST(column_name(26) == "Z");
  BOOST_TEST(column_name(28) == "AB");
  BOOST_TEST(column_name(16384) == "XFD");
  BOOST_TEST(cell_name({7, 3}) == "C7");
}

BOOST_AUTO_TEST_CASE(serial_numbers_are_iso_dates_with_excels_1900_leap_day_and_the_1904_calendar) {
  BOOST_TEST(serial_to_iso("1", false) == "1900-01-01");
  BOOST_TEST(serial_to_iso("59", false) == "1900-02-28");
  BOOST_TEST(serial_to_iso("61", false) == "1900-03-01");
  BOOST_TEST(serial_to_iso("45016", false) == "2023-03-31");
  BOOST_TEST(serial_to_iso("45016.5", false) == "2023-03-31T12:00:00");
  BOOST_TEST(serial_to_iso("0", true) == "1904-01-01");
  BOOST_TEST(serial_to_iso("43554", true) == "2023-03-31");  // 1462 days less than in 1900's count
  BOOST_TEST(serial_to_iso("-1", false) == "");
  BOOST_TEST(serial_to_iso("abc", false) == "");
  BOOST_TEST(serial_to_iso("1e300", false) == "");
}

BOOST_AUTO_TEST_CASE(a_number_format_shows_a_date_by_its_id_or_by_the_letters_of_its_code) {
  BOOST_TEST(date_format(14, ""));
  BOOST_TEST(date_format(22, ""));
  BOOST_TEST(!date_format(0, ""));
  BOOST_TEST(!date_format(9, ""));  // 0%
  BOOST_TEST(date_format(164, "dd.mm.yyyy"));
  BOOST_TEST(date_format(165, "[$-419]d mmmm yyyy"));
  BOOST_TEST(!date_format(166, "#,##0.00"));
  BOOST_TEST(!date_format(167, "0\" дней\""));  // letters in quotes are shown, not a date
  BOOST_TEST(!date_format(168, "[Red]0"));
}

BOOST_AUTO_TEST_CASE(a_diagnostic_in_a_file_of_places_names_the_place_and_shows_no_excerpt) {
  std::vector<mera::dsl::Place> places = {{0, "Лист1!A3"}, {8, "Лист1!B3"}, {20, ""}};
  auto f = std::make_shared<mera::dsl::SourceFile>("blood.xlsx", std::string("\"org01\",\"2023Q1\"\n\"x\""), places);
  mera::dsl::Diagnostics d;
  d.error({f.get(), 9, 15}, "here");
  d.error({f.get(), 20, 20}, "the file");
  BOOST_TEST(mera::dsl::render(d) == "blood.xlsx:Лист1!B3: error: here\nblood.xlsx: error: the file\n");
  auto text = std::make_shared<mera::dsl::SourceFile>("a.csv", "x");
  BOOST_TEST(!text->place_of(0));
}
