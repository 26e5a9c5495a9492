// `mera serve`: the HTTP service over one database. JSON over HTTP on a pool of threads; every
// route calls the same engine code as the command line. See docs/service.md.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace mera::service {

struct ServeOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port (the log says which)
  double session_hours = 12;    // how long a login's token works
  // Connections served at once: httplib gives a kept-alive connection its thread until it
  // closes, so this is also how many clients are served without waiting for another to leave.
  int threads = 32;
  std::size_t max_body = 16u << 20;  // bytes; a bigger request gets 413
  int queue = 512;                   // writes waiting for a group commit at most; more get 503
  // A write that cannot start within this gets 503 (nothing stored); a client silent this long
  // while sending or reading is disconnected.
  int request_seconds = 30;
};

// Reads "HOST:PORT" into options (host and port); "" when it reads, else what is wrong.
std::string parse_listen(const std::string& text, ServeOptions& options);

// Serves until SIGTERM or SIGINT: then it stops accepting, answers every request already
// received, and returns 0. Returns 2 when the database cannot be opened or the address cannot
// be bound (the log says why). The log gets one line per request (its id, method, path,
// status, account), never a body, a password or a token.
int serve(const ServeOptions& options, std::ostream& log);

}  // namespace mera::service
