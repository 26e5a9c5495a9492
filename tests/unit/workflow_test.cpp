// The review workflow over a temporary database: accept, return (with a reason only), a
// corrected version waiting again, who may review, what cannot happen twice or out of order,
// forwarding up the route, the history of a report, and a review file stored all or nothing.
#include <boost/test/unit_test.hpp>

#include "mera/engine/revisions.hpp"
#include "mera/engine/units_import.hpp"
#include "mera/storage/raw_sql.hpp"
#include "workflow_fixture.hpp"

using mera::engine::ReviewOutcome;
using mera::test::WorkflowDb;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t events(const WorkflowDb& w) { return w.db.workflow_events().size(); }

mera::engine::ReviewFileReport review_text(WorkflowDb& w, const std::string& text) {
  auto file = std::make_shared<mera::dsl::SourceFile>("reviews.csv", text);
  return mera::engine::review_file(w.db, file, {"loader", mera::test::kNow});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(workflow)

BOOST_AUTO_TEST_CASE(the_unit_above_accepts_and_it_is_recorded_with_an_audit_entry) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  ReviewOutcome out = w.accept(id, "p1", "2021-04-04");
  BOOST_TEST(out.done, out.message);
  BOOST_TEST(out.message == "accepted q of o1 for 2021Q1 (submission " + std::to_string(id) + ", version 1) as p1");
  auto all = w.db.workflow_events();
  BOOST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all[0].action == "accepted");
  BOOST_TEST(all[0].submission == id);
  BOOST_TEST(all[0].actor == "p1");
  BOOST_TEST(all[0].who == "reviewer");
  BOOST_TEST(all[0].at == "2021-04-04");
  auto audit = w.db.audit();
  BOOST_TEST(audit.back().action == "review.accept");
  BOOST_TEST(audit.back().subject == "submission " + std::to_string(id));
  BOOST_TEST(audit.back().at == mera::test::kNow);  // when it was recorded; the event keeps when it happened
}

BOOST_AUTO_TEST_CASE(a_step_without_a_moment_happens_now) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  BOOST_TEST(w.accept(id, "p1").done);
  BOOST_TEST(w.db.workflow_events()[0].at == mera::test::kNow);
}

BOOST_AUTO_TEST_CASE(a_return_without_a_reason_is_refused) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  for (const char* reason : {"", "   ", "\t\n"}) {
    ReviewOutcome out = w.give_back(id, "p1", reason, "2021-04-04");
    BOOST_TEST(!out.done);
    BOOST_TEST(has(out.message, "a report is returned with a reason"), out.message);
  }
  BOOST_TEST(events(w) == 0u);
  // The database refuses it too, whoever writes.
  BOOST_CHECK_THROW(mera::storage::run_raw_sql(w.path, "INSERT INTO workflow_events(action, submission, form, unit, actor, who, at) "
                                                       "VALUES ('returned', " + std::to_string(id) + ", 'q', 'o1', 'p1', 'x', '2021-04-04')"),
                    mera::storage::Error);
}

BOOST_AUTO_TEST_CASE(a_return_with_a_reason_is_recorded) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  ReviewOutcome out = w.give_back(id, "p1", "семей больше, чем в журнале", "2021-04-04");
  BOOST_TEST(out.done, out.message);
  BOOST_TEST(has(out.message, "returned q of o1 for 2021Q1"), out.message);
  BOOST_TEST(w.db.workflow_events()[0].reason == "семей больше, чем в журнале");
  BOOST_TEST(w.db.audit().back().action == "review.return");
}

