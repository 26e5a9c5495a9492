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

// A stream into a server of its own, stopped by `signal` once 60 requests were acknowledged:
// the versions stored before it, and the requests acknowledged to each client.
struct Stopped {
  std::map<std::pair<std::string, std::string>, long> before;
  std::vector<long> acknowledged;
};

Stopped stream_stopped_by(RoutesWorld& w, int signal, const std::string& log) {
  w.server = std::make_unique<Server>(w.db, w.dir / log);
  Stopped out{versions(w.db), {}};
  Stream stream;
  stream.start(w, tokens_of_the_clients(w));
  stream.wait_for(60);
  ::kill(w.server->pid(), signal);
  stream.join();
  out.acknowledged = stream.acknowledged;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stream)

BOOST_AUTO_TEST_CASE(after_sigkill_every_acknowledged_submission_is_stored_and_the_file_is_whole) {
  RoutesWorld& w = routes_world();
  auto [before, acknowledged_by] = stream_stopped_by(w, SIGKILL, "serve-kill.log");
  auto after = versions(w.db);
  for (int c = 0; c < kClients; ++c) {
    long first = after[{unit_of(c), kPeriods[0]}] - before[{unit_of(c), kPeriods[0]}];
    long second = after[{unit_of(c), kPeriods[1]}] - before[{unit_of(c), kPeriods[1]}];
    BOOST_TEST(first == second, unit_of(c) << ": a request was half stored");
    // Every acknowledged one is there; at most the one in flight when the server died was
    // committed without its answer reaching the client.
    long acknowledged = acknowledged_by[static_cast<std::size_t>(c)];
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
  RoutesWorld& w = routes_world();
  auto [before, acknowledged_by] = stream_stopped_by(w, SIGTERM, "serve-term.log");
  BOOST_TEST(w.server->stop() == 0);
  auto after = versions(w.db);
  for (int c = 0; c < kClients; ++c)
    for (const char* period : kPeriods) {
      std::pair<std::string, std::string> key{unit_of(c), period};
      BOOST_TEST(after[key] - before[key] == acknowledged_by[static_cast<std::size_t>(c)], unit_of(c) << " " << period);
    }
  BOOST_TEST(contains(w.server->log(), "mera serve: stopped; every request received was answered"));
}

// Overload, made certain: another process holds the write lock, so the writer's first group
// waits for it; with --queue 1 one more write may wait and the next is refused at once; with
// --request-seconds 1 the one that waited is refused when its turn comes. The pauses only
// order the requests (each is sent well after the one before has arrived); nothing is timed.
BOOST_AUTO_TEST_CASE(writes_beyond_the_queue_or_waiting_too_long_get_503_and_nothing_is_stored) {
  RoutesWorld& w = routes_world();
  w.server = std::make_unique<Server>(w.db, w.dir / "serve-queue.log", std::vector<std::string>{"--queue", "1", "--request-seconds", "1"});
  auto tokens = tokens_of_the_clients(w);
  auto before = versions(w.db);
  struct Answer {
    int status = 0;  // 0: no answer
    std::string body, retry_after;
  };
  auto send = [&](int c) {
    httplib::Client client("127.0.0.1", w.server->port());
    client.set_read_timeout(120, 0);
    httplib::Headers headers{{"Authorization", "Bearer " + tokens[static_cast<std::size_t>(c)]}};
    auto r = client.Post("/api/submissions?correct=true", headers, request_body(c), "application/json");
    if (r && r->status == 400 && r->body.find("nothing to correct") != std::string::npos)
      r = client.Post("/api/submissions", headers, request_body(c), "application/json");
    return r ? Answer{r->status, r->body, r->get_header_value("Retry-After")} : Answer{};
  };
  Answer first, second;
  std::thread a, b;
  {
    mera::storage::Database other = mera::storage::Database::open(w.db);
    auto lock = other.write();
    a = std::thread([&] { first = send(0); });
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the writer now waits for the lock with it
    b = std::thread([&] { second = send(1); });
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // it waits in the queue
    Answer third = send(2);
    BOOST_TEST(third.status == 503, third.body);
    BOOST_TEST(third.retry_after == "1");
    BOOST_TEST(contains(third.body, "writes waiting"), third.body);
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // the second has waited more than 1 s
  }  // the lock is released: the writer's first group goes on
  a.join();
  b.join();
  BOOST_TEST(first.status == 201, first.body);
  BOOST_TEST(second.status == 503, second.body);
  BOOST_TEST(second.retry_after == "1");
  BOOST_TEST(contains(second.body, "waited more than 1 s"), second.body);
  auto after = versions(w.db);
  for (const char* period : kPeriods) {
    std::pair<std::string, std::string> stored{unit_of(0), period}, refused{unit_of(1), period}, full{unit_of(2), period};
    BOOST_TEST(after[stored] == before[stored] + 1);
    BOOST_TEST(after[refused] == before[refused]);
    BOOST_TEST(after[full] == before[full]);
  }
  BOOST_TEST(w.server->stop() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
