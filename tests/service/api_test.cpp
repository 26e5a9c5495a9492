// The service as a client meets it: a real `mera serve` on a free loopback port, a real HTTP
// client (httplib::Client). Logging in and out, tokens refused (forged, expired, after logout,
// of a disabled account), submitting as one's own unit and refused for another, the server's
// clock, validate, 409 for a repeated report, reads outside the sub-tree refused, JSON errors
// (400, 401, 403, 404, 409, 413), no password or token in clear anywhere, and SIGTERM answering
// the request in flight.
#define BOOST_TEST_MODULE mera_service
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "mera/storage/raw_sql.hpp"
#include "server_process.hpp"

using nlohmann::json;
using namespace mera::test;

namespace {

const std::string kValues =
    R"({"families":84,"children":194,"by_risk":{"low":25,"medium":36,"high":23},"new_families":22,"new_children":53,"closed":19,)"
    R"("closed_children":46,"on_support":65,"children_on_support":148,"positive":41,"negative":4,"reopened":1,"long_work":12})";

std::string report(const std::string& unit, const std::string& period, const std::string& extra = "") {
  return R"({"form":"blood_families","unit":")" + unit + R"(","period":")" + period + "\"" + extra + R"(,"values":)" + kValues + "}";
}

struct Reply {
  int status = 0;
  json body;
  std::string text;
};

// The accounts, the database and the server of every test case; made once.
struct World {
  TempDir dir;
  std::string db = dir / "tomsk.db";
  std::vector<std::pair<std::string, std::string>> passwords;  // login, password
  std::vector<std::string> responses;                          // every body the server sent
  std::vector<std::string> issued;                             // every token a login gave
  std::unique_ptr<Server> server;

  World() {
    BOOST_REQUIRE(run({"init", "--db", db, std::string(MERA_SOURCE_DIR) + "/examples/tomsk"}, dir).exit == 0);
    add("org01", "org01", "submitter");
    add("org02", "org02", "submitter");
    add("platform", "platform_blood", "reviewer");
    add("south", "platform_foster_south", "viewer");
    add("dept", "department", "admin");
    add("leaver", "org03", "submitter");
    server = std::make_unique<Server>(db, dir / "serve.log");
  }
  void add(const std::string& login, const std::string& unit, const std::string& role) {
    std::string password = "pw of " + login + " 7Xq!";
    passwords.emplace_back(login, password);
    BOOST_REQUIRE(run_with_input({"users", "add", "--db", db, "--login", login, "--unit", unit, "--role", role}, password + "\n", dir) == 0);
  }
  const std::string& password(const std::string& login) {
    for (auto& [l, p] : passwords)
      if (l == login) return p;
    throw std::logic_error("no such test account");
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body = "", const std::string& token = "") {
    httplib::Client client("127.0.0.1", server->port());
    client.set_read_timeout(120, 0);  // a generous bound, not a measurement: a busy machine is slow
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result r = method == "GET" ? client.Get(path, headers) : client.Post(path, headers, body, "application/json");
    BOOST_REQUIRE_MESSAGE(r, method << " " << path << ": no answer (" << httplib::to_string(r.error()) << ")");
    Reply out{r->status, json::parse(r->body, nullptr, false), r->body};
    responses.push_back(r->body);
    BOOST_TEST_INFO(method << " " << path << " -> " << r->status << " " << r->body);
    BOOST_TEST(r->get_header_value("Content-Type").rfind("application/json", 0) == 0u);
    BOOST_TEST(!r->get_header_value("X-Request-Id").empty());
    return out;
  }
  std::string login(const std::string& login) {
    Reply r = call("POST", "/api/login", json{{"login", login}, {"password", password(login)}}.dump());
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.text);
    issued.push_back(r.body["token"]);
    return r.body["token"];
  }
};

World& world() {
  static World w;
  return w;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void expect_error(const Reply& r, int status, const std::string& part) {
  BOOST_TEST(r.status == status, r.text);
  BOOST_TEST(r.body.is_object());
  BOOST_TEST(r.body.contains("diagnostics"));
  BOOST_TEST(has(r.body.value("error", ""), part), r.text);
}

}  // namespace

