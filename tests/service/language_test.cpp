// The language of the service's answers (ctest `service_language`): a real `mera serve`, an
// httplib client that sends Accept-Language or not. Russian when the header prefers it, English
// otherwise, whatever the locale the server was started in; the frame (the error) and every
// diagnostic's message alike, while the machine's words (status, "severity", member names) stay.
#define BOOST_TEST_MODULE mera_service_language
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>

#include "server_process.hpp"

using nlohmann::json;
using namespace mera::test;

namespace {

const std::string kValues =
    R"({"families":84,"children":194,"by_risk":{"low":25,"medium":36,"high":23},"new_families":22,"new_children":53,"closed":19,)"
    R"("closed_children":46,"on_support":65,"children_on_support":148,"positive":41,"negative":4,"reopened":1,"long_work":12})";

std::string report(const std::string& unit, const std::string& period, const std::string& values = kValues) {
  return R"({"form":"blood_families","unit":")" + unit + R"(","period":")" + period + R"(","values":)" + values + "}";
}

struct Reply {
  int status = 0;
  json body;
  std::string language;  // Content-Language
  std::string error() const { return body.value("error", ""); }
  std::string first_message() const { return body["diagnostics"].empty() ? "" : body["diagnostics"][0].value("message", ""); }
};

struct World {
  TempDir dir;
  std::string db = dir / "tomsk.db";
  std::unique_ptr<Server> server;
  std::string token;

