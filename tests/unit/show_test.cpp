// What mera shows of stored reports (issue 12, items 4-7 and 9; issue 13, item 8): the review
// state of a version, what a record is known by, what a unit owes next, late lines of earlier
// periods only when asked, a day far ahead refused, and the dashboard's default period and empty
// tree explained.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "mera/engine/dashboard.hpp"
#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/review_state.hpp"
#include "mera/engine/status.hpp"
#include "workflow_fixture.hpp"

using mera::dsl::Date;
using mera::engine::ItemKind;
using mera::engine::ReviewState;
using mera::engine::StatusItem;
using mera::test::WorkflowDb;

namespace {

Date day(const std::string& iso) { return *mera::dsl::parse_iso_date(iso); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

mera::engine::VersionStanding standing(WorkflowDb& w, std::int64_t id) { return *mera::engine::standing(w.db, id); }

std::string described(WorkflowDb& w, std::int64_t id) { return mera::engine::describe(standing(w, id), *w.db.submission(id)); }

mera::engine::StatusReport status_on(WorkflowDb& w, const std::string& on, const std::string& unit = {}, bool history = false) {
  mera::engine::StatusOptions o;
  o.on = day(on);
  o.unit = unit;
  o.history = history;
  o.today = day("2026-01-01");
  return mera::engine::build_status(w.db, o);
}

std::vector<StatusItem> items_of(const mera::engine::StatusReport& r, const std::string& unit) {
  for (const auto& u : r.units)
    if (u.unit.id == unit) return u.items;
  return {};
}

std::optional<StatusItem> find(const std::vector<StatusItem>& items, ItemKind kind, const std::string& form, bool forward = false) {
  for (const auto& i : items)
    if (i.kind == kind && i.form == form && i.forward == forward) return i;
  return std::nullopt;
}

void submit_line(WorkflowDb& w, const std::string& line) {
  auto file = std::make_shared<mera::dsl::SourceFile>("r.jsonl", line + "\n");
  auto report = mera::engine::submit_file(w.db, file, {"clerk", false, mera::test::kNow});
  BOOST_REQUIRE_MESSAGE(!report.refused, mera::dsl::render(report.diags));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(review_state)

BOOST_AUTO_TEST_CASE(a_version_is_submitted_returned_superseded_accepted_and_forwarded) {
  WorkflowDb w;
  auto v1 = w.submit("q", "o1", "2021Q1", "2021-04-01");
  BOOST_TEST((standing(w, v1).state == ReviewState::submitted));
  BOOST_TEST(described(w, v1) == "submitted, waiting for review by p1");
  BOOST_TEST(w.give_back(v1, "p1", "семей больше, чем в журнале", "2021-04-02").done);
  BOOST_TEST((standing(w, v1).state == ReviewState::returned));
  BOOST_TEST(described(w, v1) ==
             "returned by p1 (reviewer) at 2021-04-02: «семей больше, чем в журнале»; o1 corrects it and submits it again (mera submit --correct)");
  auto v2 = w.submit("q", "o1", "2021Q1", "2021-04-03", true);
  BOOST_TEST((standing(w, v1).state == ReviewState::superseded));
  BOOST_TEST(standing(w, v1).replaced_by == v2);
  BOOST_TEST(described(w, v1) ==
             "superseded by version 2 (submission " + std::to_string(v2) +
                 ", submitted 2021-04-03); before that it was returned by p1 (reviewer) at 2021-04-02: «семей больше, чем в журнале»");
  BOOST_TEST((standing(w, v2).state == ReviewState::submitted));
  BOOST_TEST(w.accept(v2, "p1", "2021-04-04").done);
  BOOST_TEST((standing(w, v2).state == ReviewState::accepted));
  BOOST_TEST(described(w, v2) == "accepted by p1 (reviewer) at 2021-04-04");
  // p1 forwards once o2's report is accepted too (o3 sat under p2 in 2021Q1).
  BOOST_TEST(w.accept(w.submit("q", "o2", "2021Q1", "2021-04-01"), "p1", "2021-04-04").done);
  BOOST_TEST(w.forward("q", "2021Q1", "p1", "2021-04-10").done);
  BOOST_TEST((standing(w, v2).state == ReviewState::forwarded));
  BOOST_TEST(described(w, v2) == "forwarded: accepted by p1 (reviewer) at 2021-04-04, and sent up the route by p1 (reviewer) at 2021-04-10");
  // Every version in one read, in the order given; the history's last line says the same.
  auto all = mera::engine::standings(w.db, w.db.versions("q", "o1", "2021Q1", ""));
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST((all[0].state == ReviewState::superseded));
  BOOST_TEST((all[1].state == ReviewState::forwarded));
  BOOST_TEST(mera::engine::report_history(w.db, v1).now == "version 2 (submission " + std::to_string(v2) + "): " + described(w, v2));
}

BOOST_AUTO_TEST_CASE(a_correction_after_a_forward_is_not_forwarded) {
  WorkflowDb w;
  auto o1 = w.submit("q", "o1", "2021Q1", "2021-04-01");
  BOOST_TEST(w.accept(o1, "p1", "2021-04-02").done);
  BOOST_TEST(w.accept(w.submit("q", "o2", "2021Q1", "2021-04-01"), "p1", "2021-04-02").done);
  BOOST_TEST(w.forward("q", "2021Q1", "p1", "2021-04-03").done);
  auto again = w.submit("q", "o1", "2021Q1", "2021-04-05", true);
  BOOST_TEST(w.accept(again, "p1", "2021-04-06").done);
  BOOST_TEST((standing(w, again).state == ReviewState::accepted));  // the forward carried version 1
}

BOOST_AUTO_TEST_CASE(a_record_is_known_by_its_key_even_with_a_period_stored_by_mistake) {
  WorkflowDb w;
  submit_line(w, R"({"form": "case", "unit": "o1", "record": "F-1", "submitted_at": "2021-05-01", "values": {"family_id": "F-1"}})");
  auto record = *w.db.current("case", "o1", "", "F-1");
  mera::engine::ReportNames names(w.db);
  BOOST_TEST(names.record_form(record));
  BOOST_TEST(names.name(record) == "case of o1, record F-1");
  BOOST_TEST(described(w, record.id) == "submitted, waiting for review by p1");  // its parent on the day it came
  // A record stored with a period (before the intake refused one) is still known by its key.
  mera::storage::Submission stray = record;
  stray.id = 0;
  stray.record_key = "F-2";
  stray.period = "2021Q2";
  stray.values_json = R"({"family_id": "F-2"})";
  {
    auto tx = w.db.write();
    stray.id = w.db.add_submission(stray);
    tx.commit();
  }
  BOOST_TEST(names.name(stray) == "case of o1, record F-2");
  BOOST_TEST(has(mera::engine::report_history(w.db, stray.id).title, "case of o1, record F-2"), mera::engine::report_history(w.db, stray.id).title);
  auto q = *w.db.submission(w.submit("q", "o1", "2021Q1", "2021-04-01"));
  BOOST_TEST(!names.record_form(q));
  BOOST_TEST(names.name(q) == "q of o1 for 2021Q1");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(status_next_and_history)

BOOST_AUTO_TEST_CASE(a_unit_sees_its_next_report_of_every_form_however_far) {
  WorkflowDb w;
  // 2021-03-01: q and other of 2021Q1 are due 2021-04-05, 35 days on, far outside "due soon".
  BOOST_TEST(!find(items_of(status_on(w, "2021-03-01"), "o2"), ItemKind::next, "q"));  // not asked for a unit: not listed
  auto mine = items_of(status_on(w, "2021-03-01", "o2"), "o2");
  auto q = find(mine, ItemKind::next, "q");
  BOOST_REQUIRE(q);
  BOOST_TEST(q->period == "2021Q1");
  BOOST_TEST(q->days == 35);
  BOOST_TEST(q->to == "p1");
  BOOST_TEST(find(mine, ItemKind::next, "other").has_value());
  BOOST_TEST(!find(mine, ItemKind::next, "h").has_value());  // a platform's form
  // Submitted on the period's last day (the earliest a report may be dated): the next one is
  // 2021Q2's, due 2021-07-05.
  w.submit("q", "o2", "2021Q1", "2021-03-31");
  auto later = find(items_of(status_on(w, "2021-04-01", "o2"), "o2"), ItemKind::next, "q");
  BOOST_REQUIRE(later);
  BOOST_TEST(later->period == "2021Q2");
  // Inside the window it is a "due soon" line, not a second one.
  auto soon = items_of(status_on(w, "2021-03-30", "o1"), "o1");
  BOOST_TEST(find(soon, ItemKind::due_soon, "q").has_value());
  BOOST_TEST(!find(soon, ItemKind::next, "q").has_value());
  // A platform: its own half-year report and its forward of q.
  auto p1 = items_of(status_on(w, "2021-03-01", "p1"), "p1");
  BOOST_TEST(find(p1, ItemKind::next, "h").has_value());
  auto fwd = find(p1, ItemKind::next, "q", true);
  BOOST_REQUIRE(fwd);
  BOOST_TEST(fwd->due->iso() == "2021-04-15");
  std::string text = mera::engine::render(status_on(w, "2021-03-01", "o1"), day("2026-01-01"));
  BOOST_TEST(has(text, "\n  next       q 2021Q1 to p1: due 2021-04-05 (Monday), in 35 days\n"), text);
}

BOOST_AUTO_TEST_CASE(late_lines_of_earlier_periods_only_with_history) {
  WorkflowDb w;
  w.submit("q", "o1", "2021Q1", "2021-04-08");  // due 2021-04-05: 3 days late
  BOOST_TEST(find(items_of(status_on(w, "2021-06-01"), "o1"), ItemKind::late, "q").has_value());  // still the latest period due
  auto later = status_on(w, "2021-07-06");  // 2021Q2 was due on 2021-07-05: 2021Q1's lateness is history
  BOOST_TEST(!find(items_of(later, "o1"), ItemKind::late, "q").has_value());
  BOOST_TEST(later.earlier_late == 1);
  std::string text = mera::engine::render(later, day("2026-01-01"));
  BOOST_TEST(has(text, "1 report of earlier periods came late (the next period's report was due by 2021-07-06 too); --history lists them."), text);
  auto asked = status_on(w, "2021-07-06", {}, true);
  auto late = find(items_of(asked, "o1"), ItemKind::late, "q");
  BOOST_REQUIRE(late);
  BOOST_TEST(late->days == 3);
  BOOST_TEST(asked.earlier_late == 0);
}

BOOST_AUTO_TEST_CASE(a_day_far_beyond_any_reporting_is_refused) {
  WorkflowDb w;
  try {
    status_on(w, "9999-12-31");
    BOOST_FAIL("9999-12-31 was not refused");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()) ==
               "9999-12-31 is more than a year after today (2026-01-01): status looks at most 366 days ahead, to 2027-01-02; "
               "name a day up to then (the deadlines of any year: mera deadlines --year)");
  }
  BOOST_TEST(status_on(w, "2027-01-02").on.iso() == "2027-01-02");  // the last day it looks at
  mera::engine::StatusOptions o;
  o.on = day("2026-01-01");
  o.today = o.on;
  o.soon_days = 100000;
  BOOST_CHECK_THROW(mera::engine::build_status(w.db, o), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dashboard_defaults)

// A model with one record form whose records have dates, and two units from 2021-01-01.
struct RecordsDb {
  mera::test::TempFolder folder{"mera-records"};
  std::string path = (folder.path() / "r.db").string();
  mera::storage::Database db = make();

  mera::storage::Database make() {
    auto dir = folder.path() / "model";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "model.mera") << R"(model r "R" { effective 2020-01-01 }
level organization "Организация"
level region "Область"
route organization -> region
form case "Случай" {
  record per family_id
  by organization
  field family_id text required "Семья"
  field closed date "Закрыт"
}
indicator closed_cases "Закрыто случаев" {
  value = count(case where closed in period)
  format int
}
)";
    std::ofstream(dir / "units.csv") << "id,name,level,parent,from,to\nr,Область,region,,2021-01-01,\no1,Организация 1,organization,r,2021-01-01,\n";
    auto init = mera::engine::init_database(path, dir.string(), "admin", "2021-01-01T00:00:00Z");
    BOOST_REQUIRE_MESSAGE(init.created, mera::dsl::render(init.diags));
    auto db = mera::storage::Database::open(path);
    auto file = std::make_shared<mera::dsl::SourceFile>(
        "r.jsonl", R"({"form": "case", "unit": "o1", "record": "F-1", "submitted_at": "2022-03-02", "values": {"family_id": "F-1", "closed": "2022-03-01"}}
{"form": "case", "unit": "o1", "record": "F-2", "submitted_at": "2023-05-06", "values": {"family_id": "F-2", "closed": "2023-05-05"}}
)");
    auto report = mera::engine::submit_file(db, file, {"clerk", false, "2023-06-01T00:00:00Z"});
    BOOST_REQUIRE_MESSAGE(!report.refused, mera::dsl::render(report.diags));
    return db;
  }

  mera::engine::Dashboard eval(const std::string& today, const std::string& period = {}) {
    mera::engine::UnitTree tree = mera::engine::UnitTree::load(db);
    mera::engine::Revisions revisions(db);
    mera::engine::DashboardBuilder builder(db, revisions, tree);
    mera::engine::DashboardRequest r;
    r.today = day(today);
    r.period = period;
    mera::engine::Dashboard d = builder.build(r);
    d.revision = nullptr;  // it lives in `revisions`, gone when this returns
    return d;
  }
};

BOOST_AUTO_TEST_CASE(records_only_the_last_complete_year_in_which_records_have_dates) {
  RecordsDb r;
  auto d = r.eval("2024-06-01");
  BOOST_TEST(d.period.text() == "2023");
  BOOST_TEST(d.period_note == "2023: the last complete year in which the records have dates (name another with --period)");
  BOOST_TEST(r.eval("2023-06-01").period.text() == "2022");
  // No record has a date in a complete year (mera run in 2022, F-2's date is ahead): last year.
  auto early = r.eval("2022-02-01");
  BOOST_TEST(early.period.text() == "2021");
  BOOST_TEST(early.period_note == "2021: the last complete year, for no record has a date in a complete year (name another with --period)");
  BOOST_TEST(r.eval("2024-06-01", "2023H1").period_note.empty());  // asked: nothing to explain
}

BOOST_AUTO_TEST_CASE(an_empty_tree_on_the_day_says_when_the_memberships_start) {
  RecordsDb r;
  try {
    r.eval("2024-06-01", "2020H2");
    BOOST_FAIL("2020H2 was evaluated");
  } catch (const mera::engine::RequestError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "no unit is in the tree on 2020-12-31, the last day of 2020H2: the memberships of the 2 units start on 2021-01-01 "
               "(the `from` of units.csv); name a period from then on, as in --period 2021H1");
  }
}

BOOST_AUTO_TEST_SUITE_END()
