// The writing routes of methodologists, approvers and administrators against a real
// `mera serve`: revisions (list, publish a draft, semantic diff, what-if, approve), accounts
// over HTTP (add, list, new password, disable; the password only ever in a body), and the
// OpenAPI document held against the routes the server registered, both ways.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "routes_world.hpp"

using nlohmann::json;
using namespace mera::test;

namespace {

// The Tomsk model's files as a revision stores them ("tomsk/model.mera": text), changed as a
// methodologist's copy for 2022 would be (the README's example: another effective date, a
// higher target).
json tomsk_2022() {
  json files = json::object();
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MERA_SOURCE_DIR) + "/examples/tomsk")) {
    if (entry.path().extension() != ".mera") continue;
    std::string text = slurp(entry.path());
    for (auto [from, to] : {std::pair<std::string, std::string>{"effective 2020-06-10", "effective 2022-01-01"}, {"target >= 60%", "target >= 65%"}})
      if (auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
    files["tomsk/" + entry.path().filename().string()] = text;
  }
  return {{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", files}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_methodologist_publishes_a_draft_that_is_diffed_compared_and_approved_at_the_top) {
  RoutesWorld& w = routes_world();
  std::string method = w.login("method"), head = w.login("head"), org01 = w.login("org01"), admin = w.login("admin");
  Reply list = w.call("GET", "/api/revisions", "", org01);
  BOOST_TEST(list.status == 200);
  BOOST_REQUIRE(list.body["revisions"].size() == 1u);
  BOOST_TEST(list.body["revisions"][0]["status"] == "approved");
  BOOST_TEST(list.body["revisions"][0]["governs"]["from"] == "2020-06-10");

  json draft = tomsk_2022();
  expect_error(w.call("POST", "/api/revisions", draft.dump(), org01), 403, "may not publish_revision");
  expect_error(w.call("POST", "/api/revisions", draft.dump(), admin), 403, "may not publish_revision");
  json escaping = draft;
  escaping["files"]["../etc/model.mera"] = "model x";
  expect_error(w.call("POST", "/api/revisions", escaping.dump(), method), 400, "no '..'");
  json broken = draft;
  broken["files"]["tomsk/indicators.mera"] = broken["files"]["tomsk/indicators.mera"].get<std::string>() + "\nindicator broken {";
  Reply refused = w.call("POST", "/api/revisions", broken.dump(), method);
  expect_error(refused, 400, "the model has errors");
  BOOST_REQUIRE(!refused.body["diagnostics"].empty());
  BOOST_TEST(refused.body["diagnostics"][0]["file"] == "tomsk/indicators.mera");
  json wrong_day = draft;
  wrong_day["effective"] = "2022-02-01";
  expect_error(w.call("POST", "/api/revisions", wrong_day.dump(), method), 400, "effective date disagrees");

  Reply published = w.call("POST", "/api/revisions", draft.dump(), method);
  BOOST_REQUIRE_MESSAGE(published.status == 201, published.text);
  BOOST_TEST(published.body["status"] == "draft");
  std::string id = std::to_string(published.body["revision"].get<long>());
  expect_error(w.call("POST", "/api/revisions", draft.dump(), method), 409, "the same as revision " + id);

  Reply diff = w.call("GET", "/api/revisions/diff?from=1&to=" + id, "", org01);
  BOOST_TEST(diff.status == 200);
  bool target_changed = false;
  for (const auto& c : diff.body["changes"])
    for (const auto& a : c["aspects"]) target_changed = target_changed || (a["aspect"] == "target" && contains(a["after"], "65"));
  BOOST_TEST(target_changed, diff.text);
  expect_error(w.call("GET", "/api/revisions/diff?from=1&to=77", "", org01), 404, "no revision 77");
  expect_error(w.call("GET", "/api/revisions/diff?from=1", "", org01), 400, "from=A&to=B");

  Reply what_if = w.call("GET", "/api/revisions/" + id + "/compare?unit=department&period=2022", "", method);
  BOOST_TEST(what_if.status == 200);
  BOOST_TEST(what_if.body["revision"].get<long>() == std::stol(id));
  BOOST_TEST(what_if.body["in_force"] == 1);
  BOOST_TEST(what_if.body["stored"] == false);
  bool judged_again = false;
  for (const auto& i : what_if.body["units"][0]["indicators"]) judged_again = judged_again || i["change"] == "target";
  BOOST_TEST(judged_again, what_if.text);
  expect_error(w.call("GET", "/api/revisions/" + id + "/compare?unit=org01&period=2022", "", org01), 403, "may not what_if");

  expect_error(w.call("POST", "/api/revisions/" + id + "/approve", "", method), 403, "may not approve_revision");
  Reply approved = w.call("POST", "/api/revisions/" + id + "/approve", "", head);
  BOOST_TEST(approved.status == 200, approved.text);
  BOOST_TEST(approved.body["status"] == "approved");
  BOOST_TEST(approved.body["governs"]["from"] == "2022-01-01");
  expect_error(w.call("POST", "/api/revisions/" + id + "/approve", "", head), 409, "approved already");
  expect_error(w.call("POST", "/api/revisions/77/approve", "", head), 404, "no revision 77");
  BOOST_TEST(w.call("GET", "/api/revisions", "", org01).body["revisions"].size() == 2u);

  // Both writes are in the audit log with the account that made them.
  bool publish = false, approve = false;
  for (const auto& e : audit_entries(w, admin)) {
    publish = publish || (e["action"] == "revision.publish" && e["who"] == "method");
    approve = approve || (e["action"] == "revision.approve" && e["who"] == "head" && e["subject"] == id);
  }
  BOOST_TEST(publish);
  BOOST_TEST(approve);
}

BOOST_AUTO_TEST_CASE(an_administrator_manages_the_accounts_of_its_sub_tree_and_no_password_is_seen) {
  RoutesWorld& w = routes_world();
  std::string admin = w.login("admin"), padmin = w.login("padmin"), org01 = w.login("org01");
  Reply all = w.call("GET", "/api/users", "", admin);
  BOOST_TEST(all.status == 200);
  BOOST_TEST(all.body["accounts"].size() >= 8u);
  for (const auto& a : all.body["accounts"]) BOOST_TEST(!a.contains("password_hash"));
  std::set<std::string> theirs;
  Reply mine = w.call("GET", "/api/users", "", padmin);  // named: a loop over a temporary's member would dangle
  for (const auto& a : mine.body["accounts"]) theirs.insert(a["login"].get<std::string>());
  BOOST_TEST((theirs == std::set<std::string>{"org01", "org02", "padmin", "platform"}));
  expect_error(w.call("GET", "/api/users", "", org01), 403, "may not manage_accounts");

  const std::string first = "first pass 0f org03", second = "second pass 0f org03";
  json add = {{"login", "org03.ivanova"}, {"unit", "org03"}, {"role", "submitter"}, {"password", first}};
  expect_error(w.call("POST", "/api/users", add.dump(), org01), 403, "may not manage_accounts");
  json elsewhere = add;
  elsewhere["unit"] = "org11";
  expect_error(w.call("POST", "/api/users", elsewhere.dump(), padmin), 403, "'org11'");
  json short_one = add;
  short_one["password"] = "short";
  expect_error(w.call("POST", "/api/users", short_one.dump(), padmin), 400, "at least 10 characters");
  json bad_role = add;
  bad_role["role"] = "boss";
  expect_error(w.call("POST", "/api/users", bad_role.dump(), padmin), 400, "a role is one of");
  json no_unit = add;
  no_unit["unit"] = "org99";
  expect_error(w.call("POST", "/api/users", no_unit.dump(), padmin), 400, "no unit 'org99'");
  Reply added = w.call("POST", "/api/users", add.dump(), padmin);
  BOOST_TEST(added.status == 201, added.text);
  BOOST_TEST(added.body["unit"] == "org03");
  expect_error(w.call("POST", "/api/users", add.dump(), padmin), 409, "is taken");

  std::string token = w.login_with("org03.ivanova", first);
  BOOST_TEST(w.call("GET", "/api/me", "", token).body["unit"] == "org03");
  expect_error(w.call("POST", "/api/users/org03.ivanova/password", json{{"password", second}}.dump(), org01), 403, "manage_accounts");
  expect_error(w.call("POST", "/api/users/south/password", json{{"password", second}}.dump(), padmin), 403, "'platform_foster_south'");
  expect_error(w.call("POST", "/api/users/nobody/password", json{{"password", second}}.dump(), padmin), 404, "no account 'nobody'");
  Reply changed = w.call("POST", "/api/users/org03.ivanova/password", json{{"password", second}}.dump(), padmin);
  BOOST_TEST(changed.status == 200, changed.text);
  expect_error(w.call("GET", "/api/me", "", token), 401, "");  // its sessions ended
  expect_error(w.call("POST", "/api/login", json{{"login", "org03.ivanova"}, {"password", first}}.dump()), 401, "wrong login or password");
  w.login_with("org03.ivanova", second);

  expect_error(w.call("POST", "/api/users/padmin/disable", "", padmin), 409, "cannot disable its own account");
  Reply disabled = w.call("POST", "/api/users/org03.ivanova/disable", "", padmin);
  BOOST_TEST(disabled.status == 200, disabled.text);
  BOOST_TEST(disabled.body["sessions_ended"] == 1);
  expect_error(w.call("POST", "/api/login", json{{"login", "org03.ivanova"}, {"password", second}}.dump()), 403, "is disabled");

  // The passwords sent are in no answer, no audit entry and not in the server's log.
  std::string log = w.server->log();
  for (const std::string& p : {first, second}) {
    BOOST_TEST(!contains(log, p));
    for (const auto& body : w.responses) BOOST_TEST(!contains(body, p));
  }
  bool audited = false;
  for (const auto& e : audit_entries(w, admin)) {
    audited = audited || (e["action"] == "account.add" && e["who"] == "padmin" && e["subject"] == "org03.ivanova");
    BOOST_TEST(!contains(e.dump(), first));
    BOOST_TEST(!contains(e.dump(), second));
  }
  BOOST_TEST(audited);
}

BOOST_AUTO_TEST_CASE(the_openapi_document_and_the_registered_routes_agree_both_ways) {
  RoutesWorld& w = routes_world();
  Reply doc = w.call("GET", "/api/openapi.json");
  BOOST_REQUIRE(doc.status == 200);
  BOOST_TEST(doc.body["openapi"].get<std::string>().rfind("3.", 0) == 0u);
  BOOST_TEST(doc.body["components"]["schemas"]["Error"]["required"] == json({"error", "diagnostics"}));
  Reply routes = w.call("GET", "/api/routes");
  BOOST_REQUIRE(routes.status == 200);
  std::set<std::pair<std::string, std::string>> registered, documented;
  for (const auto& r : routes.body["routes"]) registered.emplace(r["method"], r["pattern"]);
  // A documented path as Router writes its pattern: each {parameter} is one path segment.
  const std::regex parameter(R"(\{[a-z_]+\})");
  for (const auto& [path, operations] : doc.body["paths"].items())
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.emplace(upper, std::regex_replace(path, parameter, "([^/]+)"));
      BOOST_TEST(operation.contains("summary"), path);
      // Every error it may answer has the one error shape.
      for (const auto& [status, response] : operation["responses"].items())
        if (status[0] != '2') BOOST_TEST(response["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Error", path << " " << status);
    }
  for (const auto& r : registered) BOOST_TEST(documented.contains(r), "registered, not documented: " << r.first << " " << r.second);
  for (const auto& d : documented) BOOST_TEST(registered.contains(d), "documented, not registered: " << d.first << " " << d.second);
  BOOST_TEST(registered.size() >= 30u);
  // Every documented path and method answers, without a login, from its route (401, 400, or the
  // document itself), never with the "no route" 404 of a path nobody serves.
  for (const auto& [path, operations] : doc.body["paths"].items())
    for (const auto& [method, operation] : operations.items()) {
      std::string address = std::regex_replace(path, parameter, "1");
      // The web pages (/, /{page}) answer HTML, the app's index.html; every other path JSON.
      bool web_page = path.rfind("/api/", 0) != 0;
      Reply r = web_page ? w.raw("GET", address) : w.call(method == "get" ? "GET" : "POST", address, method == "post" ? "{}" : "");
      if (web_page) BOOST_TEST((r.content_type == "text/html; charset=utf-8" && contains(r.text, "<html lang=\"ru\">")), address << ": " << r.content_type);
      BOOST_TEST(!(r.status == 404 && contains(r.body.value("error", ""), "no route")), method << " " << address << ": " << r.text);
      BOOST_TEST((r.status == 200 || r.status == 400 || r.status == 401), method << " " << address << ": " << r.status);
    }
}
