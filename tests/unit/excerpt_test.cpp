// The excerpt under a diagnostic on a long line: a bounded window around the caret, "…" where
// the line is cut, the caret under the right character (columns in characters), UTF-8 safe.
#include <boost/test/unit_test.hpp>

#include "mera/dsl/diagnostic.hpp"

using namespace mera::dsl;

namespace {

std::string rendered(const std::string& text, std::size_t begin, std::size_t end) {
  auto f = std::make_shared<SourceFile>("x.json", text);
  Diagnostics d;
  d.error({f.get(), static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)}, "here");
  return render(d);
}

// The line of 300 characters "0123456789" repeated, with the caret at `at` (0-based).
std::string digits(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('0' + i % 10);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(excerpt)

BOOST_AUTO_TEST_CASE(caret_near_the_start_of_a_long_line) {
  std::string line = digits(300);
  BOOST_TEST(rendered(line + "\n", 3, 5) ==
             "x.json:1:4: error: here\n"
             "  " + line.substr(0, 120) + "…\n"
             "     ^~\n");
}

BOOST_AUTO_TEST_CASE(caret_in_the_middle_of_a_long_line) {
  std::string line = digits(300);
  // 59 characters before the caret are kept, 120 in all.
  BOOST_TEST(rendered(line + "\n", 150, 151) ==
             "x.json:1:151: error: here\n"
             "  …" + line.substr(91, 120) + "…\n"
             "   " + std::string(59, ' ') + "^\n");
}

BOOST_AUTO_TEST_CASE(caret_near_the_end_of_a_long_line) {
  std::string line = digits(300);
  BOOST_TEST(rendered(line + "\n", 297, 300) ==
             "x.json:1:298: error: here\n"
             "  …" + line.substr(238) + "\n"
             "   " + std::string(59, ' ') + "^~~\n");
}

BOOST_AUTO_TEST_CASE(caret_after_the_last_character) {
  std::string line = digits(300);
  BOOST_TEST(rendered(line, 300, 301) ==
             "x.json:1:301: error: here\n"
             "  …" + line.substr(241) + "\n"
             "   " + std::string(59, ' ') + "^\n");
}

// A span longer than the window is underlined to the cut, and one more under the "…".
BOOST_AUTO_TEST_CASE(a_span_that_goes_past_the_window) {
  std::string line = digits(300);
  std::string out = rendered(line + "\n", 10, 290);
  BOOST_TEST(out == "x.json:1:11: error: here\n"
                    "  " + line.substr(0, 120) + "…\n"
                    "  " + std::string(10, ' ') + "^" + std::string(110, '~') + "\n");
}

// Columns and the window count characters: Cyrillic letters take two bytes and one column.
BOOST_AUTO_TEST_CASE(a_long_cyrillic_line) {
  std::string line;
  for (int i = 0; i < 200; ++i) line += "ж";
  line += "ОШИБКА";
  for (int i = 0; i < 200; ++i) line += "ж";
  std::size_t at = 200 * 2;
  std::string out = rendered(line + "\n", at, at + std::string("ОШИБКА").size());
  std::string before, after;
  for (int i = 0; i < 59; ++i) before += "ж";
  for (int i = 0; i < 120 - 59 - 6; ++i) after += "ж";
  BOOST_TEST(out == "x.json:1:201: error: here\n"
                    "  …" + before + "ОШИБКА" + after + "…\n"
                    "   " + std::string(59, ' ') + "^~~~~~\n");
}

// A window never starts or ends inside a character, whatever the offset of its cut.
BOOST_AUTO_TEST_CASE(multibyte_cut_on_every_offset) {
  std::string line;
  for (int i = 0; i < 300; ++i) line += i % 3 == 0 ? "я" : i % 3 == 1 ? "€" : "a";  // 2, 3 and 1 bytes
  for (std::size_t at = 0; at < line.size(); at += 7) {
    while ((static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
    std::string out = rendered(line + "\n", at, at + 1);
    BOOST_TEST(out.find("\\x") == std::string::npos, "a character was cut at " << at << ":\n" << out);
    BOOST_TEST(out.size() < 1000u);
  }
}

// The column of an offset far into a huge line is right (the index of characters per block).
BOOST_AUTO_TEST_CASE(columns_on_a_huge_line) {
  std::string line;
  for (int i = 0; i < 100000; ++i) line += "дa";  // 3 bytes, 2 characters
  auto f = std::make_shared<SourceFile>("x", "\n" + line + "\nz");
  for (std::size_t k : {0u, 1u, 255u, 256u, 257u, 12345u, 99999u}) BOOST_TEST(f->column_of(1 + 3 * k) == 2 * k + 1);
  BOOST_TEST(f->column_of(1 + line.size()) == 2 * 100000u + 1);  // the line break
  BOOST_TEST(f->column_of(f->text().size()) == 2u);               // the end of the file
  BOOST_TEST(f->line_of(f->text().size() - 1) == 3u);
}

// A tab is shown as a space (it is layout); a control character as its escape, the caret after it.
BOOST_AUTO_TEST_CASE(tabs_and_control_characters_keep_the_caret_in_place) {
  BOOST_TEST(rendered("\tx\x1b[2Jy z\n", 8, 9) ==
             "x.json:1:9: error: here\n"
             "   x\\x1b[2Jy z\n"
             "             ^\n");
}

BOOST_AUTO_TEST_SUITE_END()

#include "mera/dsl/printable.hpp"
#include "mera/forms/typecheck.hpp"

BOOST_AUTO_TEST_SUITE(long_values)

// A value quoted in a message is cut at a bound, on a character boundary.
BOOST_AUTO_TEST_CASE(clipped_cuts_at_a_character) {
  BOOST_TEST(clipped("короткое") == "короткое");
  BOOST_TEST(clipped(std::string(100, 'x'), 5) == "xxxxx…");
  BOOST_TEST(clipped("ёжики", 2) == "ёж…");
}

// "Did you mean" skips names whose length differs by more than the distance it accepts.
BOOST_AUTO_TEST_CASE(suggestions_skip_names_of_very_different_length) {
  BOOST_TEST(mera::forms::closest("org1x", {"org1", "org2"}) == "; did you mean 'org1'?");
  BOOST_TEST(mera::forms::closest("org" + std::string(1000000, '1'), {"org1", "org11"}) == "");
  BOOST_TEST(mera::forms::closest("o", {"org1"}) == "");
}

BOOST_AUTO_TEST_SUITE_END()
