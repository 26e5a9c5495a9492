// Reading submission files: JSON (one object, an array, JSON lines) and CSV, with positions.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>
#include <stdexcept>
#include <tao/pegtl/contrib/analyze.hpp>

#include "../../forms/src/json_grammar.hpp"
#include "mera/forms/read.hpp"

using namespace mera;
using forms::RawValue;
using forms::SubmissionInput;
using Kind = RawValue::Kind;

namespace {

struct Read {
  std::shared_ptr<dsl::SourceFile> file;
  dsl::Diagnostics diags;
  std::vector<SubmissionInput> subs;
  std::size_t count = 0;

  std::string rendered() const { return dsl::render(diags); }
  // "line:column" of a span's first byte.
  std::string at(const dsl::Span& s) const {
    return std::to_string(file->line_of(s.begin)) + ":" + std::to_string(file->column_of(s.begin));
  }
  std::string_view bytes(const dsl::Span& s) const { return std::string_view(file->text()).substr(s.begin, s.end - s.begin); }
};

Read read(const std::string& name, const std::string& text) {
  Read r;
  r.file = std::make_shared<dsl::SourceFile>(name, text);
  r.count = forms::read_submissions(*r.file, r.diags, [&](SubmissionInput&& s) { r.subs.push_back(std::move(s)); });
  return r;
}

// The diagnostics of reading `text`, rendered.
std::string errors(const std::string& name, const std::string& text) { return read(name, text).rendered(); }

const RawValue& value(const SubmissionInput& s, const std::string& name) {
  for (const auto& [key, v] : s.values)
    if (key.name == name) return v;
  throw std::runtime_error("no value " + name);
}

const RawValue& member(const RawValue& object, const std::string& name) {
  for (const auto& [key, v] : object.members)
    if (key.name == name) return v;
  throw std::runtime_error("no member " + name);
}

const std::string kOne =
    R"({"form": "blood_families", "unit": "org01", "period": "2021Q1", "values": {"families": 12, )"
    R"("by_risk": {"low": 5, "medium": 4, "high": 3}, "termination_reasons": "переезд"}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(read_json)

// PEGTL's analysis finds rules that could loop without consuming input.
BOOST_AUTO_TEST_CASE(grammar_has_no_infinite_loops) {
  namespace json = mera::forms::json;
  BOOST_TEST(tao::pegtl::analyze<json::array_file>() == 0u);
  BOOST_TEST(tao::pegtl::analyze<json::stream_file>() == 0u);
  BOOST_TEST(tao::pegtl::analyze<json::json_line>() == 0u);
  BOOST_TEST(tao::pegtl::analyze<json::json_text>() == 0u);
}

BOOST_AUTO_TEST_CASE(one_object) {
  auto r = read("s.json", kOne);
  BOOST_TEST(r.rendered() == "");
  BOOST_TEST(r.count == 1u);
  BOOST_REQUIRE(r.subs.size() == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(s.position == "");
  BOOST_TEST(s.form.first.name == "form");
  BOOST_TEST(s.form.second.text == "blood_families");
  BOOST_TEST((s.form.second.kind == Kind::string));
  BOOST_TEST(s.unit.second.text == "org01");
  BOOST_TEST(s.period.second.text == "2021Q1");
  BOOST_TEST(s.record.first.name == "");  // absent
  BOOST_TEST(s.correction.first.name == "");
  BOOST_REQUIRE(s.values.size() == 3u);
  BOOST_TEST(s.values[0].first.name == "families");
  BOOST_TEST((value(s, "families").kind == Kind::number));
  BOOST_TEST(value(s, "families").text == "12");
  const RawValue& by_risk = value(s, "by_risk");
  BOOST_TEST((by_risk.kind == Kind::object));
  BOOST_REQUIRE(by_risk.members.size() == 3u);
  BOOST_TEST(by_risk.members[0].first.name == "low");
  BOOST_TEST(by_risk.members[2].first.name == "high");
  BOOST_TEST(member(by_risk, "medium").text == "4");
  BOOST_TEST(value(s, "termination_reasons").text == "переезд");
  BOOST_TEST(s.unknown.empty());
  BOOST_TEST(r.bytes(s.span) == kOne);
  BOOST_TEST(r.bytes(by_risk.span) == R"({"low": 5, "medium": 4, "high": 3})");
  BOOST_TEST(r.bytes(value(s, "termination_reasons").span) == "\"переезд\"");
  BOOST_TEST(r.bytes(s.values[1].first.span) == "\"by_risk\"");
}

BOOST_AUTO_TEST_CASE(array_of_objects_gives_positions) {
  auto r = read("s.json", "[\n  {\"form\": \"a\", \"unit\": \"u1\"},\n  {\"form\": \"b\", \"unit\": \"u2\"}\n]\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 2u);
  BOOST_TEST(r.subs[0].position == "[0]");
  BOOST_TEST(r.subs[1].position == "[1]");
  BOOST_TEST(r.subs[1].form.second.text == "b");
  BOOST_TEST(r.at(r.subs[1].span) == "3:3");
  BOOST_TEST(r.at(r.subs[1].unit.second.span) == "3:25");
  BOOST_TEST(read("s.json", " [ ] ").count == 0u);
}

BOOST_AUTO_TEST_CASE(json_lines_with_blank_lines) {
  auto r = read("s.jsonl", "{\"form\": \"a\", \"unit\": \"u1\"}\n\n   \n{\"form\": \"b\", \"unit\": \"u2\"}\r\n{\"form\": \"c\", \"unit\": \"u3\"}");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 3u);
  BOOST_TEST(r.subs[2].form.second.text == "c");
  BOOST_TEST(r.subs[2].position == "");
  BOOST_TEST(r.at(r.subs[1].form.second.span) == "4:10");
  BOOST_TEST(r.at(r.subs[2].span) == "5:1");
}

// A pretty-printed object, and objects one after another, are one stream of objects.
BOOST_AUTO_TEST_CASE(pretty_printed_objects) {
  auto r = read("s.json", "{\n  \"form\": \"a\",\n  \"unit\": \"u\"\n}\n{\n  \"form\": \"b\"\n}\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 2u);
  BOOST_TEST(r.subs[1].form.second.text == "b");
  BOOST_TEST(r.at(r.subs[1].form.second.span) == "6:11");
}

BOOST_AUTO_TEST_CASE(all_header_members_and_unknown_ones) {
  auto r = read("s.json", R"({"form": "case", "unit": "org01", "record": "F-17", "correction": true,
 "submitted_at": "2021-04-03T10:00:00Z", "period": "2021Q1", "comment": "late", "values": {}, "extra": [1]})");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(s.record.second.text == "F-17");
  BOOST_TEST((s.correction.second.kind == Kind::boolean));
  BOOST_TEST(s.correction.second.boolean);
  BOOST_TEST(s.correction.first.name == "correction");
  BOOST_TEST(s.submitted_at.second.text == "2021-04-03T10:00:00Z");
  BOOST_TEST(s.period.second.text == "2021Q1");
  BOOST_TEST(s.values.empty());
  BOOST_REQUIRE(s.unknown.size() == 2u);
  BOOST_TEST(s.unknown[0].first.name == "comment");
  BOOST_TEST(s.unknown[1].first.name == "extra");
  BOOST_TEST(r.at(s.unknown[1].first.span) == "2:95");
}

BOOST_AUTO_TEST_CASE(every_scalar_kind_and_numbers_as_written) {
  auto r = read("s.json", R"({"form": "f", "unit": "u", "values": {"a": 2.50, "b": -0.5e+3, "c": 0, "d": 1E7,
 "e": null, "f": true, "g": false, "h": "", "i": [1, "x", [], {}]}})");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(value(s, "a").text == "2.50");
  BOOST_TEST(value(s, "b").text == "-0.5e+3");
  BOOST_TEST(value(s, "c").text == "0");
  BOOST_TEST(value(s, "d").text == "1E7");
  BOOST_TEST((value(s, "e").kind == Kind::null));
  BOOST_TEST((value(s, "f").kind == Kind::boolean));
  BOOST_TEST(value(s, "f").boolean);
  BOOST_TEST(!value(s, "g").boolean);
  BOOST_TEST((value(s, "h").kind == Kind::string));
  BOOST_TEST(value(s, "h").text == "");
  const RawValue& i = value(s, "i");
  BOOST_TEST((i.kind == Kind::array));
  BOOST_REQUIRE(i.items.size() == 4u);
  BOOST_TEST(i.items[1].text == "x");
  BOOST_TEST((i.items[3].kind == Kind::object));
  BOOST_TEST(r.bytes(i.span) == R"([1, "x", [], {}])");
  BOOST_TEST(r.bytes(value(s, "b").span) == "-0.5e+3");
  BOOST_TEST(r.at(value(s, "e").span) == "2:7");
}