BOOST_AUTO_TEST_CASE(login_with_the_right_password_and_refused_with_a_wrong_one) {
  World& w = world();
  Reply ok = w.call("POST", "/api/login", json{{"login", "org01"}, {"password", w.password("org01")}}.dump());
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(ok.body["token"].get<std::string>().size() == 64u);
  BOOST_TEST(ok.body["unit"] == "org01");
  BOOST_TEST(ok.body["role"] == "submitter");
  w.issued.push_back(ok.body["token"]);
  Reply me = w.call("GET", "/api/me", "", ok.body["token"]);
  BOOST_TEST(me.body["login"] == "org01");
  expect_error(w.call("POST", "/api/login", R"({"login":"org01","password":"not it at all"})"), 401, "wrong login or password");
  expect_error(w.call("POST", "/api/login", R"({"login":"nobody","password":"not it at all"})"), 401, "wrong login or password");
  expect_error(w.call("POST", "/api/login", "login=org01"), 400, "not JSON");
  expect_error(w.call("POST", "/api/login", R"({"login":"org01"})"), 400, "\"password\"");
}

BOOST_AUTO_TEST_CASE(tokens_forged_missing_expired_after_logout_or_of_a_disabled_account_are_refused) {
  World& w = world();
  expect_error(w.call("GET", "/api/me"), 401, "Authorization: Bearer");
  std::string token = w.login("org02");
  std::string forged = token;
  forged[10] = forged[10] == '0' ? '1' : '0';
  expect_error(w.call("GET", "/api/me", "", forged), 401, "not a session of this server");
  expect_error(w.call("GET", "/api/me", "", "short"), 401, "not one this server gives out");
  BOOST_TEST(w.call("POST", "/api/logout", "", token).status == 200);
  expect_error(w.call("GET", "/api/me", "", token), 401, "the session ended at");
  // Expiry: the session's end moved into the past in the database, under the running server.
  std::string expiring = w.login("org02");
  mera::storage::run_raw_sql(w.db, "UPDATE sessions SET expires_at = '2001-01-01T00:00:00Z' WHERE revoked_at = '' AND login = 'org02'");
  expect_error(w.call("GET", "/api/me", "", expiring), 401, "the session expired at 2001-01-01T00:00:00Z");
  // Disabling an account ends its sessions at once, and it cannot log in again.
  std::string leaver = w.login("leaver");
  BOOST_TEST(w.call("GET", "/api/me", "", leaver).status == 200);
  BOOST_REQUIRE(run({"users", "disable", "--db", w.db, "--login", "leaver"}, w.dir).exit == 0);
  BOOST_TEST(w.call("GET", "/api/me", "", leaver).status == 401);
  expect_error(w.call("POST", "/api/login", json{{"login", "leaver"}, {"password", w.password("leaver")}}.dump()), 403, "disabled");
}

BOOST_AUTO_TEST_CASE(the_model_is_served_as_json) {
  World& w = world();
  Reply m = w.call("GET", "/api/model", "", w.login("south"));
  BOOST_REQUIRE(m.status == 200);
  BOOST_TEST(m.body["name"] == "tomsk");
  bool found = false;
  for (const auto& form : m.body["forms"]) {
    if (form["name"] != "blood_families") continue;
    found = true;
    BOOST_TEST(form["period"] == "quarter");
    BOOST_TEST(form["level"] == "organization");
    BOOST_TEST(!form["fields"].empty());
    BOOST_TEST(!form["checks"].empty());
    BOOST_TEST(form["fields"][0].contains("label"));
  }
  BOOST_TEST(found);
  BOOST_TEST(!m.body["indicators"].empty());
  BOOST_TEST(!m.body["deadlines"].empty());
}

