// Outside text on its way to a terminal: escapes shown, letters of every alphabet kept.
#include <boost/test/unit_test.hpp>

#include "mera/dsl/diagnostic.hpp"
#include "mera/dsl/printable.hpp"

using namespace mera::dsl;

BOOST_AUTO_TEST_SUITE(printable_text)

BOOST_AUTO_TEST_CASE(controls_are_escaped_and_letters_kept) {
  BOOST_TEST(printable("Центр «Огонёк» №1, café") == "Центр «Огонёк» №1, café");
  BOOST_TEST(printable("a\x1b[2Jb") == "a\\x1b[2Jb");
  BOOST_TEST(printable("a\tb\nc\rd\x7f\x01") == "a\\tb\\nc\\rd\\x7f\\x01");
  BOOST_TEST(printable("\xc2\x9b" "31m") == "\\u{009b}31m");  // the C1 CSI, as UTF-8
  BOOST_TEST(printable("abc\xe2\x80\xae" "def") == "abc\\u{202e}def");  // right-to-left override
  BOOST_TEST(printable("Caf\xe9 \xd0") == "Caf\\xe9 \\xd0");              // not UTF-8: the bytes
  BOOST_TEST(printable("one\ntwo", true) == "one\ntwo");
}

// A message quotes the file: an escape sequence in it reaches the terminal escaped.
BOOST_AUTO_TEST_CASE(diagnostic_messages_are_escaped) {
  auto f = std::make_shared<SourceFile>("d.csv", "id\norg\x1b]0;owned\x07\n");
  Diagnostics d;
  d.error({f.get(), 3, 16}, "no unit 'org\x1b]0;owned\x07'\nfake: line");
  BOOST_TEST(render(d) ==
             "d.csv:2:1: error: no unit 'org\\x1b]0;owned\\x07'\\nfake: line\n"
             "  org\\x1b]0;owned\\x07\n"
             "  ^~~~~~~~~~~~~~~~~~~\n");
}

BOOST_AUTO_TEST_SUITE_END()
