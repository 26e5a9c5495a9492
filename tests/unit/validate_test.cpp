// Validation of one submission against its form: every rule accepted and refused, with the
// messages pinned; CSV cells of every type; the stored JSON form and its round trip.
#include <boost/test/unit_test.hpp>

#include <new>

#include <map>

#include "mera/forms/read.hpp"
#include "mera/forms/validate.hpp"
#include "test_model.hpp"

using namespace mera;
using forms::NoValue;
using forms::RawMember;
using forms::RawValue;
using forms::Value;

namespace {

const std::string kHeader = R"(model t "T" { effective 2020-01-01 }
level organization "Организация"
level platform "Площадка"
route organization -> platform
enum risk { low "низкий", medium "средний", high "высокий" }
lua [[
  function plus1(x) return x + 1 end
  function broken(x) return x.nothing end
]]
)";

// A form with a field of every type, a breakdown, a calculated chain, a relevance and checks.
const std::string kForm = kHeader + R"m(form f "F" {
  period quarter
  by organization
  field families   int >= 0 required "Семьи"
  field positive   int >= 0
  field by_risk    int by risk >= 0 "По рискам"
  field amount     number
  field share      percent <= 90%
  field active     bool
  field note       text
  field opened     date >= 2020-01-01
  field level      risk
  field both       int = total + 1
  field total      int = families + positive "Всего"
  field terminated int >= 0
  field reason     text required when terminated > 0 "Причина"
  check sum(by_risk) == families "разбивка {by_risk} не сходится с итогом {families}"
  check positive <= families "{positive} больше, чем {families}"
  check warning families < 100 "много семей: {families} (доля {share})"
}
)m";

const char* kContext = "f, org01, 2021Q1: ";

const test::Checked& model(const std::string& text = kForm) {
  static std::map<std::string, test::Checked> models;
  auto it = models.find(text);
  if (it == models.end()) it = models.emplace(text, test::check_text(text)).first;
  BOOST_REQUIRE_MESSAGE(it->second.result.model, it->second.output);
  return it->second;
}

// What the model's lua block defines, without Lua: plus1(x), and broken(x), which fails.
class FakeFunctions : public forms::FunctionHost {
 public:
  Value call(const std::string& name, const std::vector<Value>& args) const override {
    if (name == "plus1" && args.at(0).is<double>()) return Value(args[0].as<double>() + 1);
    if (name == "plus1") return args.at(0);
    return Value::none(NoValue::lua_error, "t.mera:8: attempt to index a number value (local 'x')");
  }
};
const FakeFunctions kFunctions;

struct Result {
  std::optional<forms::ValidValues> valid;
  dsl::Diagnostics diags;
  std::vector<std::string> messages;  // every diagnostic's message, notes after their message as "note: ..."
  const forms::Form* form = nullptr;

  const Value& operator[](const std::string& field) const {
    BOOST_REQUIRE_MESSAGE(valid, dsl::render(diags));
    for (std::size_t i = 0; i < form->fields.size(); ++i)
      if (form->fields[i].name == field) return valid->values.at(i);
    throw std::runtime_error("no field " + field);
  }
};

Result validate_members(const std::vector<RawMember>& members, const std::string& text = kForm, const std::string& form = "f",
                        dsl::Span whole = {}) {
  const auto& m = *model(text).result.model;
  Result r;
  r.form = m.form(form);
  r.valid = forms::validate_values(*m.form(form), members, test::enum_table(m), &kFunctions, kContext, r.diags, whole);
  for (const auto& d : r.diags.all()) {
    r.messages.push_back(d.message);
    for (const auto& n : d.notes) r.messages.push_back("note: " + n.message);
  }
  BOOST_TEST(r.valid.has_value() == !r.diags.has_errors());
  return r;
}

// The members of a JSON object: {"families": 12, ...}.
Result validate(const std::string& json, const std::string& text = kForm, const std::string& form = "f") {
  return validate_members(forms::parse_json(json).members, text, form);
}

// One error: its message without the context, which every message starts with.
std::string error_of(const std::string& json, const std::string& text = kForm) {
  Result r = validate(json, text);
  BOOST_TEST_REQUIRE(r.diags.error_count() == 1u, dsl::render(r.diags));
  std::string message = r.diags.all().at(0).message;
  BOOST_TEST_REQUIRE(message.rfind(kContext, 0) == 0u, message);
  return message.substr(std::string(kContext).size());
}

RawValue cell(const std::string& text) {
  RawValue v;
  v.kind = text.empty() ? RawValue::Kind::null : RawValue::Kind::cell;  // an empty cell arrives as null
  v.text = text;
  return v;
}

RawMember member(const std::string& name, RawValue value) { return {forms::RawKey{name, {}}, std::move(value)}; }

// A valid submission with every input field filled in.
const char* kFull = R"({"families": 12, "positive": 5, "by_risk": {"low": 5, "medium": 4, "high": 3}, "amount": 2.5,
  "share": 0.6, "active": true, "note": "ok", "opened": "2021-03-01", "level": "high", "terminated": 0})";

}  // namespace