BOOST_AUTO_TEST_CASE(a_draft_is_validated_and_nothing_is_stored) {
  World& w = world();
  std::string token = w.login("org01");
  Reply good = w.call("POST", "/api/validate", report("org01", "2021Q2"), token);
  BOOST_TEST(good.status == 200);
  BOOST_TEST(good.body["valid"] == true);
  std::string bad_values = R"({"form":"blood_families","unit":"org01","period":"2021Q2","values":{"families":-1}})";
  Reply bad = w.call("POST", "/api/validate", bad_values, token);
  BOOST_TEST(bad.status == 200);
  BOOST_TEST(bad.body["valid"] == false);
  BOOST_REQUIRE(!bad.body["diagnostics"].empty());
  BOOST_TEST(bad.body["diagnostics"][0]["line"] == 1);
  BOOST_TEST(bad.body["diagnostics"][0].contains("column"));
  BOOST_TEST(w.call("GET", "/api/submissions?period=2021Q2", "", token).body["submissions"].empty());
  expect_error(w.call("POST", "/api/validate", report("org02", "2021Q2"), token), 403, "may not validate");
}

BOOST_AUTO_TEST_CASE(a_unit_submits_its_own_report_and_not_another_organizations) {
  World& w = world();
  std::string token = w.login("org01");
  Reply ok = w.call("POST", "/api/submissions", report("org01", "2021Q1"), token);
  BOOST_REQUIRE(ok.status == 201);
  BOOST_TEST(ok.body["stored"] == 1);
  std::int64_t id = ok.body["ids"][0];
  Reply got = w.call("GET", "/api/submissions/" + std::to_string(id), "", token);
  BOOST_TEST(got.body["submitted_by"] == "org01");
  BOOST_TEST(got.body["values"]["families"] == 84);
  // Stamped with the server's clock: today, not the period's end.
  BOOST_TEST(got.body["submitted_at"].get<std::string>().substr(0, 4) >= "2026");
  Reply other = w.call("POST", "/api/submissions", report("org02", "2021Q1"), token);
  expect_error(other, 403, "may not submit");
  BOOST_TEST(has(other.body["diagnostics"][0]["message"].get<std::string>(), "'org02'"));
  expect_error(w.call("POST", "/api/submissions", report("org01", "2021Q3", R"(,"submitted_at":"2021-10-01")"), token), 400,
               "submitted_at");
  // A batch is one transaction: one bad report, nothing stored.
  std::string batch = "[" + report("org01", "2021Q3") + "," + R"({"form":"blood_families","unit":"org01","period":"2021Q4","values":{"families":-1}})" + "]";
  expect_error(w.call("POST", "/api/submissions", batch, token), 400, "nothing of this request was stored");
  BOOST_TEST(w.call("GET", "/api/submissions?unit=org01&period=2021Q3", "", token).body["submissions"].empty());
}

// A unit by its name and a period in words (issue 17), as the engine reads them: the access check
// sees the unit the name means. Validated only, so that the other cases' counts stay.
BOOST_AUTO_TEST_CASE(a_unit_by_its_name_and_a_period_in_words) {
  World& w = world();
  std::string token = w.login("org01");
  Reply ok = w.call("POST", "/api/validate", report("ОГКУ «Центр социальной помощи семье и детям Асиновского района»", "2 кв. 2021"), token);
  BOOST_TEST(ok.status == 200, ok.text);
  BOOST_TEST(ok.body["valid"] == true, ok.text);
  Reply other = w.call("POST", "/api/validate", report("ОГКУ «Центр социальной помощи семье и детям Колпашевского района»", "2 кв. 2021"), token);
  expect_error(other, 403, "may not validate");
}

BOOST_AUTO_TEST_CASE(a_repeated_report_is_409_and_a_correction_is_a_new_version) {
  World& w = world();
  std::string token = w.login("org01");
  Reply again = w.call("POST", "/api/submissions", report("org01", "2021Q1"), token);
  expect_error(again, 409, "send it as a correction");
  Reply fixed = w.call("POST", "/api/submissions?correct=true", report("org01", "2021Q1"), token);
  BOOST_REQUIRE(fixed.status == 201);
  Reply got = w.call("GET", "/api/submissions/" + std::to_string(fixed.body["ids"][0].get<long>()), "", token);
  BOOST_TEST(got.body["version"] == 2);
  BOOST_TEST(got.body["versions"].size() == 2u);
}

