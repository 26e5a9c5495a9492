// The HTTP server: httplib's thread pool, the error handling every route runs inside, one log
// line per request, and the orderly stop on SIGTERM or SIGINT (stop accepting, answer what is in
// flight, exit 0).
#include "mera/service/server.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/storage/error.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

// A path as the log shows it: one line, whatever the client put in it (httplib decodes %0A).
std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char ch : text.substr(0, 300)) out += ch < 0x20 || ch == 0x7f ? '?' : static_cast<char>(ch);
  return text.size() > 300 ? out + "..." : out;
}

// The request's language (Accept-Language; English without one) for every message made while
// it is served on this thread, said back in Content-Language. The log stays English.
text::Language speak(const httplib::Request& req, httplib::Response& res) {
  text::Language language = text::from_accept_language(req.get_header_value("Accept-Language"));
  res.set_header("Content-Language", language == text::Language::ru ? "ru" : "en");
  res.set_header("Vary", "Accept-Language");
  return language;
}

// Runs one handler: its ApiError is the answer; a busy database is 503 with a retry hint;
// anything else is the server's fault, 500, logged with the request id the client is told.
void run(ServiceState& state, const Handler& handler, const httplib::Request& req, httplib::Response& res) {
  auto started = std::chrono::steady_clock::now();
  std::string id = fmt::format("r{}", state.next_request++);
  res.set_header("X-Request-Id", id);
  text::Scope language(speak(req, res));
  Context c(req, res, state, id);
  std::string failure;
  try {
    handler(c);
  } catch (const ApiError& e) {
    c.reply(e.status(), error_body(e.what(), e.diagnostics()));
  } catch (const storage::Busy& e) {
    c.reply(503, error_body(text::tr("the database is busy with other writes; send the request again in a moment")));
    res.set_header("Retry-After", "1");
  } catch (const Overloaded& e) {
    c.reply(503, error_body(e.what()));
    res.set_header("Retry-After", "1");
  } catch (const std::exception& e) {
    failure = e.what();
    c.reply(500, error_body(text::tr("the server failed on this request ({}); it was not your input: tell the administrator "
                                     "this id, the server's log has the cause",
                                     id)));
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  std::string who = c.has_caller() ? c.caller().login : "-";
  std::string line = fmt::format("{} {} {} {} {}ms {}", id, req.method, printable(req.path), res.status, ms, who);
  if (!failure.empty()) line += " failed: " + failure;
  state.log_line(line);
}

// httplib's own refusals (unknown route, request too large, malformed request) come with an
// empty body: give them the JSON every error has.
httplib::Server::HandlerResponse fill_error(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  std::string id = fmt::format("r{}", state.next_request++);
  res.set_header("X-Request-Id", id);
  text::Scope language(speak(req, res));
  state.log_line(fmt::format("{} {} {} {} refused before any route", id, printable(req.method), printable(req.path), res.status));
  std::string message;
  switch (res.status) {
    case 404: message = text::tr("no route {} {}: see docs/service.md for the routes", req.method, req.path); break;
    case 405: message = text::tr("{} is not allowed on {}", req.method, req.path); break;
    case 413:
      // httplib takes a form-encoded body (curl -d without a Content-Type) only up to 8 KiB:
      // the sender's fix is the type, not a smaller request.
      if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0) {
        res.status = 415;
        message = text::tr("the request's body is sent as a form (Content-Type: application/x-www-form-urlencoded): send it as "
                           "JSON, with Content-Type: application/json (curl: -H 'Content-Type: application/json')");
      } else {
        message = text::tr("the request is larger than this server takes: send fewer reports at once");
      }
      break;
    case 414: message = text::tr("the request's address is too long"); break;
    case 400: message = text::tr("the request could not be read as HTTP: a POST needs a Content-Length (0 for an empty body)"); break;
    default: message = text::tr("the request could not be read (HTTP {})", res.status); break;
  }
  res.set_content(error_body(message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
  return httplib::Server::HandlerResponse::Handled;
}

// Signals are blocked in every thread (the pool's threads inherit the mask) and taken by one
// thread with sigwait, which may then safely call stop(): no work in a signal handler.
constexpr int kBacklog = 512;

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void Router::get(const std::string& pattern, Handler handler) {
  state.routes.emplace_back("GET", pattern);
  server.Get(pattern, [this, handler](const httplib::Request& req, httplib::Response& res) { run(state, handler, req, res); });
}

void Router::post(const std::string& pattern, Handler handler) {
  state.routes.emplace_back("POST", pattern);
  server.Post(pattern, [this, handler](const httplib::Request& req, httplib::Response& res) { run(state, handler, req, res); });
}

std::string parse_listen(const std::string& text, ServeOptions& options) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return fmt::format("--listen {}: write HOST:PORT, such as 127.0.0.1:8080", text);
  std::string port = text.substr(colon + 1);
  int value = 0;
  for (char ch : port) {
    if (ch < '0' || ch > '9' || value > 65535) return fmt::format("--listen {}: the port '{}' is not a number from 0 to 65535", text, port);
    value = value * 10 + (ch - '0');
  }
  if (value > 65535) return fmt::format("--listen {}: the port '{}' is not a number from 0 to 65535", text, port);
  options.host = text.substr(0, colon);
  options.port = value;
  return {};
}

int serve(const ServeOptions& options, std::ostream& log) {
  sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  SessionPolicy policy;
  policy.lifetime = std::chrono::seconds(static_cast<long>(options.session_hours * 3600));
  std::unique_ptr<ServiceState> state;
  try {
    WriterLimits limits;
    limits.queue = static_cast<std::size_t>(options.queue);
    limits.wait = std::chrono::seconds(options.request_seconds);
    state = std::make_unique<ServiceState>(options.db, policy, limits, log);
  } catch (const std::exception& e) {
    log << "mera serve: error: " << e.what() << std::endl;
    return 2;
  }
  httplib::Server server;
  int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_payload_max_length(options.max_body);
  // httplib leaves Nagle's algorithm on: an answer written in two pieces (head, body) then
  // waits for the client's delayed ACK, some 40 ms per request on Linux.
  server.set_tcp_nodelay(true);
  server.set_read_timeout(options.request_seconds, 0);
  server.set_write_timeout(options.request_seconds, 0);
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [&state](const httplib::Request& req, httplib::Response& res) { return fill_error(*state, req, res); }));
  // httplib 0.11 listens with a backlog of 5 (compiled into Debian's library): more clients
  // connecting at once than that can be dropped by the kernel. The listening socket is caught
  // as it is made and, once bound, listened on again with a longer queue (Linux takes a second
  // listen() as a change of the backlog).
  int listening = -1;
  server.set_socket_options([&listening](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // as httplib's default does
    listening = sock;
  });
  Router router{server, *state};
  add_auth_routes(router);
  add_model_routes(router);
  add_submission_routes(router);
  add_status_routes(router);
  add_review_routes(router);
  add_unit_routes(router);
  add_indicator_routes(router);
  add_deadline_routes(router);
  add_template_routes(router);
  add_audit_routes(router);
  add_history_routes(router);
  add_revision_routes(router);
  add_user_routes(router);
  add_openapi_routes(router);
  add_web_routes(router);

  int port = options.port == 0 ? server.bind_to_any_port(options.host) : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) {
    log << fmt::format("mera serve: error: cannot listen on {}:{} (in use, or not an address of this machine); choose another "
                       "with --listen HOST:PORT",
                       options.host, options.port)
        << std::endl;
    return 2;
  }
  if (listening >= 0) ::listen(listening, kBacklog);
  std::atomic<bool> signalled{false};
  std::thread stopper([&server, &signalled, signals] {
    int got = 0;
    sigwait(&signals, &got);
    signalled = true;
    server.stop();
  });
  state->log_line(fmt::format("mera serve: listening on http://{}:{} (database {}, {} threads); stop with Ctrl-C or SIGTERM",
                              options.host, port, options.db, threads));
  server.listen_after_bind();  // returns once stop() ran and the pool finished what it had
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper: listening ended otherwise
  stopper.join();
  Writer::Stats written = state->writer.stats();
  state->log_line(fmt::format("mera serve: stopped; every request received was answered ({} writes in {} group commits)",
                              written.jobs, written.groups));
  return 0;
}

}  // namespace mera::service