BOOST_AUTO_TEST_CASE(escapes_surrogate_pairs_and_cyrillic) {
  auto r = read("s.json", R"({"form": "f", "unit": "u", "values": {"a": "q\"b\\s\/ \b\f\n\r\t", "b": "\u00e9\u0416ж",
 "c": "\uD83D\uDE00!", "d": "Томск \u0442"}})");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(value(s, "a").text == "q\"b\\s/ \b\f\n\r\t");
  BOOST_TEST(value(s, "b").text == "éЖж");
  BOOST_TEST(value(s, "c").text == "\xF0\x9F\x98\x80!");  // U+1F600
  BOOST_TEST(value(s, "d").text == "Томск т");
  BOOST_TEST(r.at(value(s, "d").span) == "2:29");
}

BOOST_AUTO_TEST_CASE(a_name_given_twice) {
  auto r = read("s.json", R"({"form": "f", "unit": "u", "values": {"families": 1, "children": 2, "families": 3}})" "\n");
  BOOST_TEST(r.count == 0u);
  BOOST_TEST(r.rendered() ==
             "s.json:1:69: error: 'families' is given twice\n"
             "  {\"form\": \"f\", \"unit\": \"u\", \"values\": {\"families\": 1, \"children\": 2, \"families\": 3}}\n"
             "                                                                      ^~~~~~~~~~\n"
             "s.json:1:39: note: first given here\n"
             "  {\"form\": \"f\", \"unit\": \"u\", \"values\": {\"families\": 1, \"children\": 2, \"families\": 3}}\n"
             "                                        ^~~~~~~~~~\n");
}

