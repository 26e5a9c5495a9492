#include <boost/test/unit_test.hpp>

#include "mera/dsl/diagnostic.hpp"
#include "mera/dsl/utf8.hpp"

using namespace mera::dsl;

BOOST_AUTO_TEST_SUITE(diagnostic)

// Columns count characters, so the caret stands under a Cyrillic word on screen.
BOOST_AUTO_TEST_CASE(caret_counts_characters_not_bytes) {
  auto f = std::make_shared<SourceFile>("x.mera", "form ф \"Форма\" { by уровень }\n");
  Diagnostics d;
  auto at = static_cast<std::uint32_t>(f->text().find("уровень"));
  d.error({f.get(), at, at + static_cast<std::uint32_t>(std::string("уровень").size())}, "unknown level 'уровень'");
  BOOST_TEST(render(d) ==
             "x.mera:1:21: error: unknown level 'уровень'\n"
             "  form ф \"Форма\" { by уровень }\n"
             "                      ^~~~~~~\n");
}

BOOST_AUTO_TEST_CASE(notes_follow_their_error) {
  auto f = std::make_shared<SourceFile>("x.mera", "level a\nlevel a\n");
  Diagnostics d;
  d.error({f.get(), 14, 15}, "level 'a' is declared twice");
  d.note({f.get(), 6, 7}, "the first declaration is here");
  BOOST_TEST(render(d) ==
             "x.mera:2:7: error: level 'a' is declared twice\n  level a\n        ^\n"
             "x.mera:1:7: note: the first declaration is here\n  level a\n        ^\n");
}

BOOST_AUTO_TEST_CASE(diagnostics_keep_their_file_alive) {
  Diagnostics d;
  {
    auto f = std::make_shared<SourceFile>("gone.mera", "level x\n");
    d.error({f.get(), 6, 7}, "boom");
  }
  BOOST_TEST(render(d).find("gone.mera:1:7: error: boom") == 0u);
}

BOOST_AUTO_TEST_CASE(long_lines_show_a_window_around_the_caret) {
  std::string line(5000, 'a');
  auto f = std::make_shared<SourceFile>("x.mera", line + "\n");
  Diagnostics d;
  d.error({f.get(), 4000, 4001}, "here");
  std::string out = render(d);
  BOOST_TEST(out.size() < 400u);
  BOOST_TEST(out.find("x.mera:1:4001: error: here") == 0u);
}

BOOST_AUTO_TEST_CASE(utf8_validation_and_scripts) {
  BOOST_TEST(!first_invalid_utf8("Томск").has_value());
  BOOST_TEST(first_invalid_utf8("ab\xE9z").value() == 2u);
  BOOST_TEST(first_invalid_utf8("\xC0\x80").value() == 0u);  // overlong
  BOOST_TEST(mixed_script_letter("fоrm").value() == 1u);      // Cyrillic о
  BOOST_TEST(!mixed_script_letter("семьи_2020").has_value());
  BOOST_TEST(edit_distance("indicater", "indicator") == 1u);
}

// Tables are aligned by columns on screen: a Cyrillic letter is two bytes but one column.
BOOST_AUTO_TEST_CASE(tables_pad_by_columns_not_bytes) {
  using mera::dsl::display_width;
  using mera::dsl::padded;
  BOOST_TEST(display_width("семьи") == 5u);
  BOOST_TEST(display_width("org01 «Огонёк»") == 14u);
  BOOST_TEST(padded("доля", 6) == "доля  ");
  BOOST_TEST(padded("42", 5, true) == "   42");
  BOOST_TEST(padded("слишком длинно", 3) == "слишком длинно");  // never cut
}

BOOST_AUTO_TEST_SUITE_END()