BOOST_AUTO_TEST_SUITE(validation)

BOOST_AUTO_TEST_CASE(a_full_submission_is_accepted_with_its_calculated_fields) {
  Result r = validate(kFull);
  BOOST_REQUIRE(r.valid);
  BOOST_TEST(r.messages.empty());
  BOOST_TEST(r.valid->values.size() == 13u);
  BOOST_TEST(r["families"].as<double>() == 12);
  BOOST_TEST(forms::to_text(r["by_risk"]) == "low 5, medium 4, high 3");
  BOOST_TEST(r["share"].as<double>() == 0.6);
  BOOST_TEST(r["active"].as<bool>());
  BOOST_TEST(r["note"].as<std::string>() == "ok");
  BOOST_TEST(r["opened"].as<dsl::Date>().iso() == "2021-03-01");
  BOOST_TEST(r["level"].as<forms::Category>().name() == "high");
  BOOST_TEST(r["total"].as<double>() == 17);  // families + positive
  BOOST_TEST(r["both"].as<double>() == 18);   // total + 1: declared before total, computed after it
  BOOST_TEST(r["reason"].is_null());
  BOOST_TEST(r.valid->warnings.empty());
}

BOOST_AUTO_TEST_CASE(empty_values_say_so_and_formulas_over_them_are_empty) {
  Result r = validate(R"({"families": 3, "positive": null, "note": "", "amount": "  "})");
  BOOST_REQUIRE(r.valid);
  BOOST_TEST(r["positive"].is_null());
  BOOST_TEST(r["note"].is_null());    // an empty string is an empty value
  BOOST_TEST(r["amount"].is_null());
  BOOST_TEST(r["by_risk"].is_null());
  BOOST_TEST(r["total"].is_null());   // families + empty
  BOOST_TEST(r["both"].is_null());
  BOOST_TEST((r["total"].as<forms::Null>().reason == NoValue::empty));
}

BOOST_AUTO_TEST_CASE(messages_name_the_submission_and_the_field_with_its_label) {
  Result r = validate(R"({"families": -3})");
  BOOST_REQUIRE(r.messages.size() == 1u);
  BOOST_TEST(r.messages[0] == "f, org01, 2021Q1: field 'families' («Семьи»): -3 is less than 0");
}

BOOST_AUTO_TEST_CASE(wrong_types_are_refused) {
  BOOST_TEST(error_of(R"({"families": "12"})") == "field 'families' («Семьи»): expected a whole number, got the text \"12\"");
  BOOST_TEST(error_of(R"({"families": 12.5})") == "field 'families' («Семьи»): 12.5 is not a whole number");
  BOOST_TEST(error_of(R"({"families": true})") == "field 'families' («Семьи»): expected a whole number, got true");
  BOOST_TEST(error_of(R"({"families": [1]})") == "field 'families' («Семьи»): expected a whole number, got a list");
  BOOST_TEST(error_of(R"({"families": 9007199254740993})") == "field 'families' («Семьи»): 9007199254740993 is too large: a whole number is at most 9007199254740991 (2^53 - 1)");
  BOOST_TEST(error_of(R"({"families": 1, "amount": "2.5"})") == "field 'amount': expected a number, got the text \"2.5\"");
  BOOST_TEST(error_of(R"({"families": 1, "amount": 1e999})") == "field 'amount': 1e999 is too large a number");
  BOOST_TEST(error_of(R"({"families": 1, "note": 12})") == "field 'note': expected text, got the number 12");
  BOOST_TEST(error_of(R"({"families": 1, "active": "yes"})") == "field 'active': expected true or false, got the text \"yes\"");
  BOOST_TEST(error_of(R"({"families": 1, "opened": 20210301})") == "field 'opened': expected a date (31.03.2021 or 2021-03-31), got the number 20210301");
  BOOST_TEST(error_of(R"({"families": 1, "opened": "2021-02-30"})") == "field 'opened': \"2021-02-30\" is not a date: there is no day 30 in February 2021: it has 28 days");
  BOOST_TEST(error_of(R"({"families": 1, "opened": "2021-13-01"})") == "field 'opened': \"2021-13-01\" is not a date: there is no month 13 (months are 01 to 12)");
  BOOST_TEST(validate(R"({"families": 1, "opened": "01.03.2021"})")["opened"].as<dsl::Date>().iso() == "2021-03-01");  // day first
  BOOST_TEST(error_of(R"({"families": 1, "opened": "March 1"})") == "field 'opened': \"March 1\" is not a date: write it as 31.03.2021 or 2021-03-31");
  BOOST_TEST(error_of(R"({"families": 1, "level": "hihg"})") == "field 'level': \"hihg\" is not a value of risk (low, medium, high); did you mean 'high'?");
  BOOST_TEST(error_of(R"({"families": 1, "level": 2})") == "field 'level': expected a value of risk (low, medium, high), got the number 2");
  BOOST_TEST(error_of(R"({"families": 1, "share": 1.5})") == "field 'share': 1.5 would be 150%: write a percent as \"60%\" or as the share 0.6");
  BOOST_TEST(error_of(R"({"families": 1, "share": "150%"})") == "field 'share': 150% is over 100%: a share cannot be larger than the whole");
  BOOST_TEST(error_of(R"({"families": 1, "share": "0.6"})") == "field 'share': expected a percent (\"60%\" or the share 0.6), got the text \"0.6\"");
  BOOST_TEST(error_of(R"({"families": 1, "share": "много%"})") == "field 'share': \"много%\" is not a percent (\"60%\" or the share 0.6)");
}

