// A load client for `mera serve` (docs/benchmarks.md, "The service"): N clients, each on its
// own kept-alive connection, send requests back to back for a while; it prints the rate of
// answers with the expected status and the latency percentiles of all of them.
//
//   service_load submit PORT CLIENTS SECONDS TOKENS_FILE
//     each client sends corrections of its own Tomsk blood_families report (organization
//     org01..org10 by client, a quarter of its own from 2021Q1 on; each is a new version, so
//     every request is a real stored submission), 201 expected. TOKENS_FILE: one bearer token
//     a line, the one of org01 first ... org10 last.
//   service_load get PORT CLIENTS SECONDS TOKEN PATH
//     each client GETs PATH (the dashboard, say), 200 expected.
//   service_load sqlite FILE ROWS BATCH
//     the physical limit beside it: ROWS inserts of a submission-sized row into a new SQLite
//     file in WAL mode with synchronous=FULL, as mera's, BATCH rows per transaction.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

const std::string kValues =
    R"({"families":84,"children":194,"by_risk":{"low":25,"medium":36,"high":23},"new_families":22,"new_children":53,"closed":19,)"
    R"("closed_children":46,"on_support":65,"children_on_support":148,"positive":41,"negative":4,"reopened":1,"long_work":12})";

std::string quarter(int index) { return std::to_string(2021 + index / 4) + "Q" + std::to_string(index % 4 + 1); }

struct Result {
  std::vector<double> latencies_ms;
  long ok = 0, other = 0, failed = 0;
  int first_other_status = 0;
  std::string first_other_body;
};

void print(const char* what, int clients, double seconds, std::vector<Result>& results) {
  Result all;
  for (auto& r : results) {
    all.latencies_ms.insert(all.latencies_ms.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    all.ok += r.ok;
    all.other += r.other;
    all.failed += r.failed;
    if (!all.first_other_status && r.first_other_status) {
      all.first_other_status = r.first_other_status;
      all.first_other_body = r.first_other_body;
    }
  }
  std::sort(all.latencies_ms.begin(), all.latencies_ms.end());
  auto at = [&](double q) {
    if (all.latencies_ms.empty()) return 0.0;
    return all.latencies_ms[std::min(all.latencies_ms.size() - 1, static_cast<std::size_t>(q * all.latencies_ms.size()))];
  };
  std::printf("%s clients=%d answered_ok=%ld per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f other_status=%ld no_answer=%ld\n", what,
              clients, all.ok, all.ok / seconds, at(0.50), at(0.99), all.latencies_ms.empty() ? 0.0 : all.latencies_ms.back(), all.other,
              all.failed);
  if (all.first_other_status)
    std::printf("  first other answer: %d %s\n", all.first_other_status, all.first_other_body.substr(0, 300).c_str());
}

// Runs `clients` threads for `seconds`, each calling send(client, i) until the time is up.
template <class Send>
void drive(const char* what, int port, int clients, double seconds, int expected, Send send) {
  std::vector<Result> results(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto started = Clock::now();
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // as curl and browsers do
      client.set_read_timeout(120, 0);
      Result& r = results[static_cast<std::size_t>(c)];
      for (long i = 0; Clock::now() < end; ++i) {
        auto t0 = Clock::now();
        httplib::Result answer = send(client, c, i);
        r.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!answer) ++r.failed;
        else if (answer->status == expected) ++r.ok;
        else {
          ++r.other;
          if (!r.first_other_status) {
            r.first_other_status = answer->status;
            r.first_other_body = answer->body;
          }
        }
      }
    });
  for (auto& t : threads) t.join();
  print(what, clients, std::chrono::duration<double>(Clock::now() - started).count(), results);
}

int sqlite_limit(const std::string& file, long rows, long batch) {
  std::remove(file.c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE s (id INTEGER PRIMARY KEY, form TEXT, unit TEXT, period TEXT, version INTEGER, values_json TEXT, at TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO s (form, unit, period, version, values_json, at) VALUES ('blood_families', ?, '2021Q1', ?, ?, ?)", -1,
                     &insert, nullptr);
  auto started = Clock::now();
  for (long i = 0; i < rows; i += batch) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (long j = i; j < std::min(rows, i + batch); ++j) {
      std::string unit = "org" + std::to_string(j % 10);
      sqlite3_bind_text(insert, 1, unit.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 2, j);
      sqlite3_bind_text(insert, 3, kValues.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 4, "2026-12-03T12:00:00Z", -1, SQLITE_STATIC);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return 1;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("sqlite batch=%ld rows=%ld per_s=%.0f\n", batch, rows, rows / seconds);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 5 && a[0] == "submit") {
    std::vector<std::string> tokens;
    std::ifstream in(a[4]);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) tokens.push_back(line);
    if (tokens.size() < 10) return std::fprintf(stderr, "service_load: %s needs 10 tokens (org01..org10)\n", a[4].c_str()), 2;
    drive("submit", std::stoi(a[1]), std::stoi(a[2]), std::stod(a[3]), 201, [&](httplib::Client& client, int c, long i) {
      int org = c % 10;
      char unit[8];
      std::snprintf(unit, sizeof unit, "org%02d", org + 1);
      std::string body = std::string(R"({"form":"blood_families","unit":")") + unit + R"(","period":")" + quarter(c / 10) +
                         R"(","values":)" + kValues + "}";
      // The first of each client's reports may already be there from an earlier run: always a correction after it.
      std::string path = i == 0 ? "/api/submissions" : "/api/submissions?correct=true";
      httplib::Headers headers{{"Authorization", "Bearer " + tokens[static_cast<std::size_t>(org)]}};
      httplib::Result r = client.Post(path, headers, body, "application/json");
      if (i == 0 && r && r->status == 409) r = client.Post("/api/submissions?correct=true", headers, body, "application/json");
      return r;
    });
    return 0;
  }
  if (a.size() == 6 && a[0] == "get") {
    httplib::Headers headers{{"Authorization", "Bearer " + a[4]}};
    drive("get", std::stoi(a[1]), std::stoi(a[2]), std::stod(a[3]), 200,
          [&](httplib::Client& client, int, long) { return client.Get(a[5], headers); });
    return 0;
  }
  if (a.size() == 4 && a[0] == "sqlite") return sqlite_limit(a[1], std::stol(a[2]), std::stol(a[3]));
  std::fprintf(stderr,
               "usage: service_load submit PORT CLIENTS SECONDS TOKENS_FILE\n"
               "       service_load get PORT CLIENTS SECONDS TOKEN PATH\n"
               "       service_load sqlite FILE ROWS BATCH\n");
  return 2;
}
