// `mera model diff` by meaning (rules/diff.hpp): what the golden cases of tests/golden/diff do
// not pin one by one. Numbers by value, where a removed item is placed, repeated checks, the
// scan of Lua text (strings, comments, nested blocks), holidays, and what a summary leaves out.
#include <boost/test/unit_test.hpp>

#include "mera/engine/lua_sandbox.hpp"
#include "mera/rules/check.hpp"
#include "mera/rules/diff.hpp"

namespace rules = mera::rules;
using rules::ChangeAction;
using rules::ChangeKind;

namespace {

// A model of one quarterly form; `header` goes inside the model's braces, `body` after the form.
std::string model_text(const std::string& fields, const std::string& body = "", const std::string& header = "") {
  return "model t \"T\" {\n  effective 2020-01-01\n" + header + "}\n" +
         "level organization \"Организация\"\nlevel platform \"Площадка\"\nroute organization -> platform\n" +
         "form f \"F\" {\n  period quarter\n  by organization\n" + fields + "}\n" + body;
}

std::shared_ptr<const rules::Model> model_of(const std::string& text) {
  rules::ModelFiles files{{"m.mera", text}};
  auto r = rules::load_model(files, "m.mera", mera::engine::LuaSandbox());
  BOOST_REQUIRE_MESSAGE(r.model, mera::dsl::render(r.diags) + "in:\n" + text);
  return r.model;
}

rules::ModelDiff diff(const std::string& before, const std::string& after) {
  return rules::diff_models(*model_of(before), *model_of(after));
}

// "removed field f.b" for each change, to compare the whole sequence at once.
std::vector<std::string> lines(const rules::ModelDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) {
    const char* action = c.action == ChangeAction::added ? "added" : c.action == ChangeAction::removed ? "removed" : "changed";
    out.push_back(std::string(action) + " " + rules::kind_name(c.kind) + (c.name.empty() ? "" : " " + c.name));
  }
  return out;
}

const std::string kLua = R"lua(lua [=[
  local words = { "end", [[function hidden() end]] }  -- function commented() end
  function f(a)
    for i = 1, 3 do if a then a = a .. "end" end end
    local function g() return 1 end
    while false do end
    return a
  end
  function h(...) return select("#", ...) end
]=])lua";

}  // namespace

BOOST_AUTO_TEST_SUITE(model_diff)

BOOST_AUTO_TEST_CASE(the_tomsk_example_has_no_diff_with_itself) {
  auto a = rules::load_model(MERA_SOURCE_DIR "/examples/tomsk", mera::engine::LuaSandbox());
  auto b = rules::load_model(MERA_SOURCE_DIR "/examples/tomsk/", mera::engine::LuaSandbox());
  BOOST_REQUIRE(a.model && b.model);
  auto d = rules::diff_models(*a.model, *b.model);
  BOOST_TEST(d.empty());
  BOOST_TEST(rules::render(d, "2020", "2021") == "no changes in meaning from 2020 to 2021\n");
}

BOOST_AUTO_TEST_CASE(numbers_compare_by_value_not_as_written) {
  std::string indicator = "indicator i {\n  value = sum(f.a) / sum(f.b)\n  format percent\n  target >= ";
  auto d = diff(model_text("  field a number >= 0.5\n  field b int\n", indicator + "60%\n}\n"),
                model_text("  field a number >= 0.50\n  field b int\n", indicator + "0.6\n}\n"));
  BOOST_TEST(d.empty(), rules::render(d, "a", "b"));
}

BOOST_AUTO_TEST_CASE(a_removed_item_stays_where_it_stood) {
  auto d = diff(model_text("  field a int\n  field b int\n  field c int\n"),
                model_text("  field c int\n  field a int\n  field d int\n"));
  std::vector<std::string> expected{"changed form f", "removed field f.b", "added field f.d"};
  BOOST_TEST(lines(d) == expected, boost::test_tools::per_element());
  BOOST_REQUIRE(!d.changes.empty());
  BOOST_REQUIRE_EQUAL(d.changes[0].aspects.size(), 1u);
  BOOST_TEST(d.changes[0].aspects[0].aspect == "order of fields");
  BOOST_TEST(d.changes[0].aspects[0].before == "a, c");
  BOOST_TEST(d.changes[0].aspects[0].after == "c, a");
}

BOOST_AUTO_TEST_CASE(repeated_checks_pair_one_by_one) {
  std::string check = "  check a >= 0 \"a is negative\"\n";
  auto d = diff(model_text("  field a int\n" + check + check), model_text("  field a int\n" + check));
  std::vector<std::string> expected{"removed check f: a >= 0"};
  BOOST_TEST(lines(d) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_check_that_becomes_a_warning_is_another_check) {
  auto d = diff(model_text("  field a int\n  check a >= 0 \"a < 0\"\n"), model_text("  field a int\n  check warning a >= 0 \"a < 0\"\n"));
  std::vector<std::string> expected{"removed check f: a >= 0", "added check f: warning a >= 0"};
  BOOST_TEST(lines(d) == expected, boost::test_tools::per_element());
}

// Comments, indentation, blank lines and runs of blanks are no change in the Lua text either
// (line breaks are: Lua is compared line by line); a word `end` or `function` in a string or a
// comment does not cut a function short.
BOOST_AUTO_TEST_CASE(lua_layout_and_comments_are_no_change) {
  std::string relaid = R"lua(lua [=[
local   words = { "end", [[function hidden() end]] }
-- a comment of its own
function f(a)
      for i = 1, 3 do if a then a = a .. "end" end end  --[[ a long comment: end end ]]

  local function g()   return 1 end
  while false do end
  return a
end
function h(...) return select("#", ...) end
]=])lua";
  auto d = diff(model_text("  field a int\n", kLua), model_text("  field a int\n", relaid));
  BOOST_TEST(d.empty(), rules::render(d, "a", "b"));
}