// Large objects find names given twice by sorting; every repetition is reported, in file order.
BOOST_AUTO_TEST_CASE(names_given_twice_in_a_large_object) {
  std::string values;
  for (int i = 0; i < 40; ++i) values += "\"f" + std::to_string(i % 30) + "\": " + std::to_string(i) + ", ";
  auto r = read("s.json", "{\"form\": \"f\", \"unit\": \"u\", \"values\": {" + values + "\"z\": 0}}");
  BOOST_TEST(r.count == 0u);
  BOOST_TEST(r.diags.error_count() == 10u);
  BOOST_TEST(r.diags.all()[0].message == "'f0' is given twice");
  BOOST_TEST(r.diags.all()[9].message == "'f9' is given twice");
  BOOST_TEST(r.bytes(r.diags.all()[0].notes[0].span) == "\"f0\"");
}

BOOST_AUTO_TEST_CASE(an_element_that_is_not_an_object) {
  auto r = read("s.json", "[{\"form\": \"a\"}, 12, [\"b\"], {\"form\": \"c\"}]");
  BOOST_TEST(r.count == 2u);
  BOOST_TEST(r.subs[1].position == "[3]");
  BOOST_TEST(r.rendered() ==
             "s.json:1:17: error: element [1] of the array is a number, not a submission object {...}\n"
             "  [{\"form\": \"a\"}, 12, [\"b\"], {\"form\": \"c\"}]\n"
             "                  ^~\n"
             "s.json:1:21: error: element [2] of the array is an array, not a submission object {...}\n"
             "  [{\"form\": \"a\"}, 12, [\"b\"], {\"form\": \"c\"}]\n"
             "                      ^~~~~\n");
}

BOOST_AUTO_TEST_CASE(values_that_are_not_an_object) {
  BOOST_TEST(errors("s.json", R"({"form": "f", "values": [1]})") ==
             "s.json:1:25: error: 'values' is an array, not an object of field names and values {\"field\": value, ...}\n"
             "  {\"form\": \"f\", \"values\": [1]}\n"
             "                          ^~~\n");
}

BOOST_AUTO_TEST_CASE(truncated_files) {
  BOOST_TEST(errors("s.json", "[\n  {\"form\": \"a\", \"values\": {\"x\": 1}},\n") ==
             "s.json:2:37: error: unexpected end of file inside the array of submissions\n"
             "    {\"form\": \"a\", \"values\": {\"x\": 1}},\n"
             "                                      ^\n"
             "s.json:1:1: note: the array of submissions begins here\n"
             "  [\n"
             "  ^\n");
  BOOST_TEST(errors("s.json", "{\"form\": \"a\", \"values\": {\"x\": [1, 2") ==
             "s.json:1:36: error: unexpected end of file inside an array\n"
             "  {\"form\": \"a\", \"values\": {\"x\": [1, 2\n"
             "                                     ^\n"
             "s.json:1:31: note: the array begins here\n"
             "  {\"form\": \"a\", \"values\": {\"x\": [1, 2\n"
             "                                ^\n");
  BOOST_TEST(errors("s.json", "{\"form\": \"a\",\n \"unit\": ") ==
             "s.json:2:9: error: unexpected end of file inside an object\n"
             "   \"unit\": \n"
             "          ^\n"
             "s.json:1:1: note: the object begins here\n"
             "  {\"form\": \"a\",\n"
             "  ^\n");
  BOOST_TEST(errors("s.json", "{\"form\": \"blood") ==
             "s.json:1:10: error: unterminated string: the file ends before its closing '\"'\n"
             "  {\"form\": \"blood\n"
             "           ^~~~~~\n");
}

