// evaluate: each operator, empty values and their reasons, three-valued logic, dates, enum
// values, a breakdown's categories, and calls through a FunctionHost. Expressions are parsed,
// not type-checked, so that a mismatch the checker would refuse can be shown to be a bug.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <map>
#include <stdexcept>

#include "mera/dsl/parse.hpp"
#include "mera/forms/eval.hpp"
#include "mera/forms/period.hpp"

namespace bdata = boost::unit_test::data;
using namespace mera;
using forms::NoValue;
using forms::Value;

namespace {

// The expression of `indicator x { value = TEXT }`, parsed only.
const dsl::Expr& expr(const std::string& text) {
  static std::vector<std::unique_ptr<dsl::File>> files;
  auto source = std::make_shared<dsl::SourceFile>("e.mera", "indicator x { value = " + text + " }\n");
  dsl::Diagnostics diags;
  files.push_back(std::make_unique<dsl::File>(dsl::parse(source, diags)));
  BOOST_REQUIRE_MESSAGE(!diags.has_errors(), dsl::render(diags));
  const auto& decl = std::get<dsl::IndicatorDecl>(files.back()->decls.at(0).node);
  return std::get<dsl::ValueClause>(decl.members.at(0)).value;
}

const forms::Enum kRisk{"risk", "Риск", {{"low", "низкий"}, {"medium", "средний"}, {"high", "высокий"}}, {}};
const forms::Enum kSupport{"support", "", {{"basic", ""}, {"crisis", ""}}, {}};
const forms::EnumTable kEnums{{"risk", &kRisk}, {"support", &kSupport}};

// Functions a model's lua block would define: twice(x), text_of(x), and broken(), which fails.
class FakeFunctions : public forms::FunctionHost {
 public:
  mutable std::vector<std::string> calls;
  Value call(const std::string& name, const std::vector<Value>& args) const override {
    std::string call = name + "(";
    for (const auto& a : args) call += (call.back() == '(' ? "" : ", ") + forms::to_text(a);
    calls.push_back(call + ")");
    if (name == "twice") return args.at(0).is_null() ? args[0] : Value(2 * args[0].as<double>());
    if (name == "text_of") return Value(forms::to_text(args.at(0)));
    return Value::none(NoValue::lua_error, "e.mera:3: attempt to index a nil value");
  }
};

// Names from a table; aggregates, `in period` (2021Q1) and previous() as an indicator has them.
class TestScope : public forms::EvalScope {
 public:
  explicit TestScope(const forms::FunctionHost* functions = nullptr) : EvalScope(kEnums, functions) {
    names["a"] = Value(6.0);
    names["b"] = Value(3.0);
    names["zero"] = Value(0.0);
    names["yes"] = Value(true);
    names["no"] = Value(false);
    names["empty"] = Value::none(NoValue::empty);
    names["nodata"] = Value::none(NoValue::missing_data, "no submissions");
    names["opened"] = Value(dsl::Date{2021, 3, 1});
    names["closed"] = Value(dsl::Date{2021, 3, 31});
    names["note"] = Value(std::string("абв"));
    names["level"] = Value(forms::Category{&kRisk, 2});
    names["by_risk"] = Value(forms::Breakdown{&kRisk, {5, 4, 3}});
    names["mixed"] = Value(forms::Breakdown{&kRisk, {2, 0, 3}});
    forms::Breakdown part{&kRisk, {1, 0, 2}};  // an indicator's breakdown with one category's 0/0
    part.set_empty(1, {NoValue::zero_division, ""});
    names["part"] = Value(part);
    names["by_support"] = Value(forms::Breakdown{&kSupport, {1, 2}});
    names["f.x"] = Value(10.0);
  }
  Value name(const dsl::Expr& e) const override {
    std::string path;
    for (const auto& p : e.path) path += (path.empty() ? "" : ".") + p.text;
    auto it = names.find(path);
    if (it == names.end()) throw std::logic_error("no name " + path);
    return it->second;
  }
  Value aggregate(const dsl::Expr& e) const override { return Value(e.op == "count" ? 2.0 : 100.0); }
  Value in_period(const Value& date, const dsl::Expr&) const override {
    return Value(forms::parse_period("2021Q1")->contains(date.as<dsl::Date>()));
  }
  Value previous(const dsl::Expr& e) const override { return Value(evaluate(e.args[0], *this).as<double>() - 1); }
  std::map<std::string, Value> names;
};

std::string eval(const std::string& text, const forms::FunctionHost* functions = nullptr) {
  return forms::to_text(forms::evaluate(expr(text), TestScope(functions)));
}

Value value(const std::string& text, const forms::FunctionHost* functions = nullptr) {
  return forms::evaluate(expr(text), TestScope(functions));
}

struct Row {
  const char* expression;
  const char* result;  // to_text of the value
};
std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.expression; }