BOOST_AUTO_TEST_CASE(a_corrected_version_waits_again_and_the_history_is_kept) {
  WorkflowDb w;
  auto v1 = w.submit("q", "o1", "2021Q1", "2021-04-03");
  BOOST_TEST(w.give_back(v1, "p1", "проверьте число семей", "2021-04-04").done);
  // Returned and not corrected: it cannot be accepted.
  ReviewOutcome early = w.accept(v1, "p1", "2021-04-05");
  BOOST_TEST(!early.done);
  BOOST_TEST(has(early.message, "was returned by p1 at 2021-04-04 («проверьте число семей») and no corrected version has come since"), early.message);
  auto v2 = w.submit("q", "o1", "2021Q1", "2021-04-06", true, R"({"families": 9})");
  BOOST_TEST(v2 != v1);
  // The old version is superseded: a review of it points at the current one.
  ReviewOutcome old = w.accept(v1, "p1", "2021-04-07");
  BOOST_TEST(!old.done);
  BOOST_TEST(has(old.message, "submission " + std::to_string(v1) + " is version 1 of q of o1 for 2021Q1, and version 2 replaced it (submission " +
                                  std::to_string(v2) + ", submitted 2021-04-06): review submission " + std::to_string(v2)),
             old.message);
  BOOST_TEST(w.accept(v2, "p1", "2021-04-07").done);
  auto all = w.db.workflow_events();
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST((all[0].action == "returned" && all[0].submission == v1));
  BOOST_TEST((all[1].action == "accepted" && all[1].submission == v2));
  auto h = mera::engine::report_history(w.db, v1);
  BOOST_TEST(h.title == "q of o1 for 2021Q1 «Квартальная»");
  BOOST_REQUIRE(h.lines.size() == 4u);
  BOOST_TEST((has(h.lines[0], "2021-04-03") && has(h.lines[0], "submitted") && has(h.lines[0], "version 1")));
  BOOST_TEST((has(h.lines[1], "returned") && has(h.lines[1], "by p1 (reviewer): «проверьте число семей»")), h.lines[1]);
  BOOST_TEST((has(h.lines[2], "version 2") && has(h.lines[2], "a correction")), h.lines[2]);
  BOOST_TEST((has(h.lines[3], "accepted") && has(h.lines[3], "2021-04-07")), h.lines[3]);
  BOOST_TEST(h.now == "version 2 (submission " + std::to_string(v2) + "): accepted by p1 (reviewer) at 2021-04-07");
}

BOOST_AUTO_TEST_CASE(only_the_parent_may_review_as_the_tree_stood_in_the_period) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  for (const char* who : {"p2", "ctr", "o2"}) {
    ReviewOutcome out = w.accept(id, who, "2021-04-04");
    BOOST_TEST(!out.done);
    BOOST_TEST(out.message == std::string(who) + " cannot accept q of o1 for 2021Q1: only the unit above o1 may, and in 2021Q1 o1 was under p1");
  }
  BOOST_TEST(has(w.accept(id, "p9", "2021-04-04").message, "no unit 'p9' in the unit tree"));
  // o3 moved from p2 to p1 on 2021-07-01: its first half-year is p2's to review, the second p1's.
  auto early = w.submit("q", "o3", "2021Q2", "2021-07-02");
  auto late = w.submit("q", "o3", "2021Q3", "2021-10-02");
  BOOST_TEST(!w.accept(early, "p1", "2021-07-03").done);
  BOOST_TEST(w.accept(early, "p2", "2021-07-03").done);
  BOOST_TEST(has(w.give_back(late, "p2", "нет", "2021-10-03").message, "in 2021Q3 o3 was under p1"));
  BOOST_TEST(w.accept(late, "p1", "2021-10-03").done);
  BOOST_TEST(events(w) == 2u);
}

BOOST_AUTO_TEST_CASE(accepting_twice_or_returning_an_accepted_report_is_refused) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  BOOST_TEST(w.accept(id, "p1", "2021-04-04").done);
  ReviewOutcome again = w.accept(id, "p1", "2021-04-05");
  BOOST_TEST(!again.done);
  BOOST_TEST(has(again.message, "is already accepted: by p1 (reviewer) at 2021-04-04"), again.message);
  ReviewOutcome back = w.give_back(id, "p1", "передумали", "2021-04-05");
  BOOST_TEST(!back.done);
  BOOST_TEST(has(back.message, "an accepted report is not returned"), back.message);
  auto other = w.submit("q", "o2", "2021Q1", "2021-04-03");
  BOOST_TEST(w.give_back(other, "p1", "ошибка", "2021-04-04").done);
  BOOST_TEST(has(w.give_back(other, "p1", "ошибка", "2021-04-05").message, "is already returned"));
  BOOST_TEST(events(w) == 2u);
}

BOOST_AUTO_TEST_CASE(a_review_of_an_unknown_submission_is_refused) {
  WorkflowDb w;
  ReviewOutcome out = w.accept(4242, "p1");
  BOOST_TEST(!out.done);
  BOOST_TEST(out.message == "no submission 4242 in " + w.path);
  BOOST_TEST(mera::engine::report_history(w.db, 4242).lines.empty());
}