BOOST_AUTO_TEST_CASE(percents_are_shares) {
  BOOST_TEST(validate(R"({"families": 1, "share": 0.25})")["share"].as<double>() == 0.25);
  BOOST_TEST(validate(R"({"families": 1, "share": "60%"})")["share"].as<double>() == 0.6);
  BOOST_TEST(validate(R"({"families": 1, "share": "12.5 %"})")["share"].as<double>() == 0.125);
}

BOOST_AUTO_TEST_CASE(bounds_of_every_kind) {
  BOOST_TEST(error_of(R"({"families": 1, "share": "95%"})") == "field 'share': 95% is more than 90%");
  BOOST_TEST(error_of(R"({"families": 1, "opened": "2019-12-31"})") == "field 'opened': 2019-12-31 is earlier than 2020-01-01");
  BOOST_TEST(error_of(R"({"families": 0, "by_risk": {"low": 0, "medium": -1, "high": 1}})") == "field 'by_risk' («По рискам»), category 'medium': -1 is less than 0");
  std::string strict = kHeader + "form f \"F\" { period quarter by organization\n field x int > 0 < 10\n field d date > 2020-01-01 < 2021-01-01 }\n";
  BOOST_TEST(error_of(R"({"x": 0})", strict) == "field 'x': 0 is not more than 0");
  BOOST_TEST(error_of(R"({"x": 10})", strict) == "field 'x': 10 is not less than 10");
  BOOST_TEST(error_of(R"({"d": "2020-01-01"})", strict) == "field 'd': 2020-01-01 is not later than 2020-01-01");
  BOOST_TEST(error_of(R"({"d": "2021-01-01"})", strict) == "field 'd': 2021-01-01 is not earlier than 2021-01-01");
  BOOST_TEST(validate(R"({"x": 9, "d": "2020-12-31"})", strict).valid.has_value());
  BOOST_TEST(validate(R"({"families": 0, "share": "90%", "opened": "2020-01-01"})").valid.has_value());
}

BOOST_AUTO_TEST_CASE(breakdowns_give_every_category) {
  BOOST_TEST(error_of(R"({"families": 8, "by_risk": {"low": 5, "medium": 3}})") == "field 'by_risk' («По рискам»): category 'high' is missing: give 0 if there are none");
  BOOST_TEST(error_of(R"({"families": 8, "by_risk": {"low": 8}})") == "field 'by_risk' («По рискам»): categories 'medium' and 'high' are missing: give 0 where there are none");
  BOOST_TEST(error_of(R"({"families": 8, "by_risk": {"low": 5, "medium": 3, "high": null}})") == "field 'by_risk' («По рискам»): category 'high' is missing: give 0 if there are none");
  BOOST_TEST(error_of(R"({"families": 8, "by_risk": {"low": 5, "medium": 3, "hihg": 0}})") == "field 'by_risk' («По рискам»): 'hihg' is not a category of risk (low, medium, high); did you mean 'high'?");
  BOOST_TEST(error_of(R"({"families": 8, "by_risk": {"low": 5, "medium": 2.5, "high": 0}})") == "field 'by_risk' («По рискам»), category 'medium': 2.5 is not a whole number");
  BOOST_TEST(error_of(R"({"families": 8, "by_risk": 8})") == "field 'by_risk' («По рискам»): expected an object with a number for each category of risk (low, medium, high), got the number 8");
  // Nothing filled in is an empty breakdown; a category may be named by its label.
  BOOST_TEST(validate(R"({"families": 8, "by_risk": {}})")["by_risk"].is_null());
  BOOST_TEST(validate(R"({"families": 8, "by_risk": {"low": null, "medium": null, "high": null}})")["by_risk"].is_null());
  BOOST_TEST(forms::to_text(validate(R"({"families": 8, "by_risk": {"high": 0, "низкий": 5, "medium": 3}})")["by_risk"]) == "low 5, medium 3, high 0");
}