const Row kRows[] = {
    // literals
    {"12", "12"}, {"2.5", "2.5"}, {"60%", "0.6"}, {"2020-06-10", "2020-06-10"}, {"\"текст\"", "текст"},
    {"true", "true"}, {"false", "false"}, {"null", "empty"},
    // arithmetic
    {"a + b", "9"}, {"a - b", "3"}, {"a * b", "18"}, {"a / b", "2"}, {"b / a", "0.5"}, {"-a", "-6"},
    {"- -a", "6"}, {"a - b * 2", "0"}, {"(a - b) * 2", "6"}, {"a * 50%", "3"},
    {"a / zero", "empty (division by zero)"}, {"zero / zero", "empty (division by zero)"},
    {"(a / zero) + 1", "empty (division by zero)"},
    // empty values propagate with their reason
    {"a + empty", "empty"}, {"empty * 0", "empty"}, {"-empty", "empty"}, {"nodata + 1", "empty (nothing submitted)"},
    {"1 + nodata / zero", "empty (nothing submitted)"}, {"empty < 1", "empty"}, {"empty == 1", "empty"},
    {"a == nodata", "empty (nothing submitted)"}, {"not empty", "empty"},
    // x == null tests for emptiness and is never empty
    {"empty == null", "true"}, {"empty != null", "false"}, {"a == null", "false"}, {"null == a", "false"},
    {"a != null", "true"}, {"nodata == null", "true"}, {"a / zero == null", "true"}, {"null == null", "true"},
    // comparisons
    {"a > b", "true"}, {"a < b", "false"}, {"a >= 6", "true"}, {"a <= 5.99", "false"}, {"a == 6", "true"},
    {"a != 6", "false"}, {"closed > opened", "true"}, {"opened == 2021-03-01", "true"},
    {"opened <= 2021-02-28", "false"}, {"note == \"абв\"", "true"}, {"note < \"абг\"", "true"},
    {"\"b\" > \"a\"", "true"}, {"yes == true", "true"}, {"yes != no", "true"}, {"level == risk.high", "true"},
    {"level != risk.low", "true"},
    // three-valued logic
    {"yes and no", "false"}, {"yes and yes", "true"}, {"no or yes", "true"}, {"no or no", "false"},
    {"not yes", "false"}, {"not no", "true"},
    {"no and empty", "false"}, {"empty and no", "false"}, {"yes and empty", "empty"}, {"empty and yes", "empty"},
    {"empty and empty", "empty"}, {"yes or empty", "true"}, {"empty or yes", "true"}, {"no or empty", "empty"},
    {"empty or no", "empty"}, {"nodata or empty", "empty (nothing submitted)"},
    {"a > 1 and (b > 1 or empty > 1)", "true"},
    // if
    {"if yes then a else b", "6"}, {"if no then a else b", "3"}, {"if empty then a else b", "empty"},
    {"if nodata > 0 then a else b", "empty (nothing submitted)"}, {"if yes then null else 1", "empty"},
    {"if no then a / zero else 1", "1"},  // the branch not taken is not evaluated
    // dates
    {"closed - opened", "30"}, {"opened + 31", "2021-04-01"}, {"31 + opened", "2021-04-01"},
    {"opened - 1", "2021-02-28"}, {"2020-03-01 - 1", "2020-02-29"}, {"2021-01-01 - 2020-01-01", "366"},
    {"2020-12-31 + 1", "2021-01-01"}, {"opened + 365 > closed", "true"}, {"opened + empty", "empty"},
    // enum values and breakdowns
    {"risk.high", "high"}, {"support.crisis", "crisis"}, {"by_risk", "low 5, medium 4, high 3"},
    {"by_risk[medium]", "4"}, {"by_risk[low] + by_risk[high]", "8"},
    // arithmetic with breakdowns: category by category
    {"by_risk * 2", "low 10, medium 8, high 6"}, {"a - by_risk", "low 1, medium 2, high 3"},
    {"by_risk / a", "low 0.833333333333333, medium 0.666666666666667, high 0.5"},
    {"by_risk + by_risk", "low 10, medium 8, high 6"}, {"by_risk - mixed", "low 3, medium 4, high 0"},
    {"-by_risk", "low -5, medium -4, high -3"}, {"(by_risk - mixed) * 50%", "low 1.5, medium 2, high 0"},
    {"by_risk / zero", "low empty (division by zero), medium empty (division by zero), high empty (division by zero)"},
    {"by_risk / mixed", "low 2.5, medium empty (division by zero), high 1"},
    {"mixed / by_risk", "low 0.4, medium 0, high 1"},
    // a category without a value stays without one; the others keep theirs
    {"part", "low 1, medium empty (division by zero), high 2"}, {"part + 1", "low 2, medium empty (division by zero), high 3"},
    {"part * by_risk", "low 5, medium empty (division by zero), high 6"}, {"-part", "low -1, medium empty (division by zero), high -2"},
    {"part[medium]", "empty (division by zero)"}, {"part[high] * 2", "4"}, {"part[medium] == null", "true"},
    {"part == null", "false"}, {"by_risk + empty", "empty"}, {"nodata / by_risk", "empty (nothing submitted)"},
    // paths, aggregates, in period, previous
    {"f.x * 2", "20"}, {"sum(f.x) / count(f)", "50"}, {"opened in period", "true"},
    {"opened + 31 in period", "false"}, {"empty in period", "empty"}, {"previous(a)", "5"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluation)

BOOST_DATA_TEST_CASE(operators, bdata::make(kRows), row) {
  BOOST_TEST(eval(row.expression) == row.result);
}

BOOST_AUTO_TEST_CASE(results_have_their_kinds) {
  BOOST_TEST(value("a + b").is<double>());
  BOOST_TEST(value("a > b").is<bool>());
  BOOST_TEST(value("opened + 1").is<dsl::Date>());
  BOOST_TEST(value("closed - opened").is<double>());
  BOOST_TEST(value("note").is<std::string>());
  BOOST_TEST(value("risk.medium").as<forms::Category>().index == 1u);
  BOOST_TEST(value("risk.medium").as<forms::Category>().enumeration == &kRisk);
  BOOST_TEST((value("a / zero").as<forms::Null>().reason == NoValue::zero_division));
  BOOST_TEST(value("nodata * 2").as<forms::Null>().detail == "no submissions");
  forms::Breakdown share = value("by_risk / mixed").as<forms::Breakdown>();
  BOOST_TEST(share.enumeration == &kRisk);
  BOOST_TEST(share.why_empty(0) == nullptr);
  BOOST_REQUIRE(share.why_empty(1) != nullptr);
  BOOST_TEST((share.why_empty(1)->reason == NoValue::zero_division));
  BOOST_TEST(share.at(2).as<double>() == 1.0);
  BOOST_TEST(value("by_risk * 1").as<forms::Breakdown>().empty.empty());  // no category empty: nothing to say
}

BOOST_AUTO_TEST_CASE(breakdown_of_an_empty_value_is_empty) {
  TestScope scope;
  scope.names["by_risk"] = Value::none(NoValue::missing_data);
  BOOST_TEST(forms::to_text(forms::evaluate(expr("by_risk[high]"), scope)) == "empty (nothing submitted)");
}

BOOST_AUTO_TEST_CASE(calls_go_to_the_function_host_with_evaluated_arguments) {
  FakeFunctions host;
  BOOST_TEST(eval("twice(a + 1)", &host) == "14");
  BOOST_TEST(eval("text_of(risk.high)", &host) == "high");
  BOOST_TEST(eval("twice(empty)", &host) == "empty");
  BOOST_TEST(eval("text_of(opened - 1)", &host) == "2021-02-28");
  std::vector<std::string> expected{"twice(7)", "text_of(high)", "twice(empty)", "text_of(2021-02-28)"};
  BOOST_TEST(host.calls == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failed_function_is_a_lua_error_that_propagates) {
  FakeFunctions host;
  Value v = value("broken(a) + 1", &host);
  BOOST_REQUIRE(v.is_null());
  BOOST_TEST((v.as<forms::Null>().reason == NoValue::lua_error));
  BOOST_TEST(v.as<forms::Null>().detail == "e.mera:3: attempt to index a nil value");
  BOOST_TEST(eval("broken(a) > 1 or empty > 1", &host) == "empty (Lua error: e.mera:3: attempt to index a nil value)");
  BOOST_TEST(eval("empty > 1 or broken(a) > 1", &host) == "empty (Lua error: e.mera:3: attempt to index a nil value)");
  // A failed function is not "empty": testing it for null does not hide the error.
  BOOST_TEST(eval("broken(a) == null", &host) == "empty (Lua error: e.mera:3: attempt to index a nil value)");
  // ... but a side that settles `and`/`or` by itself does.
  BOOST_TEST(eval("no and broken(a) > 1", &host) == "false");
  BOOST_TEST(eval("broken(a) > 1 or yes", &host) == "true");
}

BOOST_AUTO_TEST_CASE(without_a_function_host_a_call_is_a_lua_error) {
  Value v = value("twice(1)");
  BOOST_REQUIRE(v.is_null());
  BOOST_TEST((v.as<forms::Null>().reason == NoValue::lua_error));
  BOOST_TEST(v.as<forms::Null>().detail == "function 'twice' cannot run here: no Lua functions were given");
}

// A function's result is known only when it runs: a wrong kind from it is its own error.
BOOST_AUTO_TEST_CASE(a_function_giving_the_wrong_kind_is_a_lua_error) {
  FakeFunctions host;
  BOOST_TEST(eval("text_of(a) + 1", &host) == "empty (Lua error: '+' cannot combine text and a number (the value comes from function 'text_of'))");
  BOOST_TEST(eval("text_of(a) and yes", &host) == "empty (Lua error: 'and' needs a condition, but got text (the value comes from function 'text_of'))");
  BOOST_TEST(eval("if twice(a) then 1 else 2", &host) == "empty (Lua error: 'if' needs a condition, but got a number (the value comes from function 'twice'))");
  BOOST_TEST(eval("twice(a) + 1 > \"x\"", &host) == "empty (Lua error: '>' cannot compare a number with text (the value comes from function 'twice'))");
}

bool throws_logic_error(const char* text) {
  try {
    value(text);
  } catch (const std::logic_error&) {
    return true;
  }
  return false;
}

// Whatever the checker refuses is a bug when it reaches evaluation.
BOOST_AUTO_TEST_CASE(a_mismatch_the_checker_refuses_is_a_logic_error) {
  for (const char* text : {"a + \"x\"", "opened * 2", "opened + opened", "a - opened", "yes + 1", "-note", "not a",
                           "a and yes", "no or b", "if a then 1 else 2", "a < opened", "yes < no",
                           "level < risk.low", "level == support.basic", "a[high]", "by_risk[nothing]",
                           "by_risk == by_risk", "by_risk < by_risk", "by_risk > 1", "by_risk + opened",
                           "opened - by_risk", "by_risk + by_support", "by_risk * yes", "note in period", "unknown_name"}) {
    BOOST_CHECK_MESSAGE((throws_logic_error(text)), text);
  }
}

BOOST_AUTO_TEST_CASE(the_default_scope_has_no_period) {
  struct Bare : forms::EvalScope {
    Bare() : EvalScope(kEnums, nullptr) {}
    Value name(const dsl::Expr&) const override { return Value(dsl::Date{2021, 1, 1}); }
    Value aggregate(const dsl::Expr&) const override { return Value(1.0); }
  };
  BOOST_CHECK_THROW(forms::evaluate(expr("x in period"), Bare()), std::logic_error);
  BOOST_CHECK_THROW(forms::evaluate(expr("previous(1)"), Bare()), std::logic_error);
  BOOST_TEST(forms::to_text(forms::evaluate(expr("risk.low"), Bare())) == "low");
  BOOST_TEST(forms::to_text(forms::evaluate(expr("risk"), Bare())) == "2021-01-01");  // a name, not a value
}

BOOST_AUTO_TEST_CASE(to_text_quotes_values) {
  BOOST_TEST(forms::to_text(Value(12.0)) == "12");
  BOOST_TEST(forms::to_text(Value(-0.0)) == "0");
  BOOST_TEST(forms::to_text(Value(0.1 + 0.2)) == "0.3");
  BOOST_TEST(forms::to_text(Value(1e20)) == "1e+20");
  BOOST_TEST(forms::to_text(Value(123456789012.0)) == "123456789012");
  BOOST_TEST(forms::to_text(Value(true)) == "true");
  BOOST_TEST(forms::to_text(Value(dsl::Date{2021, 3, 1})) == "2021-03-01");
  BOOST_TEST(forms::to_text(Value(forms::Breakdown{&kRisk, {5, 3, 0}})) == "low 5, medium 3, high 0");
  forms::Breakdown share{&kRisk, {0.5, 0, 0.25}};
  share.set_empty(1, {NoValue::zero_division, ""});
  BOOST_TEST(forms::to_text(Value(share)) == "low 0.5, medium empty (division by zero), high 0.25");
  BOOST_TEST(forms::to_text(Value::none(NoValue::lua_error, "boom")) == "empty (Lua error: boom)");
}

BOOST_AUTO_TEST_SUITE_END()
