// A stream of submissions from several clients at once into a real `mera serve`, stopped in the
// middle: by SIGKILL (after a restart every acknowledged submission is stored, nothing is half
// stored, the file is whole) and by SIGTERM (every request the server took is answered, so what
// is stored is exactly what was acknowledged). Each request carries two reports of its client,
// so all-or-nothing per request shows as two version counts that never differ.
#define BOOST_TEST_MODULE mera_service_stream
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <map>
#include <thread>

#include "mera/storage/database.hpp"
#include "routes_world.hpp"

using namespace mera::test;

namespace {

const std::string kValues =
    R"({"families":84,"children":194,"by_risk":{"low":25,"medium":36,"high":23},"new_families":22,"new_children":53,"closed":19,)"
    R"("closed_children":46,"on_support":65,"children_on_support":148,"positive":41,"negative":4,"reopened":1,"long_work":12})";

constexpr int kClients = 6;
const char* const kPeriods[2] = {"2024Q1", "2024Q2"};

std::string unit_of(int client) { return "org0" + std::to_string(client + 1); }

std::string request_body(int client) {
  std::string body = "[";
  for (const char* period : kPeriods)
    body += std::string(body.size() > 1 ? "," : "") + R"({"form":"blood_families","unit":")" + unit_of(client) + R"(","period":")" + period +
            R"(","values":)" + kValues + "}";
  return body + "]";
}

// The versions stored of each client's two reports.
std::map<std::pair<std::string, std::string>, long> versions(const std::string& db_path) {
  mera::storage::Database db = mera::storage::Database::open(db_path);
  std::map<std::pair<std::string, std::string>, long> count;
  for (int c = 0; c < kClients; ++c)
    for (const char* period : kPeriods) count[{unit_of(c), period}] = static_cast<long>(db.versions("blood_families", unit_of(c), period, "").size());
  return count;
}

struct Stream {
  std::vector<long> acknowledged = std::vector<long>(kClients, 0);  // 201s per client
  std::vector<std::string> unexpected = std::vector<std::string>(kClients);  // an answer neither 201 nor 503 (Boost.Test is for the main thread)
  std::atomic<long> total{0};
  std::vector<std::thread> clients;

  // Each client sends its two reports again and again (a correction after the first time, each
  // a new version) until a request gets no answer: the server is gone.
  void start(RoutesWorld& w, const std::vector<std::string>& tokens) {
    int port = w.server->port();
    for (int c = 0; c < kClients; ++c)
      clients.emplace_back([this, port, c, token = tokens[static_cast<std::size_t>(c)]] {
        httplib::Client client("127.0.0.1", port);
        client.set_keep_alive(true);
        client.set_read_timeout(120, 0);
        httplib::Headers headers{{"Authorization", "Bearer " + token}};
        std::string body = request_body(c);
        for (;;) {
          auto r = client.Post("/api/submissions?correct=true", headers, body, "application/json");
          if (r && r->status == 400 && r->body.find("nothing to correct") != std::string::npos)
            r = client.Post("/api/submissions", headers, body, "application/json");
          if (!r) return;
          if (r->status != 201 && r->status != 503) {
            unexpected[static_cast<std::size_t>(c)] = std::to_string(r->status) + " " + r->body;
            ++total;  // never keeps wait_for waiting
            return;
          }
          if (r->status == 201) ++acknowledged[static_cast<std::size_t>(c)], ++total;
        }
      });
  }
  void wait_for(long n) const {
    while (total < n) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  void join() {
    for (auto& t : clients) t.join();
    for (auto& answer : unexpected) BOOST_TEST(answer.empty(), answer);
  }
};

std::vector<std::string> tokens_of_the_clients(RoutesWorld& w) {
  std::vector<std::string> tokens;
  for (int c = 0; c < kClients; ++c) {
    if (w.password(unit_of(c)).empty()) w.add(unit_of(c), unit_of(c), "submitter");
    tokens.push_back(w.login(unit_of(c)));
  }
  return tokens;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stream)

BOOST_AUTO_TEST_CASE(after_sigkill_every_acknowledged_submission_is_stored_and_the_file_is_whole) {
  RoutesWorld w;
  auto before = versions(w.db);
  Stream stream;
  stream.start(w, tokens_of_the_clients(w));
  stream.wait_for(60);
  ::kill(w.server->pid(), SIGKILL);
  stream.join();
  auto after = versions(w.db);
  for (int c = 0; c < kClients; ++c) {
    long first = after[{unit_of(c), kPeriods[0]}] - before[{unit_of(c), kPeriods[0]}];
    long second = after[{unit_of(c), kPeriods[1]}] - before[{unit_of(c), kPeriods[1]}];
    BOOST_TEST(first == second, unit_of(c) << ": a request was half stored");
    // Every acknowledged one is there; at most the one in flight when the server died was
    // committed without its answer reaching the client.
    long acknowledged = stream.acknowledged[static_cast<std::size_t>(c)];
    BOOST_TEST(first >= acknowledged, unit_of(c));
    BOOST_TEST(first <= acknowledged + 1, unit_of(c));
  }
  BOOST_TEST(mera::storage::Database::open(w.db).integrity_check() == "ok");
  // The restarted server goes on from there.
  w.server = std::make_unique<Server>(w.db, w.dir / "serve-again.log");
  std::string token = w.login(unit_of(0));
  Reply r = w.call("POST", "/api/submissions?correct=true", request_body(0), token);
  BOOST_TEST(r.status == 201, r.text);
}

BOOST_AUTO_TEST_CASE(after_sigterm_what_is_stored_is_exactly_what_was_acknowledged) {
  RoutesWorld w;
  auto before = versions(w.db);
  Stream stream;
  stream.start(w, tokens_of_the_clients(w));
  stream.wait_for(60);
  ::kill(w.server->pid(), SIGTERM);
  stream.join();
  BOOST_TEST(w.server->stop() == 0);
  auto after = versions(w.db);
  for (int c = 0; c < kClients; ++c)
    for (const char* period : kPeriods) {
      std::pair<std::string, std::string> key{unit_of(c), period};
      BOOST_TEST(after[key] - before[key] == stream.acknowledged[static_cast<std::size_t>(c)], unit_of(c) << " " << period);
    }
  BOOST_TEST(contains(w.server->log(), "mera serve: stopped; every request received was answered"));
}

BOOST_AUTO_TEST_SUITE_END()