BOOST_AUTO_TEST_CASE(steps_are_dated_after_the_report_and_in_order_and_never_in_the_future) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  BOOST_TEST(has(w.accept(id, "p1", "2021-04-02").message, "was submitted at 2021-04-03, after 2021-04-02"));
  BOOST_TEST(has(w.accept(id, "p1", "2027-01-01").message, "is in the future"));
  BOOST_TEST(has(w.accept(id, "p1", "2021-04-31").message, "is not a date"));
  BOOST_TEST(w.accept(id, "p1", "2021-04-03 12:30").done);  // the same day as the submission is fine
  BOOST_TEST(w.db.workflow_events()[0].at == "2021-04-03T12:30:00Z");
  auto v1 = w.submit("q", "o2", "2021Q1", "2021-04-03");
  BOOST_TEST(w.give_back(v1, "p1", "ошибка", "2021-04-10").done);
  w.submit("q", "o2", "2021Q1", "2021-04-11", true);
  auto v2 = w.db.current("q", "o2", "2021Q1", "")->id;
  BOOST_TEST(has(w.accept(v2, "p1", "2021-04-09").message, "was submitted at 2021-04-11, after 2021-04-09"));
}

BOOST_AUTO_TEST_CASE(a_unit_forwards_once_everything_below_is_accepted) {
  WorkflowDb w;
  auto a = w.submit("q", "o1", "2021Q3", "2021-10-02");
  auto b = w.submit("q", "o2", "2021Q3", "2021-10-03");
  // o3 sits under p1 in 2021Q3 and has not reported.
  ReviewOutcome out = w.forward("q", "2021Q3", "p1", "2021-10-10");
  BOOST_TEST(!out.done);
  BOOST_TEST(out.message == "p1 cannot forward q for 2021Q3 yet: 3 of the 3 reports below are not accepted: o1 (waiting for your review: submission " +
                                std::to_string(a) + "), o2 (waiting for your review: submission " + std::to_string(b) + "), o3 (not submitted)");
  BOOST_TEST(w.accept(a, "p1", "2021-10-04").done);
  BOOST_TEST(w.give_back(b, "p1", "ошибка", "2021-10-04").done);
  auto c = w.submit("q", "o3", "2021Q3", "2021-10-05");
  BOOST_TEST(w.accept(c, "p1", "2021-10-06").done);
  BOOST_TEST(has(w.forward("q", "2021Q3", "p1", "2021-10-10").message, "o2 (returned at 2021-10-04, not corrected yet)"));
  auto b2 = w.submit("q", "o2", "2021Q3", "2021-10-07", true);
  BOOST_TEST(w.accept(b2, "p1", "2021-10-08").done);
  // Accepted as of the step's moment: a forward dated before the last acceptance is refused.
  BOOST_TEST(!w.forward("q", "2021Q3", "p1", "2021-10-07").done);
  ReviewOutcome done = w.forward("q", "2021q3", "p1", "2021-10-10");
  BOOST_TEST(done.done, done.message);
  BOOST_TEST(done.message == "forwarded q for 2021Q3 from p1 to ctr");
  BOOST_TEST(has(w.forward("q", "2021Q3", "p1", "2021-10-11").message, "p1 already forwarded q for 2021Q3: at 2021-10-10"));
  BOOST_TEST(w.db.audit().back().action == "review.forward");
}

BOOST_AUTO_TEST_CASE(forward_is_for_the_levels_above_the_submitters_along_a_declared_hop) {
  WorkflowDb w;
  BOOST_TEST(has(w.forward("q", "2021Q1", "o1", "2021-04-10").message, "q is submitted by organization itself"));
  BOOST_TEST(has(w.forward("h", "2021H1", "p1", "2021-07-10").message, "h is submitted by platform itself"));
  BOOST_TEST(has(w.forward("q", "2021Q1", "ctr", "2021-04-10").message, "declares no deadline for q from center to department"));
  BOOST_TEST(has(w.forward("other", "2021Q1", "p1", "2021-04-10").message, "declares no deadline for other from platform to center"));
  BOOST_TEST(has(w.forward("q", "2021Q3", "p2", "2021-10-10").message, "nothing below p2 submits q for 2021Q3"));  // o3 moved to p1
  BOOST_TEST(has(w.forward("q", "2021H1", "p1", "2021-07-10").message, "form 'q' is not submitted per half_year"));
  BOOST_TEST(has(w.forward("q", "2021Q3", "p1", "2021-09-30").message, "2021Q3 ends on 2021-09-30"));
  BOOST_TEST(has(w.forward("qq", "2021Q3", "p1", "2021-10-30").message, "model 't' has no form 'qq'"));
  // The center forwards the platforms' half-year reports once it has accepted them all.
  auto x = w.submit("h", "p1", "2021H1", "2021-07-10", false, R"({"note": "x"})");
  BOOST_TEST(has(w.forward("h", "2021H1", "ctr", "2021-07-20").message, "p2 (not submitted)"));
  auto y = w.submit("h", "p2", "2021H1", "2021-07-11", false, R"({"note": "y"})");
  BOOST_TEST(w.accept(x, "ctr", "2021-07-12").done);
  BOOST_TEST(w.accept(y, "ctr", "2021-07-12").done);
  BOOST_TEST(w.forward("h", "2021H1", "ctr", "2021-07-20").done);
  BOOST_TEST(events(w) == 3u);
}

