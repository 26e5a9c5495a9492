// What a route handler gets: the request, the response, the service's shared state, the
// request's id, and, on demand, a database connection and the calling account.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "db_pool.hpp"
#include "mera/engine/intake.hpp"
#include "writer.hpp"
#include "mera/service/access.hpp"
#include "mera/service/sessions.hpp"

namespace mera::service {

struct ServiceState {
  ServiceState(const std::string& db_path, SessionPolicy p, WriterLimits w, std::ostream& l)
      : pool(db_path), writer(pool.connect(), w), policy(p), log(l) {}
  DbPool pool;
  Writer writer;  // every write of a request's that can wait for a group commit
  // The model and the unit tree submissions are checked against, kept between requests: used
  // only inside writer jobs, so only on the writer's thread and connection.
  engine::IntakeCache intake_cache;
  SessionPolicy policy;
  std::ostream& log;
  std::mutex log_mutex;
  std::atomic<long> next_request{1};
  // Every route as Router registered it (method, httplib's pattern), before the server listens;
  // read-only after. GET /api/routes shows it, and a test holds it against /api/openapi.json.
  std::vector<std::pair<std::string, std::string>> routes;
  void log_line(const std::string& line);
};

class Context {
 public:
  Context(const httplib::Request& request, httplib::Response& response, ServiceState& service, std::string id)
      : req(request), res(response), state(service), request_id(std::move(id)) {}

  storage::Database& db();
  // Runs job in the writer's next group commit (src/writer.hpp) and returns once it is durable;
  // what job throws comes back here, its writes undone. Reads made before it, on db(), may be
  // a moment older than what job sees: a job checks again what its writes depend on.
  void write(const Writer::Job& job) { state.writer.run(job); }
  // The account of the request's bearer token; ApiError 401 (with why) when there is none.
  const Caller& caller();
  bool has_caller() const { return caller_.has_value(); }
  // ApiError 403 with the decision's words when the caller may not.
  void require(Action action, std::string_view unit, dsl::Date day, const engine::UnitTree& tree);
  // A query parameter, "" when absent.
  std::string param(const char* name) const;
  // A date parameter (ISO), or today (UTC) when absent; ApiError 400 when it is not a date.
  dsl::Date date_param(const char* name) const;
  void reply(int status, const nlohmann::json& body);

  const httplib::Request& req;
  httplib::Response& res;
  ServiceState& state;
  const std::string request_id;

 private:
  std::optional<DbPool::Lease> lease_;
  std::optional<Caller> caller_;
};

// Routes add themselves through this: each handler runs inside the error handling of
// src/server.cpp (ApiError -> its status; anything else -> 500 with the request id, logged).
using Handler = std::function<void(Context&)>;
struct Router {
  httplib::Server& server;
  ServiceState& state;
  void get(const std::string& pattern, Handler handler);
  void post(const std::string& pattern, Handler handler);
};

void add_auth_routes(Router& router);
void add_model_routes(Router& router);
void add_submission_routes(Router& router);
void add_status_routes(Router& router);
void add_review_routes(Router& router);
void add_unit_routes(Router& router);
void add_indicator_routes(Router& router);
void add_deadline_routes(Router& router);
void add_template_routes(Router& router);
void add_audit_routes(Router& router);
void add_history_routes(Router& router);
void add_revision_routes(Router& router);
void add_user_routes(Router& router);
// The web pages (routes_web.cpp): registered last, so that no /api/ route is ever taken for a page.
void add_web_routes(Router& router);
void add_openapi_routes(Router& router);  // last: it describes the routes registered before it

dsl::Date today_utc();

}  // namespace mera::service
