// mera status and completeness over a temporary database: every hop of Regulation 2.4 the day
// before, on and after its due date (organization -> platform day 5 / January 10, platform ->
// center day 15 / January 25, the platforms' half-year report July 15 / January 25, center ->
// department July 30 / February 10); late, returned and corrected reports; the as-of rule; and
// reporting_share for an organization, a platform and a year in which a unit moved.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "mera/engine/reporting.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/status.hpp"
#include "workflow_fixture.hpp"

using mera::dsl::Date;
using mera::engine::ItemKind;
using mera::engine::ReportingShare;
using mera::engine::StatusItem;
using mera::test::WorkflowDb;

namespace {

Date day(const std::string& iso) { return *mera::dsl::parse_iso_date(iso); }

// Status as mera would give it on `today` (by default the fixture's now).
mera::engine::StatusReport status_on(WorkflowDb& w, const std::string& on, const std::string& unit = {}, int soon = 7,
                                     const std::string& today = mera::test::kNow.substr(0, 10)) {
  mera::engine::StatusOptions o;
  o.on = day(on);
  o.unit = unit;
  o.soon_days = soon;
  o.today = day(today);
  return mera::engine::build_status(w.db, o);
}

std::vector<StatusItem> items(WorkflowDb& w, const std::string& on, const std::string& unit, int soon = 7) {
  for (auto& u : status_on(w, on, {}, soon).units)
    if (u.unit.id == unit) return u.items;
  return {};
}

// The one item of a form and period (own report or forward); fails the test when there are several.
std::optional<StatusItem> item(const std::vector<StatusItem>& all, const std::string& form, const std::string& period, bool forward = false) {
  std::optional<StatusItem> found;
  for (const auto& i : all)
    if (i.form == form && i.period == period && i.forward == forward) {
      BOOST_TEST(!found, "two items for " << form << " " << period);
      found = i;
    }
  return found;
}

// The kind and days of the item on `on`, as "overdue 1", "due_soon 0", "ready 8", "late 3"; "" for none.
std::string seen(WorkflowDb& w, const std::string& on, const std::string& unit, const std::string& form, const std::string& period,
                 bool forward = false) {
  auto i = item(items(w, on, unit), form, period, forward);
  if (!i) return "";
  const char* kinds[] = {"overdue", "due_soon", "next", "returned", "corrected", "to_review", "ready", "late"};
  return std::string(kinds[static_cast<int>(i->kind)]) + " " + std::to_string(i->days);
}

ReportingShare share(WorkflowDb& w, const std::string& form, const std::string& unit, const std::string& period) {
  mera::engine::Revisions revisions(w.db);
  std::string why;
  auto tree = mera::engine::UnitTree::load(w.db);
  return mera::engine::reporting_share(w.db, *revisions.newest(why)->model, tree, form, unit, *mera::forms::parse_period(period));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(status)

BOOST_AUTO_TEST_CASE(organization_to_platform_day_5_and_january_10) {
  WorkflowDb w;
  BOOST_TEST(seen(w, "2021-03-28", "o1", "q", "2021Q1") == "");  // 8 days ahead: not yet "soon"
  BOOST_TEST(seen(w, "2021-03-29", "o1", "q", "2021Q1") == "due_soon 7");
  BOOST_TEST(seen(w, "2021-04-04", "o1", "q", "2021Q1") == "due_soon 1");
  BOOST_TEST(seen(w, "2021-04-05", "o1", "q", "2021Q1") == "due_soon 0");
  BOOST_TEST(seen(w, "2021-04-06", "o1", "q", "2021Q1") == "overdue 1");
  BOOST_TEST(seen(w, "2021-05-05", "o1", "q", "2021Q1") == "overdue 30");
  BOOST_TEST(seen(w, "2022-01-09", "o1", "q", "2021Q4") == "due_soon 1");
  BOOST_TEST(seen(w, "2022-01-10", "o1", "q", "2021Q4") == "due_soon 0");
  BOOST_TEST(seen(w, "2022-01-11", "o1", "q", "2021Q4") == "overdue 1");
  // o1 does not submit `other` (its forms list says q only); o2 does.
  BOOST_TEST(seen(w, "2021-04-06", "o1", "other", "2021Q1") == "");
  BOOST_TEST(seen(w, "2021-04-06", "o2", "other", "2021Q1") == "overdue 1");
  std::string text = mera::engine::render(status_on(w, "2022-01-11"), day("2026-01-01"));
  BOOST_TEST(has(text, "\no1  Организация 1  (organization under p1)\n  overdue    q 2021Q1 to p1: due 2021-04-05 (Monday), 281 days overdue\n"), text);
  BOOST_TEST(has(text, "\n  overdue    q 2021Q4 to p1: due 2022-01-10 (Monday), 1 day overdue\n"), text);
}

BOOST_AUTO_TEST_CASE(platform_to_center_day_15_and_january_25) {
  WorkflowDb w;
  // p1's reports of 2021Q1 are o1's and o2's (o3 sat under p2 then); both accepted early.
  BOOST_TEST(w.accept(w.submit("q", "o1", "2021Q1", "2021-04-01"), "p1", "2021-04-02").done);
  BOOST_TEST(w.accept(w.submit("q", "o2", "2021Q1", "2021-04-01"), "p1", "2021-04-02").done);
  BOOST_TEST(seen(w, "2021-04-07", "p1", "q", "2021Q1", true) == "ready 8");
  BOOST_TEST(seen(w, "2021-04-08", "p1", "q", "2021Q1", true) == "due_soon 7");
  BOOST_TEST(seen(w, "2021-04-14", "p1", "q", "2021Q1", true) == "due_soon 1");
  BOOST_TEST(seen(w, "2021-04-15", "p1", "q", "2021Q1", true) == "due_soon 0");
  BOOST_TEST(seen(w, "2021-04-16", "p1", "q", "2021Q1", true) == "overdue 1");
  BOOST_TEST(w.forward("q", "2021Q1", "p1", "2021-04-16").done);
  BOOST_TEST(seen(w, "2021-04-15", "p1", "q", "2021Q1", true) == "due_soon 0");  // as of that day it had not come yet
  BOOST_TEST(seen(w, "2021-04-20", "p1", "q", "2021Q1", true) == "late 1");
  // Q4: January 25; nothing below accepted, and the item says so.
  BOOST_TEST(seen(w, "2022-01-24", "p1", "q", "2021Q4", true) == "due_soon 1");
  BOOST_TEST(seen(w, "2022-01-25", "p1", "q", "2021Q4", true) == "due_soon 0");
  BOOST_TEST(seen(w, "2022-01-26", "p1", "q", "2021Q4", true) == "overdue 1");
  auto i = item(items(w, "2022-01-26", "p1"), "q", "2021Q4", true);
  BOOST_TEST(i->accepted == 0);
  BOOST_TEST(i->below == 3);  // o1, o2 and o3, which moved to p1 in July
  BOOST_TEST(i->to == "ctr");
}

BOOST_AUTO_TEST_CASE(the_platforms_half_year_report_july_15_and_january_25) {
  WorkflowDb w;
  BOOST_TEST(seen(w, "2021-07-14", "p1", "h", "2021H1") == "due_soon 1");
  BOOST_TEST(seen(w, "2021-07-15", "p1", "h", "2021H1") == "due_soon 0");
  BOOST_TEST(seen(w, "2021-07-16", "p1", "h", "2021H1") == "overdue 1");
  BOOST_TEST(seen(w, "2022-01-24", "p2", "h", "2021H2") == "due_soon 1");
  BOOST_TEST(seen(w, "2022-01-25", "p2", "h", "2021H2") == "due_soon 0");
  BOOST_TEST(seen(w, "2022-01-26", "p2", "h", "2021H2") == "overdue 1");
}

BOOST_AUTO_TEST_CASE(center_to_department_july_30_and_february_10) {
  WorkflowDb w;
  BOOST_TEST(seen(w, "2021-07-29", "ctr", "h", "2021H1", true) == "due_soon 1");
  BOOST_TEST(seen(w, "2021-07-30", "ctr", "h", "2021H1", true) == "due_soon 0");
  BOOST_TEST(seen(w, "2021-07-31", "ctr", "h", "2021H1", true) == "overdue 1");
  BOOST_TEST(seen(w, "2022-02-09", "ctr", "h", "2021H2", true) == "due_soon 1");
  BOOST_TEST(seen(w, "2022-02-10", "ctr", "h", "2021H2", true) == "due_soon 0");
  BOOST_TEST(seen(w, "2022-02-11", "ctr", "h", "2021H2", true) == "overdue 1");
  BOOST_TEST(item(items(w, "2022-02-11", "ctr"), "h", "2021H2", true)->below == 2);  // p1 and p2
  BOOST_TEST(!item(items(w, "2022-02-11", "dep"), "h", "2021H2", true).has_value());  // the top forwards nothing
}

BOOST_AUTO_TEST_CASE(late_is_counted_from_the_first_version_and_only_once_it_came) {
  WorkflowDb w;
  auto v1 = w.submit("q", "o1", "2021Q1", "2021-04-08");
  BOOST_TEST(seen(w, "2021-04-07", "o1", "q", "2021Q1") == "overdue 2");  // not in yet on that day
  BOOST_TEST(seen(w, "2021-04-08", "o1", "q", "2021Q1") == "late 3");
  auto late = item(items(w, "2021-04-08", "o1"), "q", "2021Q1");
  BOOST_TEST(late->submitted == "2021-04-08");
  BOOST_TEST(late->due->iso() == "2021-04-05");
  // A correction does not make it later, nor earlier.
  BOOST_TEST(w.give_back(v1, "p1", "ошибка", "2021-04-09").done);
  w.submit("q", "o1", "2021Q1", "2021-04-12", true);
  auto all = items(w, "2021-04-20", "o1");
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST((all[0].kind == ItemKind::corrected));  // waiting for review again
  BOOST_TEST((all[1].kind == ItemKind::late));
  BOOST_TEST(all[1].days == 3);
}

BOOST_AUTO_TEST_CASE(returned_and_corrected_reports_say_why_and_by_whom) {
  WorkflowDb w;
  auto v1 = w.submit("q", "o2", "2021Q1", "2021-04-03");
  BOOST_TEST(w.give_back(v1, "p1", "семей больше, чем в журнале", "2021-04-04").done);
  BOOST_TEST(seen(w, "2021-04-03", "o2", "q", "2021Q1") == "");  // as of the 3rd: in, nothing said yet
  auto back = item(items(w, "2021-04-10", "o2"), "q", "2021Q1");
  BOOST_REQUIRE(back);
  BOOST_TEST((back->kind == ItemKind::returned));
  BOOST_TEST(back->by == "p1");
  BOOST_TEST(back->who == "reviewer");
  BOOST_TEST(back->at == "2021-04-04");
  BOOST_TEST(back->reason == "семей больше, чем в журнале");
  w.submit("q", "o2", "2021Q1", "2021-04-12", true);
  BOOST_TEST(seen(w, "2021-04-11", "o2", "q", "2021Q1") == "returned 0");
  auto again = item(items(w, "2021-04-12", "o2"), "q", "2021Q1");
  BOOST_TEST((again->kind == ItemKind::corrected));
  BOOST_TEST(again->submitted == "2021-04-12");
  // The platform sees it among the reports waiting for it.
  auto wait = item(items(w, "2021-04-12", "p1"), "q", "2021Q1");
  BOOST_REQUIRE(wait);
  BOOST_TEST((wait->kind == ItemKind::to_review));
  BOOST_TEST(wait->units == std::vector<std::string>{"o2"});
  std::string text = mera::engine::render(status_on(w, "2021-04-10"), day("2026-01-01"));
  BOOST_TEST(has(text, "  returned   q 2021Q1: returned by p1 (reviewer) at 2021-04-04:\n             «семей больше, чем в журнале»\n"), text);
}

BOOST_AUTO_TEST_CASE(a_unit_and_what_is_below_it) {
  WorkflowDb w;
  auto r = status_on(w, "2021-10-06", "p2");
  std::vector<std::string> ids;
  for (const auto& u : r.units) ids.push_back(u.unit.id);
  // o3 left p2 in July, but its overdue reports of the first half-year are still p2's business.
  BOOST_TEST(ids == (std::vector<std::string>{"p2", "o3"}), boost::test_tools::per_element());
  std::vector<std::string> periods;
  for (const auto& i : r.units[1].items) periods.push_back(i.period);
  BOOST_TEST(periods == (std::vector<std::string>{"2021Q1", "2021Q2"}), boost::test_tools::per_element());
  BOOST_CHECK_THROW(status_on(w, "2021-10-06", "p9"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(before_the_first_revision_nothing_is_due_and_far_ahead_runs_are_folded) {
  WorkflowDb w;
  auto early = status_on(w, "2020-12-01");
  BOOST_TEST(has(early.note, "no approved model revision is in force on 2020-12-01"), early.note);
  for (const auto& u : early.units) BOOST_TEST(u.items.empty());
  std::string text = mera::engine::render(early, day("2026-01-01"));
  BOOST_TEST(has(text, "No report was due by 2020-12-01"), text);
  // Ten years on (mera run in 2030): the run of overdue quarters is one line.
  auto far = status_on(w, "2031-01-01", {}, 7, "2030-12-01");
  std::optional<StatusItem> run;
  for (const auto& u : far.units)
    if (u.unit.id == "o1") run = item(u.items, "q", "2021Q1");
  BOOST_REQUIRE(run);
  BOOST_TEST(run->count == 39);  // 2021Q1 .. 2030Q3; 2030Q4 is due on 2031-01-10
  BOOST_TEST(run->last_period == "2030Q3");
  BOOST_TEST(has(mera::engine::render(far, day("2030-12-01")), "2031-01-01 is after today (2030-12-01)"));
}

BOOST_AUTO_TEST_CASE(completeness_in_status_counts_what_was_due_by_the_day) {
  WorkflowDb w;
  w.submit("q", "o1", "2021Q1", "2021-04-03");
  w.submit("q", "o2", "2021Q1", "2021-04-07");  // late
  auto r = status_on(w, "2021-04-10");
  BOOST_REQUIRE(r.periods.size() == 3u);  // 2021Q1, 2021H1, 2021
  BOOST_TEST(r.periods[0].text() == "2021Q1");
  BOOST_TEST(r.periods[2].text() == "2021");
  // Due by then: q from o1, o2, o3 and other from o2.
  BOOST_TEST((r.total.cells[0] == ReportingShare{4, 2, 1}));
  BOOST_TEST((r.total.cells[2] == ReportingShare{4, 2, 1}));
  for (const auto& row : r.by_unit)
    if (row.label == "p1") BOOST_TEST((row.cells[0] == ReportingShare{3, 2, 1}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reporting)

BOOST_AUTO_TEST_CASE(an_organizations_year) {
  WorkflowDb w;
  w.submit("q", "o1", "2021Q1", "2021-04-03");                      // on time
  w.submit("q", "o1", "2021Q2", "2021-07-08");                      // late
  auto q4 = w.submit("q", "o1", "2021Q4", "2022-01-09");            // on time, then returned
  BOOST_TEST(w.give_back(q4, "p1", "ошибка", "2022-01-10").done);
  BOOST_TEST((share(w, "q", "o1", "2021") == ReportingShare{4, 2, 1}));
  BOOST_TEST((share(w, "q", "o1", "2021Q1") == ReportingShare{1, 1, 1}));
  BOOST_TEST((share(w, "q", "o1", "2021H1") == ReportingShare{2, 2, 1}));
  // Corrected after the due date: received, and on time, for the first version was.
  w.submit("q", "o1", "2021Q4", "2022-01-20", true);
  BOOST_TEST((share(w, "q", "o1", "2021") == ReportingShare{4, 3, 2}));
}

BOOST_AUTO_TEST_CASE(a_platform_and_a_unit_that_moved_mid_year) {
  WorkflowDb w;
  for (const char* p : {"2021Q1", "2021Q2", "2021Q3", "2021Q4"}) w.submit("q", "o3", p, "2022-01-05");
  // o3 counts under p2 for the first half-year and under p1 for the second.
  BOOST_TEST((share(w, "q", "p2", "2021") == ReportingShare{2, 2, 0}));  // Q1 and Q2, both came late, in January 2022
  BOOST_TEST(share(w, "q", "p2", "2021H2").expected == 0);
  BOOST_TEST(share(w, "q", "p1", "2021").expected == 10);  // o1 4, o2 4, o3 2
  BOOST_TEST(share(w, "q", "p1", "2021").received == 2);
  BOOST_TEST(share(w, "q", "ctr", "2021").expected == 12);
  BOOST_TEST(share(w, "q", "dep", "2021").expected == 12);
  BOOST_TEST(share(w, "other", "p1", "2021").expected == 4);  // only o2 submits it
  BOOST_TEST(share(w, "h", "ctr", "2021").expected == 4);     // two platforms, two half-years
  BOOST_TEST(share(w, "h", "p1", "2021Q1").expected == 0);    // no half-year inside a quarter
  BOOST_TEST(share(w, "q", "nobody", "2021").expected == 0);
  BOOST_CHECK_THROW(share(w, "qq", "p1", "2021"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(as_of_a_day_only_what_was_due_and_in_by_then) {
  WorkflowDb w;
  w.submit("q", "o1", "2021Q1", "2021-04-03");
  w.submit("q", "o1", "2021Q2", "2021-07-03");
  mera::engine::Revisions revisions(w.db);
  std::string why;
  auto tree = mera::engine::UnitTree::load(w.db);
  mera::engine::Reporting reporting(w.db, tree);
  const auto& model = *revisions.newest(why)->model;
  auto year = *mera::forms::parse_period("2021");
  BOOST_TEST((reporting.share_on(model, "q", "o1", year, day("2021-04-04")) == ReportingShare{0, 0, 0}));
  BOOST_TEST((reporting.share_on(model, "q", "o1", year, day("2021-04-05")) == ReportingShare{1, 1, 1}));
  BOOST_TEST((reporting.share_on(model, "q", "o1", year, day("2021-07-02")) == ReportingShare{1, 1, 1}));
  BOOST_TEST((reporting.share_on(model, "q", "o1", year, day("2021-07-06")) == ReportingShare{2, 2, 2}));
  BOOST_TEST((reporting.share(model, "q", "o1", year) == ReportingShare{4, 2, 2}));
}

BOOST_AUTO_TEST_SUITE_END()