BOOST_AUTO_TEST_CASE(a_review_file_is_stored_whole_or_not_at_all) {
  WorkflowDb w;
  w.submit("q", "o1", "2021Q1", "2021-04-03");
  w.submit("q", "o2", "2021Q1", "2021-04-03");
  w.submit("q", "o3", "2021Q1", "2021-04-03");
  const std::string header = "form,unit,period,action,as,reason,user,at\n";
  auto before = w.db.content();
  auto bad = review_text(w, header +
                                "q,o1,2021Q1,accept,p1,,,2021-04-04\n"
                                "q,o2,2021Q1,return,p1,,,2021-04-04\n"     // no reason
                                "q,o3,2021Q1,accept,p1,,,2021-04-04\n"     // not p1's in 2021Q1
                                "q,o1,2021Q1,accept,p1,,,2021-04-05\n"     // twice: the first row counts though refused later
                                "q,o1,2021Q1,acept,p1,,,2021-04-05\n");
  BOOST_TEST(bad.refused);
  BOOST_TEST(bad.read == 5u);
  BOOST_TEST(bad.recorded == 0u);
  std::string out = mera::dsl::render(bad.diags);
  BOOST_TEST(has(out, "reviews.csv:3:1: error: a report is returned with a reason"), out);
  BOOST_TEST(has(out, "reviews.csv:4:1: error: p1 cannot accept q of o3 for 2021Q1: only the unit above o3 may, and in 2021Q1 o3 was under p2"), out);
  BOOST_TEST(has(out, "reviews.csv:5:1: error: q of o1 for 2021Q1 (submission"), out);
  BOOST_TEST(has(out, "reviews.csv:6:13: error: unknown action 'acept'; did you mean 'accept'?"), out);
  BOOST_TEST(bad.diags.error_count() == 4u);
  BOOST_TEST(mera::engine::summary(bad) == "reviews.csv: refused: 4 errors in 5 rows; nothing of this file was stored");
  BOOST_TEST((w.db.content() == before));  // not an event, not an audit entry

  auto good = review_text(w, header +
                                 "q,o1,2021Q1,accept,p1,,petrova,2021-04-04\n"
                                 "q,o2,2021Q1,return,p1,Проверьте разбивку,,2021-04-04\n"
                                 "q,o3,2021Q1,accept,p2,,,2021-04-05\n");
  BOOST_TEST(!good.refused, mera::dsl::render(good.diags));
  BOOST_TEST(mera::engine::summary(good) == "reviews.csv: 3 steps recorded (2 accepted, 1 returned, 0 forwarded)");
  auto all = w.db.workflow_events();
  BOOST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].who == "petrova");
  BOOST_TEST(all[1].who == "loader");  // no user on the row: the one running the import
  BOOST_TEST(all[1].source == "reviews.csv:3");
}

BOOST_AUTO_TEST_CASE(a_record_is_reviewed_by_the_unit_above_on_the_day_it_came) {
  WorkflowDb w;
  auto file = std::make_shared<mera::dsl::SourceFile>(
      "c.jsonl", R"({"form": "case", "unit": "o3", "record": "f-1", "submitted_at": "2021-08-02", "values": {"family_id": "f-1"}})" "\n");
  BOOST_REQUIRE(!mera::engine::submit_file(w.db, file, {"clerk", false, mera::test::kNow}).refused);
  // o3 sat under p1 on 2021-08-02 (it moved there in July).
  auto r = review_text(w, "form,unit,record,action,as,reason,user,at\ncase,o3,f-1,accept,p2,,,2021-08-03\ncase,o3,f-1,return,p1,Нет даты,,2021-08-03\n");
  std::string out = mera::dsl::render(r.diags);
  BOOST_TEST(r.diags.error_count() == 1u, out);
  BOOST_TEST(has(out, "reviews.csv:2:1: error: p2 cannot accept case of o3, record f-1: only the unit above o3 may, and on 2021-08-02 o3 was under p1"), out);
  auto ok = review_text(w, "form,unit,record,action,as,reason,user,at\ncase,o3,f-1,return,p1,Нет даты,,2021-08-03\n");
  BOOST_TEST(!ok.refused, mera::dsl::render(ok.diags));
  BOOST_TEST(w.db.workflow_events()[0].record_key == "f-1");
}