BOOST_AUTO_TEST_CASE(syntax_errors_say_what_was_expected) {
  auto first = [](const std::string& text) {
    auto r = read("s.json", text);
    BOOST_REQUIRE(!r.diags.all().empty());
    return r.at(r.diags.all()[0].span) + " " + r.diags.all()[0].message;
  };
  BOOST_TEST(first(R"({"form": "a" "unit": "b"})") == "1:14 expected ',' or '}' after a member");
  BOOST_TEST(first(R"([{"form": "a"} {"form": "b"}])") == "1:16 expected ',' or ']' after a submission");
  BOOST_TEST(first(R"({"values": {"a": [1 2]}})") == "1:21 expected ',' or ']' after an element");
  BOOST_TEST(first(R"({"form" "a"})") == "1:9 expected ':' after the member's name");
  BOOST_TEST(first(R"({"form": })") == "1:10 expected a value after ':'");
  BOOST_TEST(first(R"({"form": "a",})") == "1:13 a comma before '}' is not allowed in JSON: remove it");
  BOOST_TEST(first(R"({"values": {"a": [1,]}})") == "1:20 a comma before ']' is not allowed in JSON: remove it");
  BOOST_TEST(first(R"({'form': "a"})") == "1:2 a name is written in double quotes in JSON, not in single quotes");
  BOOST_TEST(first(R"({"form": 'a'})") == "1:10 a string is written in double quotes in JSON, not in single quotes");
  BOOST_TEST(first(R"({form: "a"})") == "1:2 expected a member's name in double quotes, or '}': write \"form\"");
  BOOST_TEST(first(R"({"form": blood})") == "1:10 unknown word 'blood': a string is written in double quotes");
  BOOST_TEST(first(R"({"correction": True})") == "1:16 'True' is written in lower case in JSON: true");
  BOOST_TEST(first(R"({"form": "a"}})") == "1:14 expected another submission object {...} or the end of the file");
  BOOST_TEST(first(R"([{"form": "a"}] x)") == "1:17 unexpected text after the end of the array");
  BOOST_TEST(first("{\"form\": \"a\tb\"}") == "1:12 a control character (U+0009) in a string: write it as \\t");
  BOOST_TEST(first("{\"form\": \"ab\ncd\"}") == "1:10 unterminated string: expected '\"' before the end of the line");
  BOOST_TEST(first(R"({"form": "a\xb"})") ==
             "1:12 unknown escape in a string: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX");
  BOOST_TEST(first("{\"form\": \"a\\") == "1:10 unterminated string: the file ends before its closing '\"'");
  BOOST_TEST(first(R"({"form": "\u12"})") == "1:11 expected four hex digits after \\u");
  BOOST_TEST(first(R"({"form": "\uD83Dx"})") ==
             "1:11 a lone surrogate \\uD83D: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)");
  BOOST_TEST(first(R"({"form": "\uDE00"})") ==
             "1:11 a lone surrogate \\uDE00: a low surrogate must follow a high one (\\uD800-\\uDBFF)");
  BOOST_TEST(first(R"({"values": {"a": 012}})") == "1:19 a number does not begin with 0 in JSON: write 12, not 012");
  BOOST_TEST(first(R"({"values": {"a": 1.}})") == "1:20 expected a digit after the decimal point");
  BOOST_TEST(first(R"({"values": {"a": 1e}})") == "1:20 expected a digit in the exponent");
  BOOST_TEST(first(R"({"values": {"a": -x}})") == "1:19 expected a digit after '-'");
  BOOST_TEST(first(R"(["form"])") == "1:2 element [0] of the array is a string, not a submission object {...}");
  BOOST_TEST(first("hello, world") ==
             "1:1 expected '{' or '[': a JSON submission file holds an object {...}, an array of them, or one object per line");
}

BOOST_AUTO_TEST_CASE(garbage_is_an_error_not_a_crash) {
  auto r = read("s.json", std::string("{\"form\": \0\x01\x02\xff}", 14));
  BOOST_TEST(r.count == 0u);
  BOOST_TEST(r.diags.error_count() == 1u);
  BOOST_TEST(r.diags.all()[0].message == "expected a value after ':'");
  // Every prefix of a good file is either read or reported, never a crash.
  for (std::size_t n = 0; n < kOne.size(); ++n) {
    auto p = read("p.json", kOne.substr(0, n));
    BOOST_TEST(p.count == 0u);
    if (n > 0) BOOST_TEST(p.diags.error_count() == 1u, n);
  }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_an_error_not_a_stack_overflow) {
  std::string brackets(10000, '[');
  BOOST_TEST(errors("deep.json", brackets).find("deep.json:1:66: error: nested too deeply: more than 64 levels of objects and arrays\n") == 0u);
  std::string objects;
  for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
  BOOST_TEST(errors("deep.json", objects).find("deep.json:1:321: error: nested too deeply") == 0u);
  // 64 levels are fine.
  std::string ok = "{\"form\": \"f\", \"values\": {\"a\": " + std::string(62, '[') + std::string(62, ']') + "}}";
  BOOST_TEST(errors("ok.json", ok) == "");
}

