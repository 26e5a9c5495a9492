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
    {"1 > 0", "the value of indicator 'x' must be a number or a breakdown (a number per category), but this is a condition (true or false)"},
    {"nothing_here", "unknown indicator 'nothing_here'"},
    {"risk.hihg", "enum 'risk' has no value 'hihg'"},
    {"missing(1)", "unknown function 'missing': no lua block defines it"},
    // breakdowns: a value per category
    {"sum(f.by_risk)", ""},
    {"sum(f.by_risk) / sum(f.families)", ""},
    {"1 - sum(f.by_risk) / sum(f.families)", ""},
    {"(sum(f.by_risk) - previous(sum(f.by_risk))) / previous(sum(f.by_risk))", ""},
    {"-avg(f.by_risk) * max(f.by_risk)", ""},
    {"count(f where sum(by_risk) > 2 and by_risk[high] > 0)", ""},
    {"if sum(f.families) > 0 then sum(f.by_risk) else null", ""},
    {"sum(f.by_risk) > 0", "cannot compare a breakdown by risk with a number: a breakdown has a value per category; compare one of them, as in sum(f.by_risk[low])"},
    {"sum(f.by_risk) <= sum(f.by_risk)", "'<=' cannot compare two breakdowns"},
    {"sum(f.by_risk) / sum(f.families) == 0.5", "compare one of them\n"},
    {"count(f where by_risk / families > 0)", "'/' cannot combine a breakdown by risk and a number: within one submission"},
    {"count(f where by_risk > 2)", "cannot compare a breakdown by risk with a number: a breakdown has a value per category; compare one of them, as in by_risk[low]"},
    {"sum(f.by_risk) + max(f.opened)", "'+' cannot combine a breakdown by risk and a date: a breakdown combines with a number or with a breakdown by the same enum"},
    {"if sum(f.families) > 0 then sum(f.by_risk) else 0", "the branches of 'if' give different kinds of value: a breakdown by risk after 'then', a number after 'else'"},
    {"sum(f.by_risk) and 1 > 0", "'and' needs a condition (true or false), but this is a breakdown by risk"},
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
    // within one submission a breakdown is a category at a time or a total, never per category
    {"sum(by_risk) * 2 <= families", ""},
    {"by_risk * 2 <= families", "'*' cannot combine a breakdown by risk and a number: within one submission a breakdown is used one category at a time (by_risk[low]) or added up (sum(by_risk)); arithmetic category by category belongs in indicators"},
    {"-by_risk[low] < 0 and -by_risk == null", "'-' needs a number, but this is a breakdown by risk"},
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

// An indicator whose value is a breakdown is one wherever it is used, declared before or after.
BOOST_AUTO_TEST_CASE(an_indicator_has_the_type_of_its_value) {
  auto ok = mera::test::check_text(mera::test::kSkeleton +
                                   "indicator high_only { value = share[high] * 2 }\n"
                                   "indicator share { value = sum(f.by_risk) / sum(f.families) target <= previous(share) }\n"
                                   "indicator doubled { value = share * 2 target <= 30% }\n"
                                   "indicator grows { value = previous(grows) + sum(f.by_risk) }\n");
  BOOST_TEST(ok.result.diags.error_count() == 0u, ok.output);
  auto compared = mera::test::check_text(mera::test::kSkeleton + "indicator big { value = if share > 1 then 1 else 0 }\n"
                                                                   "indicator share { value = sum(f.by_risk) / sum(f.families) }\n");
  BOOST_TEST(compared.result.diags.error_count() == 1u, compared.output);
  BOOST_TEST(compared.output.find("cannot compare a breakdown by risk with a number: a breakdown has a value per category; compare one of them, as in share[low]") !=
                 std::string::npos, compared.output);
}

// A broken indicator is reported at itself, not again where another one uses it.
BOOST_AUTO_TEST_CASE(a_broken_indicator_does_not_cascade) {
  auto checked = mera::test::check_text(mera::test::kSkeleton + "indicator b { value = a + 1 }\nindicator a { value = sum(f.nothing) }\n"
                                                                "indicator c { value = a > 1 }\n");
  BOOST_TEST(checked.result.diags.error_count() == 1u, checked.output);
  BOOST_TEST(checked.output.find("form 'f' has no field 'nothing'") != std::string::npos, checked.output);
}

BOOST_AUTO_TEST_CASE(breakdowns_combine_only_by_the_same_enum) {
  std::string model = mera::test::kSkeleton;
  model.insert(model.find("form f"), "enum support { basic \"базовый\", crisis \"кризисный\" }\n");
  model.insert(model.rfind('}'), "  field by_support int by support\n");
  auto mixed = mera::test::check_text(model + "indicator x { value = sum(f.by_risk) - sum(f.by_support) }\n");
  BOOST_TEST(mixed.result.diags.error_count() == 1u, mixed.output);
  BOOST_TEST(mixed.output.find("'-' cannot combine a breakdown by risk and a breakdown by support: breakdowns combine category by category, "
                               "so both must be by the same enum") != std::string::npos, mixed.output);
  auto target = mera::test::check_text(model + "indicator x { value = sum(f.by_risk) / sum(f.families) target >= sum(f.by_support) }\n"
                                               "indicator y { value = sum(f.families) target >= sum(f.by_risk) }\n");
  BOOST_TEST(target.result.diags.error_count() == 2u, target.output);
  BOOST_TEST(target.output.find("the target of indicator 'x' must be a number, or a breakdown by risk like its value, but this is a breakdown by support") !=
                 std::string::npos, target.output);
  BOOST_TEST(target.output.find("the target of indicator 'y' must be a number, but this is a breakdown by risk") != std::string::npos, target.output);
}

BOOST_AUTO_TEST_CASE(a_cycle_is_reported_once) {
  auto checked = mera::test::check_text(mera::test::kSkeleton + "indicator a { value = b }\nindicator b { value = a + 1 }\n");
  BOOST_TEST(checked.result.diags.error_count() == 1u, checked.output);
  BOOST_TEST(checked.output.find("cycle: a -> b -> a") != std::string::npos, checked.output);
}

BOOST_AUTO_TEST_SUITE_END()
