// The language of the service's answers (ctest `service_language`): a real `mera serve`, an
// httplib client that sends Accept-Language or not. Russian when the header prefers it, English
// otherwise, whatever the locale the server was started in; the frame (the error) and every
// diagnostic's message alike, while the machine's words (status, "severity", member names) stay.
#define BOOST_TEST_MODULE mera_service_language
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>

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
    // The department's methodologist, approver and administrator: the routes of revisions and accounts.
    for (const char* login : {"method", "head", "admin"}) {
      std::string role = login == std::string("method") ? "methodologist" : login == std::string("head") ? "approver" : "admin";
      BOOST_REQUIRE(run_with_input({"users", "add", "--db", db, "--login", login, "--unit", "department", "--role", role},
                                   std::string("pw of ") + login + " 7Xq!\n", dir) == 0);
    }
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
    return call_as(auth ? token : "", method, path, body, language);
  }
  // A request with another account's token ("" for none).
  Reply call_as(const std::string& bearer, const std::string& method, const std::string& path, const std::string& body,
                const std::string& language) {
    httplib::Client client("127.0.0.1", server->port());
    client.set_read_timeout(120, 0);  // a generous bound, not a measurement
    httplib::Headers headers;
    if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
    if (!language.empty()) headers.emplace("Accept-Language", language);
    httplib::Result r = method == "GET" ? client.Get(path, headers) : client.Post(path, headers, body, "application/json");
    BOOST_REQUIRE_MESSAGE(r, method << " " << path << ": no answer");
    BOOST_TEST_INFO(method << " " << path << " [" << language << "] -> " << r->status << " " << r->body);
    return {r->status, json::parse(r->body, nullptr, false), r->get_header_value("Content-Language")};
  }

  // The token of one of the accounts made above, logged in once.
  const std::string& token_of(const std::string& login) {
    auto& t = tokens[login];
    if (t.empty()) t = call_as("", "POST", "/api/login", json{{"login", login}, {"password", "pw of " + login + " 7Xq!"}}.dump(), "").body["token"];
    return t;
  }
  std::map<std::string, std::string> tokens;
};