BOOST_AUTO_TEST_CASE(reads_stay_inside_the_accounts_sub_tree) {
  World& w = world();
  std::string org01 = w.login("org01"), org02 = w.login("org02"), platform = w.login("platform"), south = w.login("south"),
              dept = w.login("dept");
  long id = w.call("GET", "/api/submissions?unit=org01", "", org01).body["submissions"][0]["id"];
  std::string path = "/api/submissions/" + std::to_string(id);
  BOOST_TEST(w.call("GET", path, "", platform).status == 200);  // org01 is below platform_blood
  BOOST_TEST(w.call("GET", path, "", dept).status == 200);
  expect_error(w.call("GET", path, "", org02), 403, "may read_submissions");
  expect_error(w.call("GET", path, "", south), 403, "'org01' is not among them");
  BOOST_TEST(w.call("GET", "/api/submissions", "", org02).body["submissions"].empty());  // the list holds only what it may read
  BOOST_TEST(w.call("GET", "/api/submissions", "", platform).body["submissions"].size() == 1u);
  expect_error(w.call("GET", "/api/submissions?unit=org01", "", org02), 403, "may read_submissions");
  expect_error(w.call("GET", "/api/submissions/999999", "", org01), 404, "no submission 999999");
  // Status: the caller's unit by default; a unit outside the sub-tree refused.
  Reply own = w.call("GET", "/api/status?on=2022-01-12", "", org02);
  BOOST_TEST(own.status == 200);
  BOOST_TEST(own.body["unit"] == "org02");
  expect_error(w.call("GET", "/api/status?unit=org01&on=2022-01-12", "", org02), 403, "may read_status");
  BOOST_TEST(w.call("GET", "/api/status?unit=platform_blood&on=2022-01-12", "", dept).status == 200);
  expect_error(w.call("GET", "/api/status?unit=nowhere", "", dept), 404, "no unit 'nowhere'");
  expect_error(w.call("GET", "/api/status?on=2022-13-01", "", dept), 400, "on=2022-13-01");
}

BOOST_AUTO_TEST_CASE(the_platform_returns_a_report_with_a_reason_and_accepts_the_correction) {
  World& w = world();
  std::string org01 = w.login("org01"), org02 = w.login("org02"), platform = w.login("platform"), dept = w.login("dept");
  long id = w.call("GET", "/api/submissions?unit=org01&period=2021Q1", "", org01).body["submissions"][0]["id"];
  std::string path = "/api/submissions/" + std::to_string(id);
  expect_error(w.call("POST", path + "/accept", "", org02), 403, "may not review");
  expect_error(w.call("POST", path + "/accept", "", dept), 403, "may not review");
  expect_error(w.call("POST", path + "/return", "{}", platform), 400, "a return needs a reason");
  Reply returned = w.call("POST", path + "/return", R"({"reason":"families by risk do not add up"})", platform);
  BOOST_REQUIRE_MESSAGE(returned.status == 200, returned.text);
  BOOST_TEST(w.call("GET", path, "", org01).body["state"] == "returned");
  expect_error(w.call("POST", path + "/return", R"({"reason":"again"})", platform), 409, "");
  Reply fixed = w.call("POST", "/api/submissions?correct=true", report("org01", "2021Q1"), org01);
  BOOST_REQUIRE(fixed.status == 201);
  std::string fixed_path = "/api/submissions/" + std::to_string(fixed.body["ids"][0].get<long>());
  Reply accepted = w.call("POST", fixed_path + "/accept", "", platform);
  BOOST_TEST(accepted.status == 200, accepted.text);
  BOOST_TEST(w.call("GET", fixed_path, "", dept).body["state"] == "accepted");
  expect_error(w.call("POST", "/api/submissions/999999/accept", "", platform), 404, "no submission 999999");
}