  World() {
    BOOST_REQUIRE(run({"init", "--db", db, std::string(MERA_SOURCE_DIR) + "/examples/tomsk"}, dir).exit == 0);
    BOOST_REQUIRE(run_with_input({"users", "add", "--db", db, "--login", "ivanova", "--unit", "org01", "--role", "submitter"},
                                 "pw of ivanova 7Xq!\n", dir) == 0);
    // Started in a Russian locale: a request without Accept-Language is still answered in
    // English, so the server's own environment never picks the language of an answer.
    const char* before = std::getenv("LC_ALL");
    std::string saved = before ? before : "";
    ::setenv("LC_ALL", "ru_RU.UTF-8", 1);
    server = std::make_unique<Server>(db, dir / "serve.log");
    before ? ::setenv("LC_ALL", saved.c_str(), 1) : ::unsetenv("LC_ALL");
    token = call("POST", "/api/login", R"({"login":"ivanova","password":"pw of ivanova 7Xq!"})", "", false).body["token"];
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body, const std::string& language, bool auth = true) {
    httplib::Client client("127.0.0.1", server->port());
    client.set_read_timeout(120, 0);  // a generous bound, not a measurement
    httplib::Headers headers;
    if (auth && !token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (!language.empty()) headers.emplace("Accept-Language", language);
    httplib::Result r = method == "GET" ? client.Get(path, headers) : client.Post(path, headers, body, "application/json");
    BOOST_REQUIRE_MESSAGE(r, method << " " << path << ": no answer");
    BOOST_TEST_INFO(method << " " << path << " [" << language << "] -> " << r->status << " " << r->body);
    return {r->status, json::parse(r->body, nullptr, false), r->get_header_value("Content-Language")};
  }
};

World& world() {
  static World w;
  return w;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(no_header_is_english_and_ru_is_russian) {
  World& w = world();
  Reply en = w.call("GET", "/api/me", "", "", false);
  BOOST_TEST(en.status == 401);
  BOOST_TEST(en.language == "en");
  BOOST_TEST(has(en.error(), "this needs a logged-in account"), en.error());
  Reply ru = w.call("GET", "/api/me", "", "ru", false);
  BOOST_TEST(ru.status == 401);
  BOOST_TEST(ru.language == "ru");
  BOOST_TEST(ru.error() ==
             "для этого нужно войти в систему: отправьте \"Authorization: Bearer TOKEN\" с токеном, который выдал POST /api/login");
  // The q-values decide: a browser set to English first with Russian second gets English.
  BOOST_TEST(w.call("GET", "/api/me", "", "en-US,en;q=0.9,ru;q=0.8", false).language == "en");
  BOOST_TEST(w.call("GET", "/api/me", "", "ru-RU,ru;q=0.9,en-US;q=0.8", false).language == "ru");
  BOOST_TEST(w.call("GET", "/api/me", "", "de-DE,fr;q=0.8", false).language == "en");
}

BOOST_AUTO_TEST_CASE(a_wrong_password_and_a_refused_unit_are_told_in_russian) {
  World& w = world();
  Reply login = w.call("POST", "/api/login", R"({"login":"ivanova","password":"not it at all"})", "ru", false);
  BOOST_TEST(login.status == 401);
  BOOST_TEST(has(login.error(), "неверный логин или пароль"), login.error());
  Reply other = w.call("POST", "/api/submissions", report("org02", "2021Q1"), "ru");
  BOOST_TEST(other.status == 403);
  BOOST_TEST(other.error() == "отказано: 1 отчёт — за подразделения, за которые учётной записи «ivanova» нельзя отправлять отчёты; "
                              "ничего не сохранено");
  BOOST_TEST(other.first_message() ==
             "учётная запись «ivanova» (роль submitter, подразделение «org01») может отправлять отчёты только для своего "
             "подразделения, а «org02» к ним не относится по дереву подразделений на 2021-03-31");
  BOOST_TEST(other.body["diagnostics"][0]["severity"] == "error");  // a machine's word: the same in every language
}

BOOST_AUTO_TEST_CASE(a_report_with_errors_is_refused_in_russian_with_each_problem) {
  World& w = world();
  std::string bad = report("org01", "2021Q2", R"({"families":-1,"children":"много"})");
  Reply r = w.call("POST", "/api/submissions", bad, "ru");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(has(r.error(), "отказано: "), r.error());
  BOOST_TEST(has(r.error(), " в 1 из 1 отчёта; из этого запроса ничего не сохранено"), r.error());
  std::string all = r.body["diagnostics"].dump();
  BOOST_TEST(has(all, "поле «families»"), all);
  BOOST_TEST(has(all, "-1 меньше 0"), all);
  BOOST_TEST(has(all, "ожидается целое число, а здесь текст \\\"много\\\""), all);
  // The same request in English, at once: no pool thread keeps the last request's language.
  Reply en = w.call("POST", "/api/validate", bad, "");
  BOOST_TEST(en.status == 200);
  BOOST_TEST(has(en.body["diagnostics"].dump(), "field 'families'"));
}

BOOST_AUTO_TEST_CASE(a_repeated_report_says_in_russian_to_send_a_correction) {
  World& w = world();
  BOOST_REQUIRE(w.call("POST", "/api/submissions", report("org01", "2021Q1"), "ru").status == 201);
  Reply again = w.call("POST", "/api/submissions", report("org01", "2021Q1"), "ru");
  BOOST_TEST(again.status == 409);
  BOOST_TEST(again.error() == "отчёт уже отправлен: чтобы заменить его, отправьте исправление (\"correction\": true в отчёте или "
                              "POST /api/submissions?correct=true); из этого запроса ничего не сохранено");
  BOOST_TEST(has(again.first_message(), "blood_families, org01, 2021Q1: отчёт уже отправлен (отчёт "), again.first_message());
}

BOOST_AUTO_TEST_CASE(httplibs_own_refusals_speak_the_language_too) {
  World& w = world();
  Reply none = w.call("GET", "/api/nothing", "", "ru");
  BOOST_TEST(none.status == 404);
  BOOST_TEST(none.language == "ru");
  BOOST_TEST(none.error() == "нет маршрута GET /api/nothing: список маршрутов — в docs/service.md");
  BOOST_TEST(has(w.call("GET", "/api/nothing", "", "").error(), "no route GET /api/nothing"));
}

// Requests in both languages, one after another over the pool's threads: each answer is in the
// language its own request asked for.
BOOST_AUTO_TEST_CASE(alternating_languages_never_mix) {
  World& w = world();
  for (int i = 0; i < 16; ++i) {
    bool ru = i % 2 == 0;
    Reply r = w.call("GET", "/api/submissions/x", "", ru ? "ru" : "en");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.error() == (ru ? "нет отчёта x: номер отчёта — это число (GET /api/submissions показывает их)"
                                : "no submission x: a submission id is a number (GET /api/submissions lists them)"));
  }
}

// The status route: a refused parameter in Russian, and the model it reads named in Russian; the
// kinds of its items stay the machine's words.
BOOST_AUTO_TEST_CASE(status_speaks_russian_and_keeps_its_kinds) {
  World& w = world();
  Reply bad = w.call("GET", "/api/status?soon=abc", "", "ru");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(has(bad.error(), "soon=abc: укажите число дней от 0 до "), bad.error());
  Reply far = w.call("GET", "/api/status?on=2099-01-01", "", "ru");
  BOOST_TEST(far.status == 400);
  BOOST_TEST(has(far.error(), "2099-01-01 — больше чем через год после сегодняшнего дня"), far.error());
  Reply ok = w.call("GET", "/api/status?on=2022-01-12", "", "ru");
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(ok.body["model"] == "tomsk (редакция 1)");
  BOOST_REQUIRE(!ok.body["units"].empty());
  for (const auto& unit : ok.body["units"])
    for (const auto& item : unit["items"]) {
      std::string kind = item["kind"];
      BOOST_TEST((kind == "overdue" || kind == "due_soon" || kind == "next" || kind == "returned" || kind == "corrected" ||
                  kind == "to_review" || kind == "ready" || kind == "late"), kind);
    }
}