// A Windows-1251 line among JSON lines: reported once, with the two ways to fix it; the other lines are read.
BOOST_AUTO_TEST_CASE(text_that_is_not_utf8) {
  std::string cp1251 = "{\"form\": \"f\", \"unit\": \"\xCF\xE5\xF0\xE2\xE0\xFF\"}";  // "Первая"
  auto r = read("s.jsonl", "{\"form\": \"a\"}\n" + cp1251 + "\n{\"form\": \"b\", \"unit\": \"\xD0\xBE\"}\n");
  BOOST_TEST(r.count == 2u);
  BOOST_TEST(r.rendered() ==
             "s.jsonl:2:24: error: the file is not UTF-8 text (byte 0xCF at offset 37): it looks like Windows-1251; submit it "
             "with mera submit --encoding cp1251, or save it as UTF-8 (in Excel: \"CSV UTF-8\")\n"
             "  {\"form\": \"f\", \"unit\": \"\\xcf\\xe5\\xf0\\xe2\\xe0\\xff\"}\n"  // the bytes, not U+FFFD
             "                         ^~~~\n");
  BOOST_TEST(r.subs[1].unit.second.text == "о");
  // Outside strings, and in a single object.
  BOOST_TEST(read("s.json", "{\"form\": \xC0\x80}").diags.all()[0].message ==
             "the file is not UTF-8 text (byte 0xC0 at offset 9); save it as UTF-8");
  BOOST_TEST(read("s.json", "\xFF{}").diags.all()[0].message ==
             "the file is not UTF-8 text (byte 0xFF at offset 0); save it as UTF-8");
}

BOOST_AUTO_TEST_CASE(a_malformed_line_among_good_ones) {
  auto r = read("s.jsonl",
                "{\"form\": \"a\", \"unit\": \"u1\"}\n"
                "{\"form\": \"b\", \"unit\": \"u2\"\n"
                "{\"form\": \"c\" \"unit\": \"u3\"}\n"
                "[1]\n"
                "{\"form\": \"d\", \"unit\": \"u4\"} {}\n"
                "{\"form\": \"e\", \"unit\": \"u5\"}\n");
  BOOST_TEST(r.count == 2u);
  BOOST_TEST(r.subs[1].form.second.text == "e");
  BOOST_TEST(r.rendered() ==
             "s.jsonl:2:27: error: unexpected end of the line inside an object: in JSON lines each object is on one line\n"
             "  {\"form\": \"b\", \"unit\": \"u2\"\n"
             "                            ^\n"
             "s.jsonl:2:1: note: the object begins here\n"
             "  {\"form\": \"b\", \"unit\": \"u2\"\n"
             "  ^\n"
             "s.jsonl:3:14: error: expected ',' or '}' after a member\n"
             "  {\"form\": \"c\" \"unit\": \"u3\"}\n"
             "               ^\n"
             "s.jsonl:4:1: error: expected a submission object {...}, not an array\n"
             "  [1]\n"
             "  ^~~\n"
             "s.jsonl:5:29: error: expected the end of the line after the object: in JSON lines each line holds one object\n"
             "  {\"form\": \"d\", \"unit\": \"u4\"} {}\n"
             "                              ^\n");
}

