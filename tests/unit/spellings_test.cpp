// Input as people write it (issue 17): numbers and dates in a cell, periods in words, files in
// Windows-1251. Each spelling taken and each refused, with the reason.
#include <boost/test/unit_test.hpp>

#include "mera/forms/encoding.hpp"
#include "mera/forms/period.hpp"
#include "mera/forms/spellings.hpp"

using namespace mera::forms;

namespace {

std::string number(const std::string& written) {
  std::string why;
  auto n = cell_number(written, why);
  return n ? *n : "refused: " + why;
}

std::string date(const std::string& written) {
  std::string why;
  auto d = cell_date(written, why);
  return d ? d->iso() : "refused: " + why;
}

std::string period(const std::string& written) {
  std::string why;
  auto p = read_period(written, &why);
  return p ? p->text() : "refused: " + why;
}

bool starts(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

BOOST_AUTO_TEST_SUITE(spellings)

BOOST_AUTO_TEST_CASE(numbers_with_a_decimal_comma_and_spaces_between_thousands) {
  BOOST_TEST(number("7 500,50") == "7500.50");
  BOOST_TEST(number("7\u00A0500,50") == "7500.50");  // no-break space
  BOOST_TEST(number("7\u202F500") == "7500");        // narrow no-break space (Excel, LibreOffice)
  BOOST_TEST(number("1\u2009234\u2009567") == "1234567");
  BOOST_TEST(number("-1 234 567,5") == "-1234567.5");
  BOOST_TEST(number(" 12 ") == "12");
  BOOST_TEST(number("2,5") == "2.5");
  BOOST_TEST(number("2.5") == "2.5");
  BOOST_TEST(number("1,5e-3") == "1.5e-3");
  BOOST_TEST(number("три") == "три");  // no number: the caller refuses it
}

BOOST_AUTO_TEST_CASE(a_mark_or_a_space_that_could_mean_two_things_is_refused) {
  BOOST_TEST(starts(number("1.234,5"), "refused: \"1.234,5\" has both a point and a comma"));
  BOOST_TEST(starts(number("1,234,567"), "refused: \"1,234,567\" has more than one decimal mark (,)"));
  BOOST_TEST(starts(number("1.234.567"), "refused: \"1.234.567\" has more than one decimal mark (.)"));
  BOOST_TEST(starts(number("75 00"), "refused: \"75 00\": a space inside a number only parts its thousands"));
  BOOST_TEST(starts(number("1234 567"), "refused:"));
  BOOST_TEST(starts(number("1 234,5 6"), "refused:"));
  BOOST_TEST(starts(number("1  234"), "refused:"));
  BOOST_TEST(starts(number("- 5"), "refused:"));
  BOOST_TEST(comma_thousands_problem("-12,345") == "-12,345 is not a whole number: a comma is the decimal mark, and thousands are "
                                                   "written without a mark or parted by a space (-12345 or -12 345)");
  BOOST_TEST(comma_thousands_problem("1234,567") == "");  // not a thousand as English writes it: "is not a whole number" alone
  BOOST_TEST(comma_thousands_problem("1,23") == "");
}

BOOST_AUTO_TEST_CASE(dates_day_first_or_iso) {
  BOOST_TEST(date("2021-03-31") == "2021-03-31");
  BOOST_TEST(date("31.03.2021") == "2021-03-31");
  BOOST_TEST(date("1.3.2021") == "2021-03-01");
  BOOST_TEST(date(" 29.02.2024 ") == "2024-02-29");
  BOOST_TEST(starts(date("03/04/2023"), "refused: \"03/04/2023\" is not a date mera reads for sure: with slashes"));
  BOOST_TEST(starts(date("31.03.21"), "refused: \"31.03.21\" has a year of two digits"));
  BOOST_TEST(starts(date("29.02.2023"), "refused: \"29.02.2023\" is not a date: "));
  BOOST_TEST(starts(date("31-03-2021"), "refused: \"31-03-2021\" is not a date: write it as 31.03.2021 or 2021-03-31"));
  BOOST_TEST(starts(date("2021.03.31"), "refused:"));
  BOOST_TEST(starts(date("01.01.1899"), "refused: \"01.01.1899\" is not a date mera takes"));
}

BOOST_AUTO_TEST_CASE(periods_in_words) {
  BOOST_TEST(period("2021Q1") == "2021Q1");
  BOOST_TEST(period("1 кв. 2021") == "2021Q1");
  BOOST_TEST(period("1 кв 2021") == "2021Q1");
  BOOST_TEST(period("I квартал 2021") == "2021Q1");
  BOOST_TEST(period("IV КВАРТАЛ 2021 г.") == "2021Q4");
  BOOST_TEST(period("2-й квартал 2021") == "2021Q2");
  BOOST_TEST(period("1 полугодие 2021") == "2021H1");
  BOOST_TEST(period("II полугодие 2021 года") == "2021H2");
  BOOST_TEST(period("2021") == "2021");
  BOOST_TEST(period("2021 год") == "2021");
  BOOST_TEST(period("2021 г.") == "2021");
  BOOST_TEST(period("март 2021") == "2021-03");
  BOOST_TEST(period(" 2021Q3 ") == "2021Q3");
  BOOST_TEST(period("1\u00A0кв.\u00A02021") == "2021Q1");
}

BOOST_AUTO_TEST_CASE(a_period_that_is_none_of_them_says_how_to_write_it) {
  BOOST_TEST(period("5 кв. 2021") == "refused: '5 кв. 2021' is not a period: a year has quarters 1 to 4 (I to IV)");
  BOOST_TEST(period("3 полугодие 2021") == "refused: '3 полугодие 2021' is not a period: a year has half-years 1 and 2 (I and II)");
  BOOST_TEST(starts(period("кв. 2021"), "refused: 'кв. 2021' is not a period: write a quarter as 2021Q1 or 1 кв. 2021"));
  BOOST_TEST(starts(period("2021 1 кв."), "refused: '2021 1 кв.' is not a period: write a quarter as"));
  BOOST_TEST(starts(period("1 кв. 21"), "refused:"));
  BOOST_TEST(period("2021Q5") == "refused: '2021Q5' is not a period: there is no quarter 5 (Q1 to Q4)");
  BOOST_TEST(starts(period("1 кв. 1800"), "refused:"));
  BOOST_TEST(!parse_period("1 кв. 2021"));  // the command line's --period keeps mera's own spelling
}

BOOST_AUTO_TEST_CASE(windows_1251_recognised_and_converted) {
  std::string cp1251 = "form;unit\nf;\xCF\xE5\xF0\xE2\xE0\xFF \xB8\xEB\xEA\xE0\n";  // "Первая ёлка"
  BOOST_TEST(looks_like_cp1251(cp1251, 12));
  BOOST_TEST(!looks_like_cp1251("\xFF{}", 0));
  std::string why;
  auto text = cp1251_to_utf8(cp1251, why);
  BOOST_REQUIRE(text);
  BOOST_TEST(*text == "form;unit\nf;Первая ёлка\n");
  BOOST_TEST(*cp1251_to_utf8("\xB9 7", why) == "№ 7");
  BOOST_TEST(!cp1251_to_utf8("Первая", why));  // UTF-8 already
  BOOST_TEST(why == "the file is UTF-8 text already, not Windows-1251: submit it without --encoding cp1251");
  BOOST_TEST(!cp1251_to_utf8("a\x98", why));
  BOOST_TEST(*cp1251_to_utf8("ascii", why) == "ascii");
  BOOST_CHECK(encoding_named("CP1251") == Encoding::cp1251);
  BOOST_CHECK(encoding_named("windows-1251") == Encoding::cp1251);
  BOOST_CHECK(encoding_named("UTF-8") == Encoding::utf8);
  BOOST_CHECK(!encoding_named("koi8-r"));
}

BOOST_AUTO_TEST_CASE(the_header_in_russian) {
  BOOST_TEST(header_column("Форма") == "form");
  BOOST_TEST(header_column("подразделение") == "unit");
  BOOST_TEST(header_column("Учреждение") == "unit");
  BOOST_TEST(header_column("Период") == "period");
  BOOST_TEST(header_column("Обслужено семей") == "Обслужено семей");
}

BOOST_AUTO_TEST_SUITE_END()