BOOST_AUTO_TEST_CASE(unknown_duplicate_and_calculated_fields_are_refused) {
  BOOST_TEST(error_of(R"({"famlies": 1, "families": 1})") == "form 'f' has no field 'famlies'; did you mean 'families'?");
  BOOST_TEST(error_of(R"({"families": 1, "xyz": 1})") == "form 'f' has no field 'xyz'");
  BOOST_TEST(error_of(R"({"families": 1, "total": 3})") == "field 'total' («Всего») is calculated (= families + positive); leave it out");
  Result r = validate_members({member("families", cell("1")), member("families", cell("2"))});
  std::vector<std::string> expected{"f, org01, 2021Q1: field 'families' («Семьи») is given twice", "note: the first one is here"};
  BOOST_TEST(r.messages == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(required_fields) {
  BOOST_TEST(error_of(R"({"positive": 1})") == "field 'families' («Семьи») is required, but it is not given");
  BOOST_TEST(error_of(R"({"families": null})") == "field 'families' («Семьи») is required, but it is empty");
  BOOST_TEST(error_of(R"({"families": ""})") == "field 'families' («Семьи») is required, but it is empty");
  // A value that could not be read is reported once, not again as missing.
  BOOST_TEST(error_of(R"({"families": "x"})") == "field 'families' («Семьи»): expected a whole number, got the text \"x\"");
}

BOOST_AUTO_TEST_CASE(when_decides_whether_a_field_may_and_must_be_given) {
  BOOST_TEST(error_of(R"({"families": 1, "terminated": 0, "reason": "переезд"})") ==
             "field 'reason' («Причина») is relevant only when `terminated > 0` (here terminated is 0): leave it empty");
  // when true: required applies
  BOOST_TEST(error_of(R"({"families": 1, "terminated": 2})") == "field 'reason' («Причина») is required, but it is not given");
  BOOST_TEST(validate(R"({"families": 1, "terminated": 2, "reason": "переезд"})")["reason"].as<std::string>() == "переезд");
  // when false: required does not apply; when unknown (terminated empty): neither rule does
  BOOST_TEST(validate(R"({"families": 1, "terminated": 0})").valid.has_value());
  BOOST_TEST(validate(R"({"families": 1})").valid.has_value());
  BOOST_TEST(validate(R"({"families": 1, "reason": "переезд"})").valid.has_value());
}

BOOST_AUTO_TEST_CASE(a_when_false_empties_a_calculated_field) {
  std::string text = kHeader + "form f \"F\" { period quarter by organization\n field a int\n field b int = a * 2 when a > 1 }\n";
  BOOST_TEST(validate(R"({"a": 1})", text)["b"].is_null());
  BOOST_TEST(validate(R"({"a": 2})", text)["b"].as<double>() == 4);
}

BOOST_AUTO_TEST_CASE(a_failed_check_quotes_the_values) {
  Result r = validate(R"({"families": 8, "positive": 9, "by_risk": {"low": 5, "medium": 2, "high": 0}, "share": "12.5%"})");
  std::vector<std::string> expected{
      "f, org01, 2021Q1: разбивка low 5, medium 2, high 0 не сходится с итогом 8", "note: the check is declared here",
      "f, org01, 2021Q1: 9 больше, чем 8", "note: the check is declared here"};
  BOOST_TEST(r.messages == expected, boost::test_tools::per_element());
  BOOST_TEST(!r.valid);
}

// The checker does not let a message quote one category yet; validation is ready for it.
BOOST_AUTO_TEST_CASE(a_message_may_quote_one_category_of_a_breakdown) {
  const auto& m = *model().result.model;
  forms::Form form = *m.form("f");
  form.checks[0].message = "{by_risk[high]} высокого риска, {by_risk[nothing]}, {nothing}, {open";
  dsl::Diagnostics diags;
  auto members = forms::parse_json(R"({"families": 9, "by_risk": {"low": 1, "medium": 2, "high": 3}})").members;
  BOOST_TEST(!forms::validate_values(form, members, test::enum_table(m), nullptr, "", diags));
  BOOST_TEST(diags.all().at(0).message == "3 высокого риска, {by_risk[nothing]}, {nothing}, {open");
}

// Plans are cached by the form's address: a new form at the same place gets its own plan.
BOOST_AUTO_TEST_CASE(a_form_that_replaces_another_gets_its_own_plan) {
  const auto& m = *model().result.model;
  auto enums = test::enum_table(m);
  for (int round = 0; round < 3; ++round) {
    auto form = std::make_unique<forms::Form>(*m.form("f"));
    if (round == 1) form->fields.erase(form->fields.begin() + 3);  // drop 'amount'
    dsl::Diagnostics diags;
    auto valid = forms::validate_values(*form, forms::parse_json(R"({"families": 1, "amount": 2})").members, enums, nullptr, "", diags);
    BOOST_TEST(valid.has_value() == (round != 1), round);
    if (round == 1) BOOST_TEST(diags.all().at(0).message == "form 'f' has no field 'amount'");
  }
}

BOOST_AUTO_TEST_CASE(a_check_over_an_empty_value_is_skipped) {
  Result r = validate(R"({"families": 8, "positive": null})");  // sum(by_risk) and positive are empty
  BOOST_TEST(r.valid.has_value());
  BOOST_TEST(r.messages.empty());
}

BOOST_AUTO_TEST_CASE(checks_run_only_when_the_values_passed) {
  // positive > families would fail a check, but a value was refused: the check is not run.
  Result r = validate(R"({"families": 8, "positive": 9, "amount": "x"})");
  BOOST_TEST(r.messages.size() == 1u);
  BOOST_TEST(r.diags.error_count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_warning_check_is_kept_with_the_submission) {
  Result r = validate(R"({"families": 120, "share": "40%"})");
  BOOST_REQUIRE(r.valid);
  std::vector<std::string> warnings{"много семей: 120 (доля 40%)"};
  BOOST_TEST(r.valid->warnings == warnings, boost::test_tools::per_element());
  BOOST_REQUIRE(r.diags.all().size() == 1u);
  BOOST_TEST((r.diags.all()[0].severity == dsl::Severity::warning));
  std::vector<std::string> expected{"f, org01, 2021Q1: много семей: 120 (доля 40%)", "note: the check is declared here"};
  BOOST_TEST(r.messages == expected, boost::test_tools::per_element());
  BOOST_TEST(r.diags.all()[0].notes[0].span.known());
  BOOST_TEST(!r.diags.has_errors());
}

const std::string kLuaForm = kHeader + R"(form f "F" {
  period quarter
  by organization
  field a int
  field b int = plus1(a)
  field c int
  check plus1(a) > 0 "a is too small"
  check c == null or broken(c) "c is wrong"
}
)";

BOOST_AUTO_TEST_CASE(functions_in_formulas_and_checks) {
  Result ok = validate(R"({"a": 4})", kLuaForm);
  BOOST_TEST(ok["b"].as<double>() == 5);
  BOOST_TEST(error_of(R"({"a": -4})", kLuaForm) == "a is too small");
  Result r = validate(R"({"a": 4, "c": 1})", kLuaForm);
  std::vector<std::string> expected{"f, org01, 2021Q1: check could not be evaluated: t.mera:8: attempt to index a number value (local 'x')",
                                    "note: the check is declared here"};
  BOOST_TEST(r.messages == expected, boost::test_tools::per_element());
  BOOST_TEST(!r.valid);
}

BOOST_AUTO_TEST_CASE(a_failed_formula_is_an_error) {
  std::string text = kHeader + "form f \"F\" { period quarter by organization\n field a int\n field b int = broken(a) }\n";
  Result r = validate(R"({"a": 1})", text);
  std::vector<std::string> expected{"f, org01, 2021Q1: field 'b' could not be calculated: t.mera:8: attempt to index a number value (local 'x')",
                                    "note: the formula is here"};
  BOOST_TEST(r.messages == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_cells_are_read_as_the_field_type) {
  RawValue breakdown;
  breakdown.kind = RawValue::Kind::object;
  breakdown.members = {member("low", cell("5")), member("medium", cell(" 4 ")), member("high", cell("3"))};
  Result r = validate_members({member("families", cell(" 12 ")), member("positive", cell("")), member("by_risk", breakdown),
                               member("amount", cell("2,5")), member("share", cell("60 %")), member("active", cell("Да")),
                               member("note", cell(" текст ")), member("opened", cell("2021-03-01")),
                               member("level", cell("высокий")), member("terminated", cell("0"))});
  BOOST_REQUIRE_MESSAGE(r.valid, dsl::render(r.diags));
  BOOST_TEST(r["families"].as<double>() == 12);
  BOOST_TEST(r["positive"].is_null());
  BOOST_TEST(forms::to_text(r["by_risk"]) == "low 5, medium 4, high 3");
  BOOST_TEST(r["amount"].as<double>() == 2.5);
  BOOST_TEST(r["share"].as<double>() == 0.6);
  BOOST_TEST(r["active"].as<bool>());
  BOOST_TEST(r["note"].as<std::string>() == "текст");
  BOOST_TEST(r["level"].as<forms::Category>().name() == "high");
}

BOOST_AUTO_TEST_CASE(csv_yes_and_no) {
  for (const char* yes : {"true", "TRUE", "Yes", "да", "ДА", "1"})
    BOOST_TEST(validate_members({member("families", cell("1")), member("active", cell(yes))})["active"].as<bool>(), yes);
  for (const char* no : {"false", "False", "NO", "нет", "Нет", "0"})
    BOOST_TEST(!validate_members({member("families", cell("1")), member("active", cell(no))})["active"].as<bool>(), no);
}

BOOST_AUTO_TEST_CASE(csv_cells_that_do_not_read) {
  auto error = [](const std::string& field, const std::string& text) {
    Result r = validate_members({member("families", cell("1")), member(field, cell(text))});
    BOOST_REQUIRE(r.messages.size() == 1u);
    return r.messages[0].substr(std::string(kContext).size());
  };
  BOOST_TEST(error("positive", "12.5") == "field 'positive': 12.5 is not a whole number");
  BOOST_TEST(error("positive", "12,5") == "field 'positive': 12,5 is not a whole number");
  BOOST_TEST(error("positive", "двенадцать") == "field 'positive': \"двенадцать\" is not a whole number");
  BOOST_TEST(error("amount", "12 34") == "field 'amount': \"12 34\": a space inside a number only parts its thousands, in groups of "
                                        "three digits (7 500, 1 234 567,5); write the number without spaces or with them between the thousands");
  BOOST_TEST(error("positive", "1,234") == "field 'positive': 1,234 is not a whole number: a comma is the decimal mark, and thousands are "
                                           "written without a mark or parted by a space (1234 or 1 234)");
  BOOST_TEST(validate_members({member("families", cell("1")), member("amount", cell("7 500,50"))})["amount"].as<double>() == 7500.5);
  BOOST_TEST(error("amount", "nan") == "field 'amount': \"nan\" is not a number");
  BOOST_TEST(error("share", "60") == "field 'share': 60 would be 6000%: write a percent as \"60%\" or as the share 0.6");
  BOOST_TEST(error("active", "maybe") == "field 'active': \"maybe\" is not true or false (write true/false, yes/no, да/нет or 1/0)");
  BOOST_TEST(error("opened", "1/3/2021") == "field 'opened': \"1/3/2021\" is not a date mera reads for sure: with slashes the day may "
                                           "come first or the month; write it as 31.03.2021 (the day first) or 2021-03-31");
  BOOST_TEST(error("level", "очень") == "field 'level': \"очень\" is not a value of risk (low, medium, high)");
  BOOST_TEST(validate_members({member("families", cell("1")), member("share", cell("0,6"))})["share"].as<double>() == 0.6);
  BOOST_TEST(validate_members({member("families", cell("+7")), member("amount", cell("-1e3"))})["amount"].as<double>() == -1000);
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_at_once) {
  Result r = validate(R"({"families": -1, "positive": "x", "famlies": 2, "total": 1, "opened": "2021-02-29"})");
  BOOST_TEST(r.diags.error_count() == 5u, dsl::render(r.diags));
}

// ---- the stored form ----------------------------------------------------------------------

// Same kind, same contents (doubles compared exactly).
bool same(const Value& a, const Value& b) {
  if (a.data().index() != b.data().index()) return false;
  if (const double* x = a.get<double>()) return *x == b.as<double>();
  if (const auto* x = a.get<forms::Breakdown>()) return x->enumeration == b.as<forms::Breakdown>().enumeration && x->counts == b.as<forms::Breakdown>().counts;
  if (const auto* x = a.get<forms::Category>()) return x->enumeration == b.as<forms::Category>().enumeration && x->index == b.as<forms::Category>().index;
  return forms::to_text(a) == forms::to_text(b);
}

void round_trip(const forms::Form& form, const std::vector<Value>& values) {
  const auto& m = *model().result.model;
  std::string json = forms::values_to_json(form, values);
  std::vector<Value> back = forms::values_from_json(form, test::enum_table(m), json);
  BOOST_REQUIRE(back.size() == form.fields.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    BOOST_TEST(same(values[i], back[i]), form.fields[i].name << ": " << forms::to_text(values[i]) << " read back as " << forms::to_text(back[i]) << " from " << json);
}

BOOST_AUTO_TEST_CASE(stored_json_of_every_type) {
  Result r = validate(kFull);
  BOOST_REQUIRE(r.valid);
  BOOST_TEST(forms::values_to_json(*r.form, r.valid->values) ==
             R"({"families":12,"positive":5,"by_risk":{"low":5,"medium":4,"high":3},"amount":2.5,"share":0.6,"active":true,)"
             R"("note":"ok","opened":"2021-03-01","level":"high","both":18,"total":17,"terminated":0})");
  round_trip(*r.form, r.valid->values);
}

BOOST_AUTO_TEST_CASE(stored_json_numbers_and_text_read_back_exactly) {
  const forms::Form& form = *model().result.model->form("f");
  std::vector<Value> values(form.fields.size(), Value::none(NoValue::empty));
  values[0] = Value(9007199254740991.0);
  values[3] = Value(1.0 / 3);
  values[4] = Value(0.07);
  values[5] = Value(false);
  values[6] = Value(std::string("«кавычки» \"q\" \\ \n\t\x01 end"));
  values[10] = Value(-0.0);
  BOOST_TEST(forms::values_to_json(form, values) ==
             R"({"families":9007199254740991,"amount":0.3333333333333333,"share":0.07,"active":false,)"
             R"("note":"«кавычки» \"q\" \\ \u000a\u0009\u0001 end","total":0})");
  round_trip(form, values);
  for (double d : {0.1, 1e-7, 1e20, -2.5, 123456.789, 1e300, 5e-324}) {
    values[3] = Value(d);
    round_trip(form, values);
  }
  BOOST_TEST(forms::values_to_json(form, std::vector<Value>(form.fields.size())) == "{}");
}

BOOST_AUTO_TEST_CASE(stored_json_that_does_not_fit_the_form_is_refused) {
  const auto& m = *model().result.model;
  const forms::Form& form = *m.form("f");
  auto enums = test::enum_table(m);
  auto message = [&](const std::string& json) {
    try {
      forms::values_from_json(form, enums, json);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(message("[1]") == "stored values of form 'f' are not a JSON object");
  BOOST_TEST(message(R"({"families":1,"gone":2})") == "stored values name a field 'gone' that form 'f' does not have");
  BOOST_TEST(message(R"({"families":"x"})") == "stored value of field 'families' of form 'f': expected a whole number, got the text \"x\"");
  BOOST_TEST(message(R"({"by_risk":{"low":1}})") == "stored value of field 'by_risk' of form 'f': categories 'medium' and 'high' are missing: give 0 where there are none");
  BOOST_TEST(message("{") != "no error");
  // A calculated percent may exceed 100%: what was stored reads back.
  BOOST_TEST(forms::values_from_json(form, enums, R"({"share":1.5})")[4].as<double>() == 1.5);
}

// ---- positions ------------------------------------------------------------------------------

// Through the reader of submission files, so that the caret can be shown.
std::string validate_file(const std::string& name, const std::string& text) {
  const auto& m = *model().result.model;
  auto file = std::make_shared<dsl::SourceFile>(name, text);
  dsl::Diagnostics diags;
  forms::read_submissions(*file, diags, [&](forms::SubmissionInput&& input) {
    forms::validate_values(*m.form("f"), input.values, test::enum_table(m), &kFunctions, kContext, diags, input.span);
  });
  return dsl::render(diags);
}

BOOST_AUTO_TEST_CASE(messages_point_at_the_value) {
  BOOST_TEST(validate_file("s.json", R"({"form": "f", "unit": "org01", "values": {"families": -3, "famlies": 1}})" "\n") ==
             "s.json:1:55: error: f, org01, 2021Q1: field 'families' («Семьи»): -3 is less than 0\n"
             "  {\"form\": \"f\", \"unit\": \"org01\", \"values\": {\"families\": -3, \"famlies\": 1}}\n"
             "                                                        ^~\n"
             "s.json:1:59: error: f, org01, 2021Q1: form 'f' has no field 'famlies'; did you mean 'families'?\n"
             "  {\"form\": \"f\", \"unit\": \"org01\", \"values\": {\"families\": -3, \"famlies\": 1}}\n"
             "                                                            ^~~~~~~~~\n");
}

BOOST_AUTO_TEST_CASE(a_missing_required_field_points_at_the_submission) {
  std::string out = validate_file("s.json", "[\n  {\"form\": \"f\", \"unit\": \"org01\", \"values\": {\"positive\": 1}}\n]\n");
  BOOST_TEST(out.rfind("s.json:2:3: error: f, org01, 2021Q1: field 'families' («Семьи») is required, but it is not given\n", 0) == 0u, out);
}

BOOST_AUTO_TEST_CASE(a_failed_check_points_at_its_first_value) {
  std::string out = validate_file("s.csv", "form,unit,period,positive,families\nf,org01,2021Q1,9,8\n");
  BOOST_TEST(out.rfind("s.csv:2:16: error: f, org01, 2021Q1: 9 больше, чем 8\n", 0) == 0u, out);
  BOOST_TEST(out.find("t.mera:27:3: note: the check is declared here") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(a_csv_row_with_a_breakdown) {
  std::string out = validate_file("s.csv", "form,unit,period,families,by_risk[low],by_risk[medium],by_risk[high]\n"
                                           "f,org01,2021Q1,8,5,3,0\n"
                                           "f,org01,2021Q2,8,5,,\n"
                                           "f,org01,2021Q3,8,,,\n");
  BOOST_TEST(out == "s.csv:3:18: error: f, org01, 2021Q1: field 'by_risk' («По рискам»): categories 'medium' and 'high' are missing: give 0 where there are none\n"
                    "  f,org01,2021Q2,8,5,,\n"
                    "                   ^~~\n");
}

BOOST_AUTO_TEST_CASE(the_tomsk_blood_families_form) {
  auto loaded = rules::load_model(std::string(MERA_SOURCE_DIR) + "/examples/tomsk", engine::LuaSandbox());
  BOOST_REQUIRE_MESSAGE(loaded.model, dsl::render(loaded.diags));
  const auto& m = *loaded.model;
  auto enums = test::enum_table(m);
  std::string json = R"({"families": 40, "children": 75, "by_risk": {"low": 20, "medium": 15, "high": 5},
    "new_families": 10, "new_children": 18, "closed": 8, "closed_children": 15, "on_support": 32,
    "children_on_support": 60, "positive": 25, "negative": 3, "reopened": 1, "long_work": 4})";
  dsl::Diagnostics diags;
  auto valid = forms::validate_values(*m.form("blood_families"), forms::parse_json(json).members, enums, nullptr,
                                      "blood_families, org01, 2021Q1: ", diags);
  BOOST_TEST_REQUIRE(valid.has_value(), dsl::render(diags));
  BOOST_TEST(diags.all().empty());
  BOOST_TEST(forms::values_to_json(*m.form("blood_families"), valid->values) ==
             R"({"families":40,"children":75,"by_risk":{"low":20,"medium":15,"high":5},"new_families":10,"new_children":18,)"
             R"("closed":8,"closed_children":15,"on_support":32,"children_on_support":60,"positive":25,"negative":3,)"
             R"("reopened":1,"long_work":4})");
  // The same report with a negative count and a breakdown that does not add up.
  std::string bad = R"({"families": -3, "children": 75})";
  dsl::Diagnostics bad_diags;
  BOOST_TEST(!forms::validate_values(*m.form("blood_families"), forms::parse_json(bad).members, enums, nullptr,
                                     "blood_families, org01, 2021Q1: ", bad_diags));
  BOOST_TEST(bad_diags.all().at(0).message ==
             "blood_families, org01, 2021Q1: field 'families' («Обслужено семей за период»): -3 is less than 0");
  std::string off = R"({"families": 40, "children": 75, "by_risk": {"low": 20, "medium": 15, "high": 4}, "closed": 8, "on_support": 32})";
  dsl::Diagnostics off_diags;
  BOOST_TEST(!forms::validate_values(*m.form("blood_families"), forms::parse_json(off).members, enums, nullptr,
                                     "blood_families, org01, 2021Q1: ", off_diags));
  BOOST_TEST(off_diags.all().at(0).message ==
             "blood_families, org01, 2021Q1: сумма по уровням риска не равна числу обслуженных семей (40)");
}

// Validation caches what it works out about a form by the form's address; a form that later
// lives at the same address (a model reloaded) is told apart by its serial, which no other Form
// object ever has, not even a copy.
BOOST_AUTO_TEST_CASE(every_form_object_has_its_own_serial) {
  mera::forms::Form a;
  mera::forms::Form b = a;
  mera::forms::Form c;
  c = a;
  BOOST_TEST(a.serial.value() != b.serial.value());
  BOOST_TEST(a.serial.value() != c.serial.value());
  BOOST_TEST(b.serial.value() != c.serial.value());
}

// The failure the serial prevents: a form freed and another built at the very same address,
// with the same name and its fields in the same buffer (what the allocator does when a model is
// reloaded; done here on purpose by handing the buffer on) must not get the first one's plan.
BOOST_AUTO_TEST_CASE(a_form_at_the_address_of_a_freed_one_gets_its_own_plan) {
  alignas(mera::forms::Form) unsigned char place[sizeof(mera::forms::Form)];
  std::vector<mera::forms::Field> fields(1);
  fields[0].type = mera::forms::Type{mera::forms::Type::Kind::number, nullptr, true};
  auto build = [&](const char* field) {
    auto* form = new (place) mera::forms::Form;
    form->name = "visits";
    fields[0].name = field;
    form->fields = std::move(fields);
    return form;
  };
  mera::forms::EnumTable enums;
  auto* first = build("families");
  BOOST_TEST(mera::forms::values_from_json(*first, enums, R"({"families":1})")[0].as<double>() == 1.0);
  fields = std::move(first->fields);
  first->~Form();
  auto* second = build("kids");
  BOOST_TEST(mera::forms::values_from_json(*second, enums, R"({"kids":2})")[0].as<double>() == 2.0);
  second->~Form();
}

// A column headed by its field's label, as a person heads it (issue 17): a name always means its
// own field; a label is read only when no field has that name, and refused when two fields bear it.
BOOST_AUTO_TEST_CASE(a_field_by_its_label) {
  Result r = validate(R"({"Семьи": 12, "По рискам": {"низкий": 12, "medium": 0, "high": 0}})");
  BOOST_TEST(r["families"].as<double>() == 12.0);
  BOOST_TEST(r["by_risk"].is<forms::Breakdown>());
  std::string labels = kHeader + "form f \"F\" { period quarter by organization\n field a int \"Дети\"\n field b int \"Дети\"\n field c int \"a\" }\n";
  Result named = validate(R"({"a": 1, "b": 2})", labels);
  BOOST_TEST(named["a"].as<double>() == 1.0);  // "a" is a's name before it is c's label
  BOOST_TEST(named["c"].is_null());
  BOOST_TEST(error_of(R"({"Дети": 1})", labels) == "«Дети» is the label of more than one field of form 'f' (a, b): name the column by "
                                                   "the field's name instead");
  BOOST_TEST(error_of(R"({"families": 1, "Семя": 1})") == "form 'f' has no field 'Семя'; did you mean 'Семьи'?");
}

BOOST_AUTO_TEST_SUITE_END()