World& world() {
  static World w;
  return w;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Words of an English frame that a Russian answer must not have left in it. Names (period=P,
// GET /api/revisions, a model's ids) are Latin in both languages and are not among them.
bool english_left(const std::string& text) {
  for (const char* word : {" the ", " a ", " is ", " not ", " no ", "give ", "write ", "cannot", "refused", "nothing", " lists ",
                           " must ", " has ", " with ", " of ", " for ", " or ", "such as", " in force"})
    if (has(" " + text + " ", word)) return true;
  return false;
}

// A refusal told in Russian: its status, Cyrillic words with `part` among them, no English frame.
void russian_refusal(const Reply& r, int status, const std::string& part) {
  BOOST_TEST(r.status == status, part << ": " << r.body.dump());
  BOOST_TEST(r.language == "ru");
  std::string e = r.error();
  BOOST_TEST(has(e, part), part << ": " << e);
  BOOST_TEST(!english_left(e), part << ": " << e);
}

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

// Indicators, the dashboard and explain: the service's own refusals of a parameter and the
// engine's of a request, in Russian; a value with none is shown in Russian, its reason stays.
BOOST_AUTO_TEST_CASE(indicators_refuse_in_russian) {
  World& w = world();
  const std::string& method = w.token_of("method");
  russian_refusal(w.call_as(method, "GET", "/api/indicators?format=xml", "", "ru"), 400, "format=xml: укажите format=json");
  russian_refusal(w.call_as(method, "GET", "/api/indicators?unit=org99", "", "ru"), 404, "подразделения «org99» нет в дереве подразделений");
  russian_refusal(w.call_as(method, "GET", "/api/indicators/nosuch/explain?period=2021", "", "ru"), 404, "в модели «tomsk» нет показателя «nosuch»");
  russian_refusal(w.call_as(method, "GET", "/api/indicators?period=2020H2", "", "ru"), 400, "не было в дереве подразделений в период 2020H2");
  russian_refusal(w.call_as(method, "GET", "/api/indicators?period=2021Q5", "", "ru"), 400, "квартала 5 нет");
  russian_refusal(w.call_as(method, "GET", "/api/audit?limit=0", "", "ru"), 400, "limit=0: укажите целое число от 1 до ");
  Reply en = w.call_as(method, "GET", "/api/indicators?format=xml", "", "");
  BOOST_TEST(has(en.error(), "format=xml: write format=json (the default) or format=csv"), en.error());
  BOOST_TEST(english_left(en.error()));  // the check of a Russian answer would catch this one
  Reply values = w.call_as(method, "GET", "/api/indicators?period=2019Q4&unit=department", "", "ru");
  russian_refusal(values, 400, "на 2019-10-01 не действует ни одна утверждённая редакция модели");
  Reply ok = w.call_as(method, "GET", "/api/indicators?period=2022&unit=department", "", "ru");
  BOOST_REQUIRE(ok.status == 200);
  bool empty_seen = false;
  for (const auto& unit : ok.body["units"])
    for (const auto& i : unit["indicators"])
      if (i["value"].is_null() && i.contains("reason")) {
        empty_seen = true;
        BOOST_TEST((i["reason"] == "no data" || i["reason"] == "empty" || i["reason"] == "0/0"), i.dump());  // a machine's word
        BOOST_TEST(!english_left(i["display"].get<std::string>() + " " + i.value("detail", "")), i.dump());
      }
  BOOST_TEST(empty_seen);  // no reports for 2022 in this database: every value has none
}

// Deadlines: the refusals and the weekdays in Russian.
BOOST_AUTO_TEST_CASE(deadlines_speak_russian) {
  World& w = world();
  russian_refusal(w.call("GET", "/api/deadlines", "", "ru"), 400, "укажите period=P");
  russian_refusal(w.call("GET", "/api/deadlines?period=2021Q4&year=2021", "", "ru"), 400, "что-то одно");
  russian_refusal(w.call("GET", "/api/deadlines?year=20x1", "", "ru"), 400, "year=20x1: это не год");
  russian_refusal(w.call("GET", "/api/deadlines?year=2019", "", "ru"), 404, "сроки берутся из действующей модели");
  Reply ok = w.call("GET", "/api/deadlines?period=2021Q4&unit=org01", "", "ru");
  BOOST_REQUIRE(ok.status == 200);
  BOOST_REQUIRE(!ok.body["periods"][0]["forms"].empty());
  for (const auto& f : ok.body["periods"][0]["forms"])
    for (const auto& hop : f["hops"]) BOOST_TEST(hop["weekday"] == "понедельник", hop.dump());  // 2022-01-10
  Reply en = w.call("GET", "/api/deadlines?period=2021Q4&unit=org01", "", "");
  BOOST_TEST(en.body["periods"][0]["forms"][0]["hops"][0]["weekday"] == "Monday");
}

// Revisions: publish, approve, diff in Russian, with the engine's reasons; the status of a
// revision stays the machine's word, its span in force is told in Russian.
BOOST_AUTO_TEST_CASE(revisions_refuse_in_russian) {
  World& w = world();
  const std::string& method = w.token_of("method");
  const std::string& head = w.token_of("head");
  russian_refusal(w.call_as(head, "POST", "/api/revisions/abc/approve", "", "ru"), 404, "редакции abc нет: номер редакции — это число");
  russian_refusal(w.call_as(head, "POST", "/api/revisions/99/approve", "", "ru"), 404, "редакции 99 нет");
  russian_refusal(w.call_as(head, "POST", "/api/revisions/1/approve", "", "ru"), 409, "редакцию 1 утвердить нельзя: она уже утверждена");
  russian_refusal(w.call_as(method, "GET", "/api/revisions/diff", "", "ru"), 400, "укажите две редакции для сравнения");
  auto publish = [&](const json& body) { return w.call_as(method, "POST", "/api/revisions", body.dump(), "ru"); };
  json files = {{"tomsk/model.mera", "model tomsk \"x\" {"}};
  russian_refusal(publish({{"root", "tomsk"}, {"effective", "2022-13-01"}, {"files", files}}), 400, "\"effective\": 2022-13-01: месяца 13 нет");
  russian_refusal(publish({{"root", "tomsk"}, {"effective", "2022-01-01"}}), 400, "в запросе нужно поле \"files\"");
  russian_refusal(publish({{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", {{"../x", "a"}}}}), 400, "путь «../x» должен быть таким: относительным");
  russian_refusal(publish({{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", {{"tomsk/model.mera", 1}}}}), 400, "должен быть текст файла");
  // A root that names none of the files: refused, not a failure of the server.
  russian_refusal(publish({{"root", "other"}, {"effective", "2022-01-01"}, {"files", files}}), 400, "«other» — не файл из \"files\" и не папка с ними");
  Reply broken = publish({{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", files}});
  russian_refusal(broken, 400, "в модели есть ошибки, ничего не опубликовано");
  BOOST_TEST(!broken.body["diagnostics"].empty());
  // The Tomsk model as stored: the same as revision 1, refused with the engine's reason.
  json same = json::object();
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MERA_SOURCE_DIR) + "/examples/tomsk"))
    if (entry.path().extension() == ".mera") same["tomsk/" + entry.path().filename().string()] = slurp(entry.path());
  russian_refusal(publish({{"root", "tomsk"}, {"effective", "2020-06-10"}, {"files", same}}), 409,
                  "опубликовать нельзя: она совпадает с редакцией 1 (утверждена, вступает в силу 2020-06-10)");
  Reply late = publish({{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", same}});
  russian_refusal(late, 400, "дата вступления в силу в модели не совпадает с указанной");
  // The request's own word for the date, not the CLI's option.
  BOOST_TEST(has(late.first_message(), "модель вступает в силу 2020-06-10, а в \"effective\" указано 2022-01-01"), late.first_message());
  BOOST_TEST(!has(late.first_message() + late.error(), "--effective"), late.body.dump());
  // Another region's model: told what to do in the service, never the server's database file nor `mera init`.
  json other = same;
  std::string header = other["tomsk/model.mera"];
  header.replace(header.find("model tomsk \""), 12, "model tomsk2 ");
  other["tomsk/model.mera"] = header;
  Reply region = publish({{"root", "tomsk"}, {"effective", "2020-06-10"}, {"files", other}});
  russian_refusal(region, 409, "в этом сервисе ведётся модель «tomsk», а это модель «tomsk2»: у модели каждого региона свой сервис");
  BOOST_TEST(!has(region.error(), w.db), region.error());
  BOOST_TEST(!has(region.error(), "mera init"), region.error());
  Reply diff = w.call_as(method, "GET", "/api/revisions/diff?from=1&to=1", "", "ru");
  BOOST_TEST(diff.body["text"] == "по смыслу редакция 1 (утверждена) и редакция 1 (утверждена) не различаются\n");
  Reply list = w.call_as(method, "GET", "/api/revisions", "", "ru");
  BOOST_TEST(list.body["revisions"][0]["status"] == "approved");
  BOOST_TEST(list.body["revisions"][0]["governs"]["text"] == "с 2020-06-10");
}

// Accounts: every refusal of /api/users in Russian; the state of an account stays the machine's word.
// A draft with the checker's errors: each diagnostic in the reader's language, the machine's
// "severity" unchanged; the same draft without the header is told in English.
BOOST_AUTO_TEST_CASE(a_broken_draft_is_diagnosed_in_russian) {
  World& w = world();
  const std::string& method = w.token_of("method");
  const std::string model =
      "model tomsk \"x\" { effective 2022-01-01 }\n"
      "level organization \"Организация\"\n"
      "route organization -> platform\n"
      "form families \"Семьи\" {\n"
      "  period quarter\n"
      "  by organization\n"
      "  field served int >= 0 \"Обслужено\"\n"
      "  check served <= familes \"не больше всего\"\n"
      "}\n";
  json body = {{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", {{"tomsk/model.mera", model}}}};
  Reply ru = w.call_as(method, "POST", "/api/revisions", body.dump(), "ru");
  russian_refusal(ru, 400, "в модели есть ошибки, ничего не опубликовано");
  std::vector<std::string> messages;
  for (const auto& d : ru.body["diagnostics"]) {
    BOOST_TEST(d["severity"] == "error");
    messages.push_back(d.value("message", ""));
  }
  BOOST_REQUIRE_EQUAL(messages.size(), 2u);
  BOOST_TEST(messages[0] == "неизвестный уровень «platform»", messages[0]);
  BOOST_TEST(has(messages[1], "в форме «families» нет поля «familes»"), messages[1]);
  for (const auto& m : messages) BOOST_TEST(!english_left(m), m);
  Reply en = w.call_as(method, "POST", "/api/revisions", body.dump(), "");
  BOOST_REQUIRE_EQUAL(en.body["diagnostics"].size(), 2u);
  BOOST_TEST(en.body["diagnostics"][0]["message"] == "unknown level 'platform'");
  BOOST_TEST(has(en.first_message(), "unknown level"));
}

BOOST_AUTO_TEST_CASE(accounts_refuse_in_russian) {
  World& w = world();
  const std::string& admin = w.token_of("admin");
  auto add = [&](const std::string& login, const std::string& unit, const std::string& role, const std::string& password) {
    return w.call_as(admin, "POST", "/api/users", json{{"login", login}, {"unit", unit}, {"role", role}, {"password", password}}.dump(), "ru");
  };
  const std::string good = "a long enough password";
  russian_refusal(add("petrov", "org01", "boss", good), 400, "\"role\": «boss» — не роль; роль — одно из: submitter");
  russian_refusal(add("pet rov", "org01", "submitter", good), 400, "в логине «pet rov» есть недопустимый символ");
  russian_refusal(add("", "org01", "submitter", good), 400, "логин — это от 1 до 64 символов");
  russian_refusal(add("petrov", "org99", "submitter", good), 400, "\"unit\": подразделения «org99» нет в дереве подразделений");
  russian_refusal(add("ivanova", "org01", "submitter", good), 409, "логин «ivanova» уже занят: выберите другой");
  russian_refusal(add("petrov", "org01", "submitter", "short"), 400, "пароль слишком короткий: нужно не меньше ");
  russian_refusal(add("petrov", "org01", "submitter", "two\nlines of a password"), 400, "в пароле есть перевод строки");
  russian_refusal(w.call_as(admin, "POST", "/api/users/nobody/disable", "", "ru"), 404, "учётной записи «nobody» нет");
  russian_refusal(w.call_as(admin, "POST", "/api/users/admin/disable", "", "ru"), 409, "администратор не может отключить собственную учётную запись");
  Reply changed = w.call_as(admin, "POST", "/api/users/head/password", json{{"password", "another good password"}}.dump(), "ru");
  BOOST_TEST(changed.status == 200);
  BOOST_TEST(changed.body["message"] == "её сеансы завершены: войти снова можно с новым паролем");
  w.tokens.erase("head");  // its session ended with the change
  Reply list = w.call_as(admin, "GET", "/api/users", "", "ru");
  for (const auto& a : list.body["accounts"]) BOOST_TEST((a["state"] == "active" || a["state"] == "disabled"));
  Reply audit = w.call_as(admin, "GET", "/api/audit?limit=1", "", "ru");
  BOOST_TEST(audit.body["scope"] == "все записи");
}

// A report's history: its steps and where it stands, in Russian.
BOOST_AUTO_TEST_CASE(a_history_is_told_in_russian) {
  World& w = world();
  Reply sent = w.call("POST", "/api/submissions", report("org01", "2021Q3"), "ru");
  BOOST_REQUIRE_MESSAGE(sent.status == 201, sent.body.dump());
  std::int64_t id = sent.body["ids"][0];
  Reply h = w.call("GET", "/api/submissions/" + std::to_string(id) + "/history", "", "ru");
  BOOST_REQUIRE(h.status == 200);
  BOOST_TEST(has(h.body["lines"][0].get<std::string>(), "отправлен  версия 1, отчёт "), h.body.dump());
  BOOST_TEST(has(h.body["now"].get<std::string>(), "версия 1 (отчёт "), h.body.dump());
  BOOST_TEST(!english_left(h.body["now"].get<std::string>()), h.body.dump());
  BOOST_TEST(h.body["events"].empty());
}

// A diff of two revisions read by a Russian methodologist: the item lines and the aspects in
// Russian words, the file's own text (formats, bounds) as the file writes it; "kind" and
// "action" stay the machine's words in either language.
BOOST_AUTO_TEST_CASE(a_diff_is_told_in_russian) {
  World& w = world();
  const std::string& method = w.token_of("method");
  json files = json::object();
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MERA_SOURCE_DIR) + "/examples/tomsk")) {
    if (entry.path().extension() != ".mera") continue;
    std::string text = slurp(entry.path());
    auto edit = [&](const std::string& from, const std::string& to) {
      std::size_t at = text.find(from);
      BOOST_REQUIRE_MESSAGE(at != std::string::npos, entry.path().filename().string() << " has no " << from);
      text.replace(at, from.size(), to);
    };
    std::string name = entry.path().filename().string();
    if (name == "model.mera") edit("effective 2020-06-10", "effective 2022-01-01");
    if (name == "blood_families.mera") edit("field families            int >= 0 ", "field families            int >= 0 required ");
    if (name == "indicators.mera") edit("sum(blood_families.closed)\n  format int", "sum(blood_families.closed)\n  format number digits 1");
    files["tomsk/" + name] = text;
  }
  Reply published = w.call_as(method, "POST", "/api/revisions", json{{"root", "tomsk"}, {"effective", "2022-01-01"}, {"files", files}}.dump(), "ru");
  BOOST_REQUIRE_MESSAGE(published.status == 201, published.body.dump());
  std::string to = std::to_string(published.body["revision"].get<std::int64_t>());
  Reply diff = w.call_as(method, "GET", "/api/revisions/diff?from=1&to=" + to, "", "ru");
  BOOST_REQUIRE_MESSAGE(diff.status == 200, diff.body.dump());
  BOOST_TEST(diff.language == "ru");
  std::string text = diff.body["text"];
  BOOST_TEST(has(text, "изменено   модель tomsk «Томская область»\n    вступает в силу: 2020-06-10 -> 2022-01-01\n"), text);
  BOOST_TEST(has(text, "изменено   поле blood_families.families «Обслужено семей за период»\n    обязательное: нет -> да\n"), text);
  BOOST_TEST(has(text, "изменено   показатель blood_families_served «Кровные семьи: обслужено семей»\n    формат: int -> number digits 1\n"), text);
  BOOST_TEST(has(text, "3 изменения: изменено 3\n"), text);
  for (const char* english : {"changed", "added", "removed", " model ", " field ", " indicator ", "effective", "required:", "format:", " yes", " no\n", "change"})
    BOOST_TEST(!has(text, english), english << " in " << text);
  for (const auto& change : diff.body["changes"]) {
    BOOST_TEST(change["action"] == "changed");
    BOOST_TEST((change["kind"] == "model" || change["kind"] == "field" || change["kind"] == "indicator"), change.dump());
  }
  BOOST_TEST(diff.body["changes"][1]["aspects"][0]["aspect"] == "обязательное");
  // The same diff without the header: the English of `mera model diff`.
  Reply en = w.call_as(method, "GET", "/api/revisions/diff?from=1&to=" + to, "", "");
  BOOST_TEST(has(en.body["text"].get<std::string>(), "changed  field blood_families.families «Обслужено семей за период»\n    required: no -> yes\n"),
             en.body.dump());
}

// The note on the period the engine chose names another the request's way (period), not the
// CLI's (--period), in an answer of 200 as in a refusal.
BOOST_AUTO_TEST_CASE(the_chosen_period_is_named_in_the_requests_words) {
  World& w = world();
  Reply sent = w.call("POST", "/api/submissions", report("org01", "2021Q4"), "ru");  // a complete year with reports
  BOOST_REQUIRE_MESSAGE(sent.status == 201 || sent.status == 409, sent.body.dump());
  for (const char* route : {"/api/indicators?unit=org01", "/api/indicators/blood_families_served/explain?unit=org01"}) {
    Reply r = w.call("GET", route, "", "ru");
    BOOST_REQUIRE_MESSAGE(r.status == 200, route << ": " << r.body.dump());
    std::string note = r.body.value("period_chosen", "");
    BOOST_TEST(has(note, "другой год — через period"), route << ": " << note);
    BOOST_TEST(!has(note, "--period"), route << ": " << note);
  }
}
