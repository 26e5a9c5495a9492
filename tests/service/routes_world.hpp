// The world of the tests of the later routes (indicators, deadlines, history, audit, revisions,
// accounts, the OpenAPI document): the Tomsk demo database (`mera demo`: the model, the units,
// two years of reports and their review), an account of each role in its place in the tree,
// and a real `mera serve` on a free loopback port, talked to with httplib's client.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server_process.hpp"

namespace mera::test {

struct Reply {
  int status = 0;
  nlohmann::json body;
  std::string text;
  std::string content_type;
  std::string disposition;  // Content-Disposition (a workbook's file name)
};

struct RoutesWorld {
  TempDir dir;
  std::string db = dir / "tomsk.db";
  std::vector<std::pair<std::string, std::string>> passwords;  // login, password
  std::vector<std::string> responses;                          // every body the server sent
  std::unique_ptr<Server> server;

  RoutesWorld() {
    BOOST_REQUIRE(run({"demo", "--db", db}, dir).exit == 0);
    add("org01", "org01", "submitter");
    add("org02", "org02", "submitter");
    add("platform", "platform_blood", "reviewer");
    add("south", "platform_foster_south", "viewer");
    add("method", "department", "methodologist");
    add("head", "department", "approver");
    add("admin", "department", "admin");
    add("padmin", "platform_blood", "admin");
    server = std::make_unique<Server>(db, dir / "serve.log");
  }
  void add(const std::string& login, const std::string& unit, const std::string& role) {
    std::string password = "pw of " + login + " 7Xq!";
    passwords.emplace_back(login, password);
    BOOST_REQUIRE(run_with_input({"users", "add", "--db", db, "--login", login, "--unit", unit, "--role", role}, password + "\n", dir) == 0);
  }
  std::string password(const std::string& login) const {
    for (auto& [l, p] : passwords)
      if (l == login) return p;
    return {};
  }

  // Any answer, whatever its type; a request that gets none fails the test.
  Reply raw(const std::string& method, const std::string& path, const std::string& body = "", const std::string& token = "",
            const std::string& content_type = "application/json") {
    httplib::Client client("127.0.0.1", server->port());
    client.set_read_timeout(120, 0);  // a generous bound, not a measurement: a busy machine is slow
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result r = method == "GET" ? client.Get(path, headers) : client.Post(path, headers, body, content_type);
    BOOST_REQUIRE_MESSAGE(r, method << " " << path << ": no answer (" << httplib::to_string(r.error()) << ")");
    responses.push_back(r->body);
    BOOST_TEST(!r->get_header_value("X-Request-Id").empty());
    return {r->status, nlohmann::json::parse(r->body, nullptr, false), r->body, r->get_header_value("Content-Type"),
            r->get_header_value("Content-Disposition")};
  }
  // An answer that must be JSON.
  Reply call(const std::string& method, const std::string& path, const std::string& body = "", const std::string& token = "",
             const std::string& content_type = "application/json") {
    Reply r = raw(method, path, body, token, content_type);
    BOOST_TEST_INFO(method << " " << path << " -> " << r.status << " " << r.text.substr(0, 2000));
    BOOST_TEST(r.content_type.rfind("application/json", 0) == 0u, method << " " << path << ": " << r.content_type);
    BOOST_TEST(!r.body.is_discarded(), method << " " << path << ": not JSON");
    return r;
  }
  std::string login(const std::string& login) { return login_with(login, password(login)); }
  std::string login_with(const std::string& login, const std::string& password) {
    Reply r = call("POST", "/api/login", nlohmann::json{{"login", login}, {"password", password}}.dump());
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.text);
    return r.body["token"];
  }
};

inline RoutesWorld& routes_world() {
  static RoutesWorld w;
  return w;
}

// The whole audit log as `token` may read it, page by page, following each page's `next`.
inline std::vector<nlohmann::json> audit_entries(RoutesWorld& w, const std::string& token) {
  std::vector<nlohmann::json> all;
  std::string at = "/api/audit?limit=1000";
  while (true) {
    Reply r = w.call("GET", at, "", token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.text);
    for (auto& e : r.body["entries"]) all.push_back(e);
    if (!r.body["next"].is_string()) return all;
    at = r.body["next"];
  }
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// An error answer: its status, the JSON every error has, and words of its message.
inline void expect_error(const Reply& r, int status, const std::string& part) {
  BOOST_TEST(r.status == status, r.text);
  BOOST_TEST(r.body.is_object());
  BOOST_TEST(r.body.contains("diagnostics"), r.text);
  BOOST_TEST(contains(r.body.value("error", ""), part), r.text);
}

}  // namespace mera::test
