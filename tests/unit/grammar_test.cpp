#include <boost/test/unit_test.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar.hpp"
#include "test_model.hpp"

BOOST_AUTO_TEST_SUITE(grammar)

// PEGTL's analysis finds rules that could loop without consuming input.
BOOST_AUTO_TEST_CASE(has_no_infinite_loops) {
  BOOST_TEST(tao::pegtl::analyze<mera::dsl::grammar::next_declaration>() == 0u);
}

mera::dsl::File parse(const std::string& text, mera::dsl::Diagnostics& d) {
  return mera::dsl::parse(std::make_shared<mera::dsl::SourceFile>("g.mera", text), d);
}

BOOST_AUTO_TEST_CASE(parses_each_declaration_kind) {
  mera::dsl::Diagnostics d;
  auto file = parse(mera::test::kSkeleton + R"(
deadline f organization -> platform { quarter: day 5 of next month  Q4: January 10 }
indicator share "Доля" { value = sum(f.positive) / sum(f.families) format percent digits 1 truncate target >= 60% }
lua [==[ function g(a) return a[1] end ]==]
drop indicator x
replace indicator y { value = 1 }
)", d);
  BOOST_TEST(!d.has_errors(), mera::dsl::render(d));
  BOOST_TEST(file.decls.size() == 11u);  // 6 of the skeleton, 5 here
  const auto& lua = std::get<mera::dsl::LuaDecl>(file.decls[8].node);
  BOOST_TEST(lua.code == " function g(a) return a[1] end ");
  BOOST_TEST(file.decls[10].replace);
}

BOOST_AUTO_TEST_CASE(binary_operators_fold_left_with_precedence) {
  mera::dsl::Diagnostics d;
  auto file = parse("indicator x { value = 1 - 2 - 3 * 4 }", d);
  const auto& v = std::get<mera::dsl::ValueClause>(std::get<mera::dsl::IndicatorDecl>(file.decls[0].node).members[0]).value;
  BOOST_TEST(v.op == "-");                 // (1 - 2) - (3 * 4)
  BOOST_TEST(v.args[0].op == "-");
  BOOST_TEST(v.args[1].op == "*");
  BOOST_TEST(v.args[0].args[0].number == 1);
}

BOOST_AUTO_TEST_CASE(percent_literal_is_a_share) {
  mera::dsl::Diagnostics d;
  auto file = parse("indicator x { value = 60% }", d);
  const auto& v = std::get<mera::dsl::ValueClause>(std::get<mera::dsl::IndicatorDecl>(file.decls[0].node).members[0]).value;
  BOOST_TEST(v.number == 0.6);
  BOOST_TEST(v.text == "60%");
}

BOOST_AUTO_TEST_CASE(cyrillic_identifiers_are_names) {
  mera::dsl::Diagnostics d;
  auto file = parse("level организация \"Организация\"", d);
  BOOST_TEST(!d.has_errors());
  BOOST_TEST(std::get<mera::dsl::LevelDecl>(file.decls[0].node).name.text == "организация");
}

// Each broken declaration is reported, and parsing goes on at the next declaration.
BOOST_AUTO_TEST_CASE(recovers_after_an_error) {
  mera::dsl::Diagnostics d;
  auto file = parse("level a \"A\nlevel b \"B\"\nform x { field }\nlevel c \"C\"\n", d);
  BOOST_TEST(d.error_count() == 2u);
  BOOST_TEST(file.decls.size() == 2u);  // b and c
}

// Found by the fuzzer: a file of a form feed parsed as an empty model, which the formatter
// then printed as an empty file that did not parse. Blank is blank, whatever the character.
BOOST_AUTO_TEST_CASE(a_file_of_blank_space_is_empty) {
  for (const char* blank : {"", " \n", "\f", "\v\t\r\n"}) {
    mera::dsl::Diagnostics d;
    parse(blank, d);
    BOOST_TEST(d.error_count() == 1u);
    BOOST_TEST(mera::dsl::render(d).find("the file is empty") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(comments_are_collected_once_each) {
  mera::dsl::Diagnostics d;
  auto file = parse("# one\nlevel a # two\n# three\n", d);
  BOOST_TEST(file.comments.size() == 3u);
  BOOST_TEST(file.comments[1].text == "# two");
}

BOOST_AUTO_TEST_SUITE_END()
