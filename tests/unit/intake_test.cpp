// What a submission or a review may store (issue 13): the dates a report may carry, a correction
// in the order of its history, a return reason that is only blank space, and a folder given as a
// data file.
#include <boost/test/unit_test.hpp>

#include "mera/dsl/source.hpp"
#include "mera/forms/read.hpp"
#include "workflow_fixture.hpp"

using mera::engine::ReviewOutcome;
using mera::test::WorkflowDb;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Submits one line at the fixture's now; the report, refused or not.
mera::engine::FileReport submit_line(WorkflowDb& w, const std::string& line, bool correct = false) {
  auto file = std::make_shared<mera::dsl::SourceFile>("s.jsonl", line + "\n");
  return mera::engine::submit_file(w.db, file, {"clerk", correct, mera::test::kNow});
}

std::string q_report(const std::string& period, const std::string& at) {
  std::string dated = at.empty() ? "" : R"(, "submitted_at": ")" + at + "\"";
  return R"({"form": "q", "unit": "o1", "period": ")" + period + "\"" + dated + R"(, "values": {"families": 10}})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(intake)

BOOST_AUTO_TEST_CASE(a_period_is_reportable_from_its_last_day_on) {
  WorkflowDb w;  // now is 2026-01-01
  auto not_ended = submit_line(w, q_report("2026Q1", ""));
  BOOST_TEST(not_ended.refused);
  BOOST_TEST(has(mera::dsl::render(not_ended.diags), "2026Q1 has not ended (its last day is 2026-03-31, today is 2026-01-01): a period that "
                                                      "has not ended is not reportable yet"),
             mera::dsl::render(not_ended.diags));
  auto early = submit_line(w, q_report("2023Q1", "1900-01-01"));
  BOOST_TEST(early.refused);
  BOOST_TEST(has(mera::dsl::render(early.diags), "submitted_at 1900-01-01 is before 2023Q1 ends (2023-03-31)"), mera::dsl::render(early.diags));
  BOOST_TEST(w.db.submission_count() == 0u);
  BOOST_TEST(!submit_line(w, q_report("2023Q1", "2023-03-31")).refused);  // its last day
  BOOST_TEST(!submit_line(w, q_report("2025Q4", "")).refused);            // ended yesterday
}

BOOST_AUTO_TEST_CASE(a_correction_is_dated_after_the_version_it_replaces_and_its_review) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03T10:00:00Z");
  auto before_version = submit_line(w, q_report("2021Q1", "2021-04-03T09:00:00Z"), true);
  BOOST_TEST(before_version.refused);
  BOOST_TEST(has(mera::dsl::render(before_version.diags), "this correction is dated 2021-04-03T09:00:00Z, before the version it replaces"),
             mera::dsl::render(before_version.diags));

  BOOST_TEST(w.give_back(id, "p1", "Проверьте число семей", "2021-04-10").done);
  auto before_return = submit_line(w, q_report("2021Q1", "2021-04-08"), true);
  BOOST_TEST(before_return.refused);
  BOOST_TEST(has(mera::dsl::render(before_return.diags), "this correction is dated 2021-04-08, before the report's last step (returned by p1 at "
                                                          "2021-04-10)"),
             mera::dsl::render(before_return.diags));
  BOOST_TEST(w.db.versions("q", "o1", "2021Q1", "").size() == 1u);
  auto answered = submit_line(w, q_report("2021Q1", "2021-04-12"), true);
  BOOST_TEST(!answered.refused, mera::dsl::render(answered.diags));
  BOOST_TEST(w.db.versions("q", "o1", "2021Q1", "").size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_reason_of_unicode_spaces_is_no_reason) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  // U+00A0 no-break space, U+2003 em space, U+3000 ideographic space, U+200B zero-width space.
  for (const char* reason : {"\u00A0", "\u2003\u2003", "\u3000", " \u200B\t", "\uFEFF"}) {
    ReviewOutcome out = w.give_back(id, "p1", reason, "2021-04-04");
    BOOST_TEST(!out.done, reason);
    BOOST_TEST(has(out.message, "a report is returned with a reason"), out.message);
    BOOST_TEST(has(out.message, "the one given is only blank space"), out.message);
  }
  auto file = std::make_shared<mera::dsl::SourceFile>("reviews.csv", "form,unit,period,action,as,reason,user,at\n"
                                                                     "q,o1,2021Q1,return,p1,\u3000\u00A0,,2021-04-04\n");
  auto report = mera::engine::review_file(w.db, file, {"loader", mera::test::kNow});
  BOOST_TEST(report.refused);
  BOOST_TEST(has(mera::dsl::render(report.diags), "reviews.csv:2:1: error: a report is returned with a reason"), mera::dsl::render(report.diags));
  BOOST_TEST(w.db.workflow_events().empty());
  BOOST_TEST(w.give_back(id, "p1", "\u00A0нет разбивки\u00A0", "2021-04-04").done);  // spaces around words are still a reason
}