BOOST_AUTO_TEST_CASE(a_review_file_names_its_columns) {
  WorkflowDb w;
  auto r = review_text(w, "form,unit,period,verdict,by\nq,o1,2021Q1,accept,p1\n");
  std::string out = mera::dsl::render(r.diags);
  BOOST_TEST(r.refused);
  BOOST_TEST(has(out, "unknown column 'verdict'"), out);
  BOOST_TEST(has(out, "the header has no column 'action'"), out);
  BOOST_TEST(has(out, "the header has no column 'as'"), out);
  BOOST_TEST(review_text(w, "").refused);
}

BOOST_AUTO_TEST_CASE(workflow_events_cannot_be_changed_or_deleted) {
  WorkflowDb w;
  auto id = w.submit("q", "o1", "2021Q1", "2021-04-03");
  BOOST_TEST(w.accept(id, "p1", "2021-04-04").done);
  BOOST_CHECK_THROW(mera::storage::run_raw_sql(w.path, "UPDATE workflow_events SET action = 'returned', reason = 'x'"), mera::storage::Error);
  BOOST_CHECK_THROW(mera::storage::run_raw_sql(w.path, "DELETE FROM workflow_events"), mera::storage::Error);
  BOOST_TEST(events(w) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unit_forms)

namespace {

mera::engine::UnitsReport import(WorkflowDb& w, const std::string& table) {
  mera::engine::Revisions revisions(w.db);
  std::string why;
  auto file = std::make_shared<mera::dsl::SourceFile>("units.csv", table);
  return mera::engine::import_units(w.db, *file, *revisions.newest(why)->model, "admin", mera::test::kNow);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_forms_column_names_forms_of_the_units_level) {
  WorkflowDb w;
  std::vector<mera::storage::UnitForm> stored = w.db.unit_forms();
  BOOST_TEST(stored.size() == 4u);  // o1: q; o2: q, other; o3: q (once, though on two rows)
  auto before = w.db.content();
  auto bad = import(w, "id,name,level,parent,from,to,forms\n"
                       "o4,Орг 4,organization,p1,2021-01-01,,q hh\n"
                       "o5,Орг 5,organization,p1,2021-01-01,,h\n"
                       "o6,Орг 6,organization,p1,2021-01-01,2021-03-31,q\n"
                       "o6,Орг 6,organization,p2,2021-04-01,,q other\n"
                       "o1,Организация 1,organization,p1,2021-01-01,,q other\n");
  std::string out = mera::dsl::render(bad.diags);
  BOOST_TEST(bad.refused);
  BOOST_TEST(has(out, "units.csv:2:38: error: model 't' has no form 'hh'; did you mean 'h'?"), out);
  BOOST_TEST(has(out, "units.csv:3:38: error: unit 'o5' is organization, and form 'h' is submitted by platform"), out);
  BOOST_TEST(has(out, "error: unit 'o6' submits q on an earlier row, and this row says other q"), out);
  BOOST_TEST(has(out, "error: unit 'o1' submits q in the database, and this row says other q; an import does not change the forms of a stored unit (yet)"), out);
  BOOST_TEST((w.db.content() == before));
  auto good = import(w, "id,name,level,parent,from,to,forms\no4,Орг 4,organization,p1,2021-01-01,,\"other, q\"\n");
  BOOST_TEST(!good.refused, mera::dsl::render(good.diags));
  BOOST_TEST(w.db.unit_forms().size() == 6u);
}

// A review file names the period as a submission may (issue 17): 1 кв. 2021 is 2021Q1.
BOOST_AUTO_TEST_CASE(a_review_file_names_the_period_as_people_write_it) {
  WorkflowDb w;
  w.submit("q", "o1", "2021Q1", "2021-04-03");
  auto report = review_text(w, "form,unit,period,action,as,reason,user,at\nq,o1,1 кв. 2021,accept,p1,,,2021-04-04\n");
  BOOST_TEST(!report.refused, mera::dsl::render(report.diags));
  BOOST_TEST(events(w) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
