// The type rules, one row per rule: an indicator value or a form check beside the message it
// must give ("" when it is valid).
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "test_model.hpp"

namespace bdata = boost::unit_test::data;

namespace {

struct Row {
  const char* expression;
  const char* message;  // a part of the one expected error, or "" for none
};

std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.expression; }

const Row kIndicatorRows[] = {
    {"sum(f.positive) / sum(f.families)", ""},
    {"count(f where opened in period and note != null)", ""},
    {"sum(f.by_risk[high]) + sum(f.by_risk)", ""},
    {"if sum(f.families) > 0 then 1 else null", ""},
    {"max(f.opened) - min(f.opened)", ""},
    {"previous(sum(f.families))", ""},
    {"count(f where opened + 30 > 2020-03-01)", ""},
    {"sum(f.note)", "'sum' needs numbers, but 'f.note' is text"},
    {"sum(f.families) + \"x\"", "'+' cannot combine a number and text"},
    {"sum(f.families) and 1 > 0", "'and' needs a condition (true or false), but this is a number"},
    {"max(f.opened) > 5", "cannot compare a date with a number"},
    {"if 1 > 0 then max(f.opened) else 1", "the branches of 'if' give different kinds of value"},
    {"families", "'families' is a field of form 'f': aggregate it, as in sum(f.families)"},
    {"f.families", "'f.families' is one value per submission"},
    {"sum(g.families)", "unknown form 'g'"},
    {"sum(f.famlies)", "form 'f' has no field 'famlies'; did you mean 'families'?"},
    {"sum(f.by_risk[hihg])", "'hihg' is not a category of risk"},
    {"count(f where families)", "what follows 'where' must be a condition (true or false), but this is a number"},
    {"1 > 0", "the value of indicator 'x' must be a number, but this is a condition (true or false)"},
    {"nothing_here", "unknown indicator 'nothing_here'"},
    {"risk.hihg", "enum 'risk' has no value 'hihg'"},
    {"missing(1)", "unknown function 'missing': no lua block defines it"},
};

const Row kCheckRows[] = {
    {"positive <= families", ""},
    {"sum(by_risk) == families", ""},
    {"by_risk[high] <= families and note != \"\"", ""},
    {"opened > 2020-01-01 or opened == null", ""},
    {"families", "a check must be a condition (true or false), but this is a number"},
    {"positive <= famlies", "form 'f' has no field 'famlies'; did you mean 'families'?"},
    {"opened in period", "'in period' and previous() belong in indicators"},
    {"count(f) > 0", "in a form, 'count( )' takes one breakdown field of the form"},
    {"sum(families) > 0", "works over the categories of a breakdown, but 'families' is a number"},
    {"by_risk > 0", "cannot compare a breakdown by risk with a number"},
    {"note - 1 > 0", "'-' cannot combine text and a number"},
};

void expect(const std::string& model, const Row& row) {
  auto checked = mera::test::check_text(model);
  if (std::string(row.message).empty()) {
    BOOST_TEST(checked.result.diags.error_count() == 0u, checked.output);
  } else {
    BOOST_TEST(checked.result.diags.error_count() == 1u, checked.output);
    BOOST_TEST(checked.output.find(row.message) != std::string::npos, checked.output);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(type_rules)

BOOST_DATA_TEST_CASE(indicator_values, bdata::make(kIndicatorRows), row) {
  expect(mera::test::kSkeleton + "indicator x { value = " + row.expression + " }\n", row);
}

BOOST_DATA_TEST_CASE(form_checks, bdata::make(kCheckRows), row) {
  std::string model = mera::test::kSkeleton;
  model.insert(model.rfind('}'), std::string("  check ") + row.expression + " \"m\"\n");
  expect(model, row);
}

BOOST_AUTO_TEST_CASE(indicators_are_ordered_dependencies_first) {
  auto checked = mera::test::check_text(mera::test::kSkeleton +
                                        "indicator b { value = a * 2 }\nindicator a { value = sum(f.families) }\n"
                                        "indicator c { value = previous(c) + b }\n");
  BOOST_REQUIRE(checked.result.model);
  const auto& order = checked.result.model->indicators;
  BOOST_TEST(order[0].name == "a");
  BOOST_TEST(order[1].name == "b");
  BOOST_TEST(order[2].name == "c");
}

BOOST_AUTO_TEST_CASE(a_cycle_is_reported_once) {
  auto checked = mera::test::check_text(mera::test::kSkeleton + "indicator a { value = b }\nindicator b { value = a + 1 }\n");
  BOOST_TEST(checked.result.diags.error_count() == 1u, checked.output);
  BOOST_TEST(checked.output.find("cycle: a -> b -> a") != std::string::npos, checked.output);
}

BOOST_AUTO_TEST_SUITE_END()