BOOST_AUTO_TEST_CASE(blank_text_is_every_kind_of_space_and_nothing_else) {
  BOOST_TEST(mera::forms::blank(""));
  BOOST_TEST(mera::forms::blank(" \t\r\n\u00A0\u2000\u200A\u2028\u202F\u205F\u3000\u200B\u2060\uFEFF"));
  BOOST_TEST(!mera::forms::blank("\u00A0a"));
  BOOST_TEST(!mera::forms::blank("\u3001"));  // an ideographic comma is a character
  BOOST_TEST(!mera::forms::blank("\xFF"));    // not UTF-8: not blank either
}

BOOST_AUTO_TEST_CASE(a_folder_is_not_read_as_a_file) {
  mera::test::TempFolder folder("mera-intake");
  std::string path = folder.path().string();
  BOOST_CHECK_EXCEPTION(mera::dsl::read_source(path), std::runtime_error, [&](const std::runtime_error& e) {
    return std::string(e.what()) == path + " is a folder, not a file: give the path of a file (or the files in it)";
  });
  BOOST_TEST(mera::dsl::unreadable(path) == path + " is a folder, not a file: give the path of a file (or the files in it)");
  BOOST_TEST(mera::dsl::unreadable(path + "/missing.jsonl") == "cannot open " + path + "/missing.jsonl: No such file or directory");
}

// A unit by its exact name (issue 17): stored under its id; a near miss suggests the name; a
// name two units bear is refused, never guessed.
BOOST_AUTO_TEST_CASE(a_unit_by_its_name) {
  WorkflowDb w;
  auto named = submit_line(w, R"({"form": "q", "unit": "Организация 1", "period": "1 кв. 2021", "values": {"Семьи": 10}})");
  BOOST_TEST(!named.refused, mera::dsl::render(named.diags));
  BOOST_TEST(w.db.current("q", "o1", "2021Q1", "").has_value());
  auto year = submit_line(w, R"({"form": "q", "unit": "o1", "period": 2021, "values": {"families": 10}})");  // a number: a year
  BOOST_TEST(has(mera::dsl::render(year.diags), "form 'q' is submitted per quarter, and '2021' is a year"), mera::dsl::render(year.diags));
  auto near = submit_line(w, R"({"form": "q", "unit": "Организация1", "period": "2021Q2", "values": {"families": 10}})");
  BOOST_TEST(has(mera::dsl::render(near.diags), "no unit 'Организация1' in the unit tree; did you mean 'Организация 1'?"),
             mera::dsl::render(near.diags));
  {
    auto tx = w.db.write();
    w.db.add_unit({"o4", "Организация 1", "organization"});
    w.db.add_membership({0, "o4", "p2", *mera::dsl::parse_iso_date("2021-01-01"), std::nullopt});
    tx.commit();
  }
  auto twice = submit_line(w, R"({"form": "q", "unit": "Организация 1", "period": "2021Q3", "values": {"families": 10}})");
  BOOST_TEST(twice.refused);
  BOOST_TEST(has(mera::dsl::render(twice.diags), "«Организация 1» is the name of more than one unit (o1, o4): give the unit's id instead"),
             mera::dsl::render(twice.diags));
}

BOOST_AUTO_TEST_SUITE_END()
