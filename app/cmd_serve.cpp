// mera serve --db DB [--listen HOST:PORT]: the HTTP service (service/). Its log goes to stderr.
#include <iostream>

#include "commands.hpp"
#include "mera/service/server.hpp"

namespace mera::app {

int run_serve(const ServeArgs& args) {
  service::ServeOptions options;
  options.db = args.db;
  if (std::string why = service::parse_listen(args.listen, options); !why.empty()) {
    std::cerr << "mera: error: " << why << '\n';
    return failure;
  }
  if (!(args.session_hours > 0) || args.session_hours > 24 * 366) {
    std::cerr << "mera: error: --session-hours must be more than 0 and at most a year (8784)\n";
    return failure;
  }
  if (args.threads < 1 || args.threads > 256) {
    std::cerr << "mera: error: --threads must be from 1 to 256\n";
    return failure;
  }
  options.session_hours = args.session_hours;
  options.threads = args.threads;
  options.max_body = static_cast<std::size_t>(args.max_request_mb) << 20;
  options.queue = args.queue;
  options.request_seconds = args.request_seconds;
  return service::serve(options, std::cerr);
}

}  // namespace mera::app
