// The reading routes against a real `mera serve` on the demo database: indicators (JSON and
// CSV), explain, the dashboard, deadlines, a report's history, the audit log; each allowed
// within the account's sub-tree and refused outside it, with the JSON error every refusal has.
#define BOOST_TEST_MODULE mera_service_routes
#include <boost/test/unit_test.hpp>

#include "routes_world.hpp"

using nlohmann::json;
using namespace mera::test;

namespace {

std::vector<std::string> units_of(const json& dashboard) {
  std::vector<std::string> out;
  for (const auto& u : dashboard["units"]) out.push_back(u["unit"]);
  return out;
}

bool has_unit(const json& dashboard, const std::string& unit) {
  auto all = units_of(dashboard);
  return std::find(all.begin(), all.end(), unit) != all.end();
}

const json* indicator(const json& unit, const std::string& name) {
  for (const auto& i : unit["indicators"])
    if (i["name"] == name) return &i;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(indicators_of_a_unit_and_period_as_json_and_csv_inside_the_sub_tree_only) {
  RoutesWorld& w = routes_world();
  std::string org01 = w.login("org01"), org02 = w.login("org02"), platform = w.login("platform");
  Reply own = w.call("GET", "/api/indicators?period=2021", "", org01);  // the caller's own unit by default
  BOOST_TEST(own.status == 200);
  BOOST_TEST(own.body["period"] == "2021");
  BOOST_REQUIRE(own.body["units"].size() == 1u);
  BOOST_TEST(own.body["units"][0]["unit"] == "org01");
  const json* served = indicator(own.body["units"][0], "blood_families_served");
  BOOST_REQUIRE(served);
  BOOST_TEST((*served)["value"].is_number());
  BOOST_TEST(own.body["diagnostics"].is_array());
  // The platform above reads it too; another organization does not.
  BOOST_TEST(w.call("GET", "/api/indicators?unit=org01&period=2021H2", "", platform).status == 200);
  expect_error(w.call("GET", "/api/indicators?unit=org01&period=2021", "", org02), 403, "may read_indicators for its own unit");
  expect_error(w.call("GET", "/api/indicators?unit=platform_blood&period=2021", "", org01), 403, "'platform_blood' is not among them");
  expect_error(w.call("GET", "/api/indicators?unit=org99&period=2021", "", platform), 404, "no unit 'org99'");
  expect_error(w.call("GET", "/api/indicators?period=2021Q7", "", org01), 400, "period=2021Q7");
  expect_error(w.call("GET", "/api/indicators?period=2021&format=xml", "", org01), 400, "format=csv");
  expect_error(w.call("GET", "/api/indicators?period=2021"), 401, "Authorization: Bearer");
  // CSV as `mera eval --format csv` writes it, with its own content type.
  Reply csv = w.raw("GET", "/api/indicators?unit=org01&period=2021&format=csv", "", platform);
  BOOST_TEST(csv.status == 200);
  BOOST_TEST(csv.content_type == "text/csv; charset=utf-8");
  BOOST_TEST(csv.text.rfind("unit,period,indicator,label,value,display,target,status,reason,detail\n", 0) == 0u, csv.text);
  BOOST_TEST(contains(csv.text, "\norg01,2021,blood_families_served,"), csv.text);
}

BOOST_AUTO_TEST_CASE(explain_shows_the_aggregates_of_one_value_and_is_refused_outside) {
  RoutesWorld& w = routes_world();
  std::string platform = w.login("platform"), org02 = w.login("org02");
  Reply e = w.call("GET", "/api/indicators/blood_positive_share/explain?unit=platform_blood&period=2021H2", "", platform);
  BOOST_TEST(e.status == 200);
  BOOST_TEST(e.body["result"]["name"] == "blood_positive_share");
  BOOST_TEST(e.body["unit"] == "platform_blood");
  BOOST_TEST(e.body["period"] == "2021H2");
  BOOST_TEST(!e.body["formula"].get<std::string>().empty());
  BOOST_REQUIRE(!e.body["aggregates"].empty());
  const json& first = e.body["aggregates"][0];
  BOOST_REQUIRE(!first["units"].empty());
  BOOST_TEST(first["units"][0]["reports"].get<int>() > 0);
  BOOST_TEST(!first["units"][0]["submissions"].empty());
  expect_error(w.call("GET", "/api/indicators/no_such_thing/explain?unit=platform_blood&period=2021", "", platform), 404,
               "has no indicator 'no_such_thing'");
  expect_error(w.call("GET", "/api/indicators/blood_positive_share/explain?unit=org01&period=2021", "", org02), 403, "'org01'");
}

BOOST_AUTO_TEST_CASE(the_dashboard_holds_the_unit_and_those_below_it_the_account_may_read) {
  RoutesWorld& w = routes_world();
  std::string platform = w.login("platform"), south = w.login("south"), admin = w.login("admin");
  Reply p = w.call("GET", "/api/dashboard?period=2021", "", platform);
  BOOST_TEST(p.status == 200);
  BOOST_TEST(units_of(p.body).front() == "platform_blood");
  BOOST_TEST(has_unit(p.body, "org01"));
  BOOST_TEST(has_unit(p.body, "org10"));
  BOOST_TEST(!has_unit(p.body, "org11"));
  BOOST_TEST(!has_unit(p.body, "center"));
  BOOST_TEST(p.body["units"].size() == 11u);  // the platform and its ten organizations
  Reply s = w.call("GET", "/api/dashboard?period=2021", "", south);
  BOOST_TEST(has_unit(s.body, "org11"));
  BOOST_TEST(!has_unit(s.body, "org01"));
  Reply all = w.call("GET", "/api/dashboard?period=2021", "", admin);
  BOOST_TEST(units_of(all.body).front() == "department");
  BOOST_TEST(has_unit(all.body, "org01"));
  BOOST_TEST(has_unit(all.body, "org11"));
  Reply below = w.call("GET", "/api/dashboard?unit=platform_foster_south&period=2021", "", admin);
  BOOST_TEST(units_of(below.body).front() == "platform_foster_south");
  BOOST_TEST(!has_unit(below.body, "department"));
  expect_error(w.call("GET", "/api/dashboard?unit=platform_foster_south&period=2021", "", platform), 403, "platform_foster_south");
}

BOOST_AUTO_TEST_CASE(deadlines_of_a_period_or_year_of_the_model_or_of_one_unit) {
  RoutesWorld& w = routes_world();
  std::string org01 = w.login("org01"), org02 = w.login("org02");
  Reply own = w.call("GET", "/api/deadlines?unit=org01&period=2021Q4", "", org01);
  BOOST_TEST(own.status == 200);
  BOOST_TEST(own.body["unit"] == "org01");
  BOOST_REQUIRE(own.body["periods"].size() == 1u);
  const json& forms = own.body["periods"][0]["forms"];
  BOOST_REQUIRE(!forms.empty());
  BOOST_TEST(forms[0]["form"] == "blood_families");
  BOOST_REQUIRE(!forms[0]["hops"].empty());
  BOOST_TEST(forms[0]["hops"][0]["from"] == "organization");
  BOOST_TEST(forms[0]["hops"][0]["due"].get<std::string>().rfind("2022-01-", 0) == 0u);
  for (const auto& f : forms) BOOST_TEST(f["form"] != "foster_school");  // not a form org01 submits
  Reply year = w.call("GET", "/api/deadlines?year=2021", "", org02);
  BOOST_TEST(year.status == 200);
  BOOST_TEST(year.body["periods"].size() >= 5u);  // quarters and the year at least
  expect_error(w.call("GET", "/api/deadlines?unit=org01&period=2021Q4", "", org02), 403, "'org01'");
  expect_error(w.call("GET", "/api/deadlines", "", org02), 400, "period=P");
  expect_error(w.call("GET", "/api/deadlines?year=2021Q1", "", org02), 400, "not a year");
  expect_error(w.call("GET", "/api/deadlines?period=2021Q1&year=2021", "", org02), 400, "one of them");
}

BOOST_AUTO_TEST_CASE(a_reports_history_lists_its_versions_the_return_with_its_reason_and_the_accept) {
  RoutesWorld& w = routes_world();
  std::string org01 = w.login("org01"), org02 = w.login("org02"), platform = w.login("platform");
  const std::string values =
      R"({"families":84,"children":194,"by_risk":{"low":25,"medium":36,"high":23},"new_families":22,"new_children":53,"closed":19,)"
      R"("closed_children":46,"on_support":65,"children_on_support":148,"positive":41,"negative":4,"reopened":1,"long_work":12})";
  std::string report = R"({"form":"blood_families","unit":"org01","period":"2023Q1","values":)" + values + "}";
  Reply sent = w.call("POST", "/api/submissions", report, org01);
  BOOST_REQUIRE_MESSAGE(sent.status == 201, sent.text);
  std::string first = std::to_string(sent.body["ids"][0].get<long>());
  BOOST_TEST(w.call("POST", "/api/submissions/" + first + "/return", R"({"reason":"families by risk: check the high ones"})", platform).status == 200);
  Reply fixed = w.call("POST", "/api/submissions?correct=true", report, org01);
  BOOST_REQUIRE_MESSAGE(fixed.status == 201, fixed.text);
  std::string second = std::to_string(fixed.body["ids"][0].get<long>());
  BOOST_TEST(w.call("POST", "/api/submissions/" + second + "/accept", "", platform).status == 200);
  Reply h = w.call("GET", "/api/submissions/" + first + "/history", "", org01);
  BOOST_TEST(h.status == 200);
  BOOST_TEST(h.body["versions"].size() == 2u);
  BOOST_TEST(h.body["versions"][1]["correction"] == true);
  BOOST_REQUIRE(h.body["events"].size() == 2u);
  BOOST_TEST(h.body["events"][0]["action"] == "returned");
  BOOST_TEST(h.body["events"][0]["reason"] == "families by risk: check the high ones");
  BOOST_TEST(h.body["events"][0]["who"] == "platform");
  BOOST_TEST(h.body["events"][1]["action"] == "accepted");
  BOOST_TEST(h.body["events"][1]["submission"].get<long>() == std::stol(second));
  BOOST_TEST(!h.body["lines"].empty());
  BOOST_TEST(contains(h.body["now"].get<std::string>(), "accepted"), h.text);
  BOOST_TEST(w.call("GET", "/api/submissions/" + second + "/history", "", platform).status == 200);
  expect_error(w.call("GET", "/api/submissions/" + first + "/history", "", org02), 403, "'org01'");
  expect_error(w.call("GET", "/api/submissions/99999999/history", "", org01), 404, "no submission 99999999");
  expect_error(w.call("GET", "/api/submissions/abc/history", "", org01), 404, "a submission id is a number");
}

BOOST_AUTO_TEST_CASE(the_audit_log_a_page_at_a_time_for_administrators_within_their_sub_tree) {
  RoutesWorld& w = routes_world();
  std::string admin = w.login("admin"), padmin = w.login("padmin"), org01 = w.login("org01"), platform = w.login("platform");
  Reply page = w.call("GET", "/api/audit?limit=3", "", admin);
  BOOST_TEST(page.status == 200);
  BOOST_REQUIRE(page.body["entries"].size() == 3u);
  BOOST_TEST(page.body["entries"][0]["action"] == "init");  // the top's administrator reads everything, from the start
  BOOST_REQUIRE(page.body["next"].is_string());
  Reply next = w.call("GET", page.body["next"], "", admin);
  BOOST_REQUIRE(!next.body["entries"].empty());
  BOOST_TEST(next.body["entries"][0]["id"].get<long>() > page.body["entries"][2]["id"].get<long>());
  // Walk the whole log: the entries of the logins above are in it, and their passwords are not.
  std::vector<json> all = audit_entries(w, admin);
  bool logged_in = false;
  for (const auto& e : all) {
    logged_in = logged_in || (e["action"] == "login" && e["who"] == "padmin");
    for (const auto& [login, password] : w.passwords) BOOST_TEST(!contains(e.dump(), password));
  }
  BOOST_TEST(logged_in);
  // An administrator of a platform reads only what the accounts of its sub-tree did.
  std::vector<json> mine = audit_entries(w, padmin);
  BOOST_TEST(!mine.empty());
  for (const auto& e : mine) {
    std::string who = e["who"];
    BOOST_TEST((who == "org01" || who == "org02" || who == "platform" || who == "padmin"), who);
  }
  expect_error(w.call("GET", "/api/audit", "", org01), 403, "may not read_audit");
  expect_error(w.call("GET", "/api/audit", "", platform), 403, "may not read_audit");
  expect_error(w.call("GET", "/api/audit?limit=0", "", admin), 400, "limit=0");
  expect_error(w.call("GET", "/api/audit?since=x", "", admin), 400, "since=x");
}