BOOST_AUTO_TEST_CASE(only_an_administrator_imports_old_reports_with_their_own_dates) {
  World& w = world();
  std::string old = report("org05", "2021Q1", R"(,"submitted_at":"2021-04-04")");
  expect_error(w.call("POST", "/api/submissions?import=true", report("org01", "2021Q4", R"(,"submitted_at":"2022-01-09")"),
                      w.login("org01")),
               403, "may not import_history");
  Reply imported = w.call("POST", "/api/submissions?import=true", old, w.login("dept"));
  BOOST_REQUIRE_MESSAGE(imported.status == 201, imported.text);
  Reply got = w.call("GET", "/api/submissions/" + std::to_string(imported.body["ids"][0].get<long>()), "", w.login("dept"));
  BOOST_TEST(got.body["submitted_at"] == "2021-04-04");
  BOOST_TEST(got.body["source"].get<std::string>().rfind("api-import-", 0) == 0u);  // marked as imported
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_utf8_are_refused_as_input_not_a_failure) {
  World& w = world();
  Reply r = w.call("POST", "/api/submissions", "{\"form\":\"blood_families\",\"unit\":\"org\xff\",\"period\":\"2021Q1\",\"values\":{}}",
                   w.login("org01"));
  BOOST_TEST((r.status == 400 || r.status == 403), r.text);
  BOOST_TEST(r.body.contains("error"));
}

// Several clients at once, each on its own connection: the pool's threads and connections, and
// SQLite's write lock, give every report one answer, and the same report exactly one 201.
BOOST_AUTO_TEST_CASE(clients_at_once_each_get_their_answer_and_a_report_is_stored_once) {
  World& w = world();
  std::string token = w.login("org01");
  auto post = [&](const std::string& body) {
    httplib::Client client("127.0.0.1", w.server->port());
    client.set_read_timeout(120, 0);
    auto r = client.Post("/api/submissions", {{"Authorization", "Bearer " + token}}, body, "application/json");
    return r ? r->status : -static_cast<int>(r.error());
  };
  std::vector<std::string> periods;
  for (int year = 2022; year <= 2024; ++year)
    for (int q = 1; q <= 4; ++q) periods.push_back(std::to_string(year) + "Q" + std::to_string(q));
  std::vector<int> distinct(periods.size()), same(8);
  {
    std::vector<std::thread> clients;
    for (std::size_t i = 0; i < periods.size(); ++i) clients.emplace_back([&, i] { distinct[i] = post(report("org01", periods[i])); });
    for (std::size_t i = 0; i < same.size(); ++i) clients.emplace_back([&, i] { same[i] = post(report("org01", "2025Q1")); });
    for (auto& t : clients) t.join();
  }
  for (std::size_t i = 0; i < periods.size(); ++i) BOOST_TEST(distinct[i] == 201, periods[i] << ": " << distinct[i]);
  BOOST_TEST(std::count(same.begin(), same.end(), 201) == 1);
  BOOST_TEST(std::count(same.begin(), same.end(), 409) == 7);
  Reply listed = w.call("GET", "/api/submissions?unit=org01&all=true", "", token);
  std::size_t stored = 0;
  for (const auto& s : listed.body["submissions"]) stored += s["period"].get<std::string>() >= "2022";
  BOOST_TEST(stored == periods.size() + 1, w.server->log());
}

BOOST_AUTO_TEST_CASE(the_unit_tree_on_a_day_shows_only_the_accounts_sub_tree) {
  World& w = world();
  auto ids = [](const Reply& r) {
    std::vector<std::string> out;
    for (const auto& u : r.body["units"]) out.push_back(u["id"]);
    return out;
  };
  // org16 moved from platform_foster_south to platform_foster_north on 2022-07-01.
  std::string south = w.login("south");
  auto before = ids(w.call("GET", "/api/units?on=2022-06-30", "", south));
  auto after = ids(w.call("GET", "/api/units?on=2022-07-01", "", south));
  BOOST_TEST(std::count(before.begin(), before.end(), "org16") == 1);
  BOOST_TEST(std::count(after.begin(), after.end(), "org16") == 0);
  BOOST_TEST(std::count(before.begin(), before.end(), "platform_foster_south") == 1);
  BOOST_TEST(std::count(before.begin(), before.end(), "org01") == 0);
  BOOST_TEST(std::count(before.begin(), before.end(), "department") == 0);
  BOOST_TEST(ids(w.call("GET", "/api/units", "", w.login("org01"))) == std::vector<std::string>{"org01"});
  BOOST_TEST(ids(w.call("GET", "/api/units", "", w.login("dept"))).size() == 28u);
}