BOOST_AUTO_TEST_CASE(lua_changes_land_on_the_function_that_holds_them) {
  std::string local_changed = kLua;
  local_changed.replace(local_changed.find("return 1"), 8, "return 2");
  auto d = diff(model_text("  field a int\n", kLua), model_text("  field a int\n", local_changed));
  std::vector<std::string> expected{"changed lua function f"};
  BOOST_TEST(lines(d) == expected, boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(d.changes.size(), 1u);
  BOOST_TEST(d.changes[0].aspects[0].before == "local function g() return 1 end");
  BOOST_TEST(d.changes[0].aspects[0].after == "local function g() return 2 end");

  std::string blanks_in_a_string = kLua;
  blanks_in_a_string.replace(blanks_in_a_string.find("a .. \"end\""), 10, "a .. \"end  \"");
  d = diff(model_text("  field a int\n", kLua), model_text("  field a int\n", blanks_in_a_string));
  BOOST_TEST(lines(d) == expected, boost::test_tools::per_element());

  std::string table_changed = kLua;
  table_changed.replace(table_changed.find("\"end\", "), 7, "\"fin\", ");
  d = diff(model_text("  field a int\n", kLua), model_text("  field a int\n", table_changed));
  expected = {"changed lua code outside functions"};
  BOOST_TEST(lines(d) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(lua_parameters_come_from_the_checker) {
  std::string more = kLua;
  more.replace(more.find("function f(a)"), 13, "function f(a, b)");
  auto d = diff(model_text("  field a int\n", kLua), model_text("  field a int\n", more));
  BOOST_REQUIRE_EQUAL(d.changes.size(), 1u);
  BOOST_REQUIRE_EQUAL(d.changes[0].aspects.size(), 2u);
  BOOST_TEST(d.changes[0].aspects[0].aspect == "parameters");
  BOOST_TEST(d.changes[0].aspects[0].before == "1 parameter");
  BOOST_TEST(d.changes[0].aspects[0].after == "2 parameters");
  BOOST_TEST(d.changes[0].aspects[1].before == "function f(a)");

  auto removed = diff(model_text("  field a int\n", kLua), model_text("  field a int\n"));
  std::vector<std::string> expected{"removed lua function f", "removed lua function h", "removed lua code outside functions"};
  BOOST_TEST(lines(removed) == expected, boost::test_tools::per_element());
  BOOST_TEST(removed.changes[1].summary == "any number of parameters");
}

BOOST_AUTO_TEST_CASE(holidays_show_only_the_days_that_differ) {
  std::string shift = "  shift to next working day\n";
  auto d = diff(model_text("  field a int\n", "", shift + "  holidays 2021-01-01..2021-01-08, 2021-02-23\n"),
                model_text("  field a int\n", "", shift + "  holidays 2021-01-01..2021-01-10, 2021-03-08\n"));
  BOOST_REQUIRE_EQUAL(d.changes.size(), 1u);
  BOOST_TEST((d.changes[0].kind == ChangeKind::model));
  BOOST_REQUIRE_EQUAL(d.changes[0].aspects.size(), 1u);
  BOOST_TEST(d.changes[0].aspects[0].before == "2021-02-23");
  BOOST_TEST(d.changes[0].aspects[0].after == "2021-01-09..2021-01-10, 2021-03-08");
}

// A field's summary says what its declaration says: the rollup only when it is not the one its
// type gets anyway (a percent is never summed).
BOOST_AUTO_TEST_CASE(a_field_summary_leaves_out_the_default_rollup) {
  auto d = diff(model_text("  field a int\n"),
                model_text("  field a int\n  field b int >= 0 rollup last\n  field c percent\n  field d int = a * 2\n"));
  BOOST_REQUIRE_EQUAL(d.changes.size(), 3u);
  BOOST_TEST(d.changes[0].summary == "int >= 0 rollup last");
  BOOST_TEST(d.changes[1].summary == "percent");
  BOOST_TEST(d.changes[2].summary == "int = a * 2");
}

BOOST_AUTO_TEST_CASE(the_count_line_names_only_what_happened) {
  auto d = diff(model_text("  field a int\n  field b int\n"), model_text("  field a int \"А\"\n"));
  std::string text = rules::render(d, "old", "new");
  BOOST_TEST(text == "changes in meaning from old to new:\n"
                     "changed  field f.a «А»\n"
                     "    label: \"a\" -> \"А\"\n"
                     "removed  field f.b: int\n"
                     "2 changes: 1 removed, 1 changed\n");
}

BOOST_AUTO_TEST_SUITE_END()