BOOST_AUTO_TEST_CASE(an_empty_file_has_no_submissions) {
  BOOST_TEST(read("s.json", "").count == 0u);
  BOOST_TEST(errors("s.json", " \n\t\r\n") == "");
  BOOST_TEST(errors("s.csv", "\n\n") == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(read_csv)

BOOST_AUTO_TEST_CASE(comma_separated) {
  auto r = read("s.csv", "form,unit,period,families,children\nblood_families,org01,2021Q1,12,\nblood_families,org02,2021Q1,7,9\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 2u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(s.form.first.name == "form");
  BOOST_TEST((s.form.second.kind == Kind::cell));
  BOOST_TEST(s.form.second.text == "blood_families");
  BOOST_TEST(s.period.second.text == "2021Q1");
  BOOST_TEST(s.record.first.name == "");
  BOOST_REQUIRE(s.values.size() == 2u);
  BOOST_TEST(s.values[0].first.name == "families");
  BOOST_TEST((s.values[0].second.kind == Kind::cell));
  BOOST_TEST(s.values[0].second.text == "12");
  BOOST_TEST((s.values[1].second.kind == Kind::null));  // an empty cell
  BOOST_TEST(r.at(s.values[1].second.span) == "2:32");
  BOOST_TEST(r.at(s.values[0].first.span) == "1:18");  // a name's span is its header cell
  BOOST_TEST(r.bytes(r.subs[1].span) == "blood_families,org02,2021Q1,7,9");
  BOOST_TEST(r.subs[1].values[1].second.text == "9");
  BOOST_TEST(r.subs[1].position == "");
}

BOOST_AUTO_TEST_CASE(semicolons_russian_text_bom_and_crlf) {
  auto r = read("s.csv", "\xEF\xBB\xBF" "form;unit;period;termination_reasons;note\r\n"
                         "blood_families;org01;2021Q1;переезд, смена места жительства;\"a;b\"\r\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(s.form.second.text == "blood_families");  // no BOM in the first name or value
  BOOST_TEST(value(s, "termination_reasons").text == "переезд, смена места жительства");
  BOOST_TEST(value(s, "note").text == "a;b");
  BOOST_TEST(r.at(value(s, "note").span) == "2:61");
  BOOST_TEST(r.bytes(value(s, "note").span) == "\"a;b\"");
}

// The separator is the one the header uses outside quotes, the more frequent if both.
BOOST_AUTO_TEST_CASE(separator_from_the_header) {
  auto r = read("s.csv", "form;unit;\"a,b,c\"\nf;u;1,5\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  BOOST_TEST(value(r.subs[0], "a,b,c").text == "1,5");
  auto both = read("s.csv", "form;unit;x,y\nf;u;1,2\n");
  BOOST_REQUIRE(both.count == 1u);
  BOOST_TEST(value(both.subs[0], "x,y").text == "1,2");
}

BOOST_AUTO_TEST_CASE(quoted_cells_with_separators_quotes_and_line_breaks) {
  auto r = read("s.csv", "form,unit,comment,other\r\nf,u,\"said \"\"no\"\",\r\nthen, left\",\"\"\r\nf,u2,x,y\r\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 2u);
  BOOST_TEST(value(r.subs[0], "comment").text == "said \"no\",\r\nthen, left");
  BOOST_TEST((value(r.subs[0], "other").kind == Kind::null));  // "" is an empty cell
  BOOST_TEST(r.at(r.subs[1].span) == "4:1");
  BOOST_TEST(r.at(r.subs[1].unit.second.span) == "4:3");
}

BOOST_AUTO_TEST_CASE(breakdown_columns_are_grouped) {
  auto r = read("s.csv", "form,unit,by_risk[low],families,by_risk[medium],by_risk[high]\nf,u,5,12,,3\n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_REQUIRE(s.values.size() == 2u);
  BOOST_TEST(s.values[0].first.name == "by_risk");  // where its first category is
  BOOST_TEST(s.values[1].first.name == "families");
  const RawValue& by_risk = s.values[0].second;
  BOOST_TEST((by_risk.kind == Kind::object));
  BOOST_REQUIRE(by_risk.members.size() == 3u);
  BOOST_TEST(by_risk.members[0].first.name == "low");
  BOOST_TEST(by_risk.members[1].first.name == "medium");
  BOOST_TEST(by_risk.members[2].first.name == "high");
  BOOST_TEST(member(by_risk, "low").text == "5");
  BOOST_TEST((member(by_risk, "medium").kind == Kind::null));
  BOOST_TEST(r.bytes(by_risk.span) == "5,12,,3");
  BOOST_TEST(r.bytes(by_risk.members[2].first.span) == "by_risk[high]");
}

BOOST_AUTO_TEST_CASE(header_members_and_blank_lines) {
  auto r = read("s.csv", "\n form , unit,record,correction,submitted_at,opened\n\ncase,org01,F-17,true,2021-04-03,2021-01-10\n,,\n,,,,,\n  \n");
  BOOST_TEST(r.rendered() == "");
  BOOST_REQUIRE(r.count == 1u);
  const SubmissionInput& s = r.subs[0];
  BOOST_TEST(s.form.second.text == "case");
  BOOST_TEST(s.record.second.text == "F-17");
  BOOST_TEST(s.correction.second.text == "true");
  BOOST_TEST(s.submitted_at.second.text == "2021-04-03");
  BOOST_TEST(value(s, "opened").text == "2021-01-10");
  BOOST_TEST(r.at(s.span) == "4:1");
}

BOOST_AUTO_TEST_CASE(missing_form_or_unit_column) {
  BOOST_TEST(errors("s.csv", "unit,families\nu,1\n") ==
             "s.csv:1:1: error: the header has no 'form' column: the first line names the columns, and 'form' and 'unit' are required\n"
             "  unit,families\n"
             "  ^~~~~~~~~~~~~\n");
  BOOST_TEST(errors("s.csv", "blood_families,org01,12\n") ==
             "s.csv:1:1: error: the first line must be a header naming the columns (form, unit, period or record, then the fields), and this one names none of them: it begins \"blood_families\", \"org01\", \"12\"\n"
             "  blood_families,org01,12\n"
             "  ^~~~~~~~~~~~~~~~~~~~~~~\n");
  BOOST_TEST(read("s.csv", "form,families\nf,1\n").diags.all()[0].message.find("no 'unit' column") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_column_named_twice) {
  auto r = read("s.csv", "form,unit,families,by_risk[low],families,by_risk[low]\nf,u,1,2,3,4\n");
  BOOST_TEST(r.count == 0u);
  BOOST_TEST(r.rendered() ==
             "s.csv:1:33: error: column 'families' is given twice\n"
             "  form,unit,families,by_risk[low],families,by_risk[low]\n"
             "                                  ^~~~~~~~\n"
             "s.csv:1:11: note: first given here\n"
             "  form,unit,families,by_risk[low],families,by_risk[low]\n"
             "            ^~~~~~~~\n"
             "s.csv:1:42: error: column 'by_risk[low]' is given twice\n"
             "  form,unit,families,by_risk[low],families,by_risk[low]\n"
             "                                           ^~~~~~~~~~~~\n"
             "s.csv:1:20: note: first given here\n"
             "  form,unit,families,by_risk[low],families,by_risk[low]\n"
             "                     ^~~~~~~~~~~~\n");
  BOOST_TEST(errors("s.csv", "form,unit,by_risk,by_risk[low]\n") ==
             "s.csv:1:19: error: 'by_risk' is given both as one column and by categories\n"
             "  form,unit,by_risk,by_risk[low]\n"
             "                    ^~~~~~~~~~~~\n"
             "s.csv:1:11: note: first given here\n"
             "  form,unit,by_risk,by_risk[low]\n"
             "            ^~~~~~~\n");
  BOOST_TEST(read("s.csv", "form,unit,by_risk[low\n").diags.all()[0].message ==
             "column 'by_risk[low' is neither a field's name nor 'field[category]'");
  BOOST_TEST(read("s.csv", "form,unit,form[x]\n").diags.all()[0].message == "'form' is a column of its own: it has no categories");
}

BOOST_AUTO_TEST_CASE(rows_with_the_wrong_number_of_cells) {
  auto r = read("s.csv", "form,unit,a,b\nf,u,1,2\nf,u,1\nf,u,1,2,3\nf,u2,3,4\n");
  BOOST_TEST(r.count == 2u);
  BOOST_TEST(r.subs[1].unit.second.text == "u2");
  BOOST_TEST(r.rendered() ==
             "s.csv:3:6: error: line 3 has 3 fields, the header has 4: give every column its field, an empty one too\n"
             "  f,u,1\n"
             "       ^\n"
             "s.csv:4:9: error: line 4 has 5 fields, the header has 4: a value with a comma must be quoted (\"Центр, филиал\", \"7 500,50\"), or the cells parted by ';'\n"
             "  f,u,1,2,3\n"
             "          ^\n");
}

BOOST_AUTO_TEST_CASE(unterminated_quote) {
  auto r = read("s.csv", "form,unit,comment\nf,u,ok\nf,u,\"never closed\nf,u,x\n");
  BOOST_TEST(r.count == 1u);
  BOOST_TEST(r.rendered() ==
             "s.csv:3:5: error: unterminated quote: the cell that begins here has no closing '\"', so it runs to the end of the file\n"
             "  f,u,\"never closed\n"
             "      ^\n");
}

BOOST_AUTO_TEST_CASE(text_after_a_closing_quote) {
  auto r = read("s.csv", "form,unit,comment\nf,u,\"a\"b\nf,u2,c\n");
  BOOST_TEST(r.count == 1u);
  BOOST_TEST(r.rendered() ==
             "s.csv:2:8: error: unexpected text after the closing quote of a cell: a quote inside a quoted cell is written twice (\"\")\n"
             "  f,u,\"a\"b\n"
             "         ^\n");
}

// Each row that is not UTF-8 is reported once, however many bytes are wrong; the others are read.
BOOST_AUTO_TEST_CASE(rows_that_are_not_utf8) {
  auto r = read("s.csv", "form;unit;reason\nf;u;\xEF\xE5\xF0\xE5\xE5\xE7\xE4\nf;u2;переезд\nf;u3;\xE4\xE0\n");
  BOOST_TEST(r.count == 1u);
  BOOST_TEST(r.diags.error_count() == 2u);
  BOOST_TEST(r.subs[0].unit.second.text == "u2");
  BOOST_TEST(r.rendered().find("s.csv:2:5: error: the file is not UTF-8 text (byte 0xEF at offset 21); save it as UTF-8\n") == 0u);
}

BOOST_AUTO_TEST_CASE(a_value_in_a_column_without_a_name) {
  auto r = read("s.csv", "form;unit;a;\nf;u;1;\nf;u;1;x\nf;u;2\n");
  BOOST_TEST(r.count == 2u);  // the row without the last, unnamed, cell too
  BOOST_TEST(value(r.subs[1], "a").text == "2");
  BOOST_TEST(r.rendered() ==
             "s.csv:3:7: error: a value in column 4, which has no name in the header\n"
             "  f;u;1;x\n"
             "        ^\n");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(read_format)

BOOST_AUTO_TEST_CASE(detect_format_by_extension_then_content) {
  using forms::FileFormat;
  auto format = [](const std::string& name, const std::string& text) {
    return forms::detect_format(dsl::SourceFile(name, text));
  };
  BOOST_TEST((format("a.json", "form,unit") == FileFormat::json));
  BOOST_TEST((format("a.JSONL", "") == FileFormat::json));
  BOOST_TEST((format("a.ndjson", "") == FileFormat::json));
  BOOST_TEST((format("a.CSV", "{}") == FileFormat::csv));
  BOOST_TEST((format("data.txt", "\n  [{}]") == FileFormat::json));
  BOOST_TEST((format("data", "\xEF\xBB\xBF{}") == FileFormat::json));
  BOOST_TEST((format("data", "form;unit\n") == FileFormat::csv));
  BOOST_TEST((format("data", "") == FileFormat::csv));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(read_parse_json)

// JSON text of a value, for the round trip.
std::string to_json(const RawValue& v) {
  auto quote = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += c;
      }
    }
    return out + "\"";
  };
  switch (v.kind) {
    case Kind::null: return "null";
    case Kind::boolean: return v.boolean ? "true" : "false";
    case Kind::number: return v.text;
    case Kind::string:
    case Kind::cell: return quote(v.text);
    case Kind::object: {
      std::string out = "{";
      for (const auto& [k, m] : v.members) out += (out.size() > 1 ? "," : "") + quote(k.name) + ":" + to_json(m);
      return out + "}";
    }
    case Kind::array: {
      std::string out = "[";
      for (const auto& item : v.items) out += (out.size() > 1 ? "," : "") + to_json(item);
      return out + "]";
    }
  }
  return "";
}

BOOST_AUTO_TEST_CASE(round_trips) {
  const std::string texts[] = {
      R"({"a":1,"b":[true,false,null],"c":{"d":"x\"y\\z"},"e":2.50,"f":-1e-7})",
      R"(["Томск","\u0001\u000a",[],{}])",
      R"("just a string")",
      R"(0)",
  };
  for (const auto& text : texts) {
    RawValue v = forms::parse_json(text);
    BOOST_TEST(to_json(v) == text);
    BOOST_TEST(!v.span.known());  // spans point nowhere
  }
  RawValue v = forms::parse_json(" {\"a\" : \"\\u00e9\\ud83d\\ude00\" } ");
  BOOST_TEST(member(v, "a").text == "é\xF0\x9F\x98\x80");
  BOOST_TEST(to_json(forms::parse_json(to_json(v))) == to_json(v));
}

BOOST_AUTO_TEST_CASE(errors_name_the_byte) {
  auto message = [](const std::string& text) {
    try {
      forms::parse_json(text);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(message("{\"a\": 1,}") == "malformed JSON at byte 7: a comma before '}' is not allowed in JSON: remove it");
  BOOST_TEST(message("") == "malformed JSON at byte 0: expected a JSON value");
  BOOST_TEST(message("[1] 2") == "malformed JSON at byte 4: unexpected text after the JSON value");
  BOOST_TEST(message("{\"a\": 1, \"a\": 2}") == "malformed JSON at byte 9: 'a' is given twice");
  BOOST_TEST(message("\"\xE9\"") == "malformed JSON at byte 1: the file is not UTF-8 text (byte 0xE9 at offset 1); save it as UTF-8");
  BOOST_TEST(message(std::string(100, '[')).find("malformed JSON at byte 64: nested too deeply") == 0u);
  BOOST_TEST(message("[1, 2") == "malformed JSON at byte 5: unexpected end of file inside an array");
}

BOOST_AUTO_TEST_SUITE_END()

// Not a test: the reading speed, measured by hand (a suite of its own, so that read* skips it).
BOOST_AUTO_TEST_SUITE(bench_read)

// Disabled: run by hand for the reading speed in a release build,
//   build-read/unit_tests --run_test=bench_read/json_lines
BOOST_AUTO_TEST_CASE(json_lines, *boost::unit_test::disabled()) {
  std::string text;
  const int lines = 1000000;
  text.reserve(lines * 260u);
  for (int i = 0; i < lines; ++i)
    text += R"({"form": "blood_families", "unit": "org)" + std::to_string(i % 1000) +
            R"(", "period": "2021Q1", "values": {"families": 12, "children": 31, "new": 3, "by_risk": {"low": 5, "medium": 4, "high": 3}, "positive": 7, "negative": 1, "termination_reasons": "переезд"}})" "\n";
  auto file = std::make_shared<dsl::SourceFile>("bench.jsonl", std::move(text));
  for (int run = 0; run < 3; ++run) {
    dsl::Diagnostics diags;
    std::size_t values = 0;
    auto t0 = std::chrono::steady_clock::now();
    std::size_t n = forms::read_submissions(*file, diags, [&](SubmissionInput&& s) { values += s.values.size(); });
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(n == std::size_t(lines));
    BOOST_TEST(!diags.has_errors());
    std::cout << "read " << n << " JSON lines (" << file->text().size() / n << " bytes each, " << values << " values) in "
              << seconds << " s: " << n / seconds << " lines/s, " << file->text().size() / seconds / 1e6 << " MB/s\n";
  }
}

BOOST_AUTO_TEST_SUITE_END()