BOOST_AUTO_TEST_CASE(unknown_routes_and_large_requests_get_json_errors) {
  World& w = world();
  expect_error(w.call("GET", "/api/nothing-here"), 404, "no route GET /api/nothing-here");
  w.call("GET", "/api/nothing%0Aforged log line");
  BOOST_TEST(!has(w.server->log(), "\nforged log line"));  // one request, one line of the log
  BOOST_TEST(has(w.server->log(), "/api/nothing?forged log line"));
  std::string big(17u << 20, ' ');  // over the default 16 MiB
  expect_error(w.call("POST", "/api/submissions", big, w.login("org01")), 413, "larger than this server takes");
  // curl -d without -H 'Content-Type: application/json' sends a form, which httplib refuses past 8 KiB.
  httplib::Client client("127.0.0.1", w.server->port());
  httplib::Result form = client.Post("/api/validate", {{"Authorization", "Bearer " + w.login("org01")}}, std::string(9000, ' '),
                                     "application/x-www-form-urlencoded");
  BOOST_REQUIRE(form);
  BOOST_TEST(form->status == 415, form->body);
  BOOST_TEST(has(form->body, "Content-Type: application/json"), form->body);
}

BOOST_AUTO_TEST_CASE(no_password_or_token_is_in_clear_in_the_database_the_log_or_a_response) {
  World& w = world();
  std::string log = w.server->log();
  BOOST_TEST(has(log, "POST /api/login 200"));
  std::vector<std::pair<std::string, std::string>> places = {{"the server's log", log}};
  for (const std::string& file : {w.db, w.db + "-wal"}) places.emplace_back(file, slurp(file));
  std::vector<std::string> bodies = w.responses;
  for (const auto& [name, text] : places)
    for (const auto& [login, password] : w.passwords) BOOST_TEST(!has(text, password), name << " holds the password of " << login);
  for (const auto& body : bodies)
    for (const auto& [login, password] : w.passwords) BOOST_TEST(!has(body, password), "a response holds the password of " << login);
  BOOST_REQUIRE(w.issued.size() >= 5u);
  for (const std::string& token : w.issued) {
    for (const auto& [name, text] : places) BOOST_TEST(!has(text, token), name << " holds a token");
    int in_responses = 0;
    for (const auto& body : bodies) in_responses += has(body, token);
    BOOST_TEST(in_responses == 1, "a token is in " << in_responses << " responses, not only in its login's");
  }
}

// Sent in two parts on a raw socket: the headers with "Expect: 100-continue", so that the
// server's "100 Continue" proves the request is being served; then SIGTERM, and only once the
// server no longer accepts connections (it is stopping), the body. It must still be answered.
BOOST_AUTO_TEST_CASE(sigterm_answers_the_request_in_flight_and_exits_0) {
  World& w = world();
  std::string token = w.login("org01");
  std::string body = report("org01", "2021Q2");
  auto connect_to = [&](int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  };
  int fd = connect_to(w.server->port());
  BOOST_REQUIRE(fd >= 0);
  std::string head = "POST /api/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n";
  BOOST_REQUIRE(::send(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()));
  char buffer[4096];
  ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  BOOST_REQUIRE(n > 0);
  BOOST_TEST(has(std::string(buffer, static_cast<std::size_t>(n)), "100 Continue"));
  ::kill(w.server->pid(), SIGTERM);
  bool stopped_accepting = false;
  for (int i = 0; i < 6000 && !stopped_accepting; ++i) {
    int probe = connect_to(w.server->port());
    if (probe < 0) stopped_accepting = true;
    else ::close(probe), std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  BOOST_REQUIRE(stopped_accepting);
  BOOST_REQUIRE(::send(fd, body.data(), body.size(), 0) == static_cast<ssize_t>(body.size()));
  std::string answer;
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) answer.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  BOOST_TEST(answer.rfind("HTTP/1.1 201", 0) == 0u, answer);
  BOOST_TEST(has(answer, "\"stored\":1"));
  BOOST_TEST(w.server->stop() == 0);
  BOOST_TEST(has(w.server->log(), "mera serve: stopped; every request received was answered"));
}
