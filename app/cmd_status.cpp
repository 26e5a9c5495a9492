// mera status --db DB [--on DATE] [--unit U] [--soon DAYS] [--period P] [--history]: what is
// overdue, due soon, returned, waiting for review or late, per unit, and completeness, as of a
// day; with --unit also what the unit owes next, however far off.
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/engine/status.hpp"

namespace mera::app {

int run_status(const StatusArgs& a) {
  const dsl::Date now = today();
  engine::StatusOptions options;
  options.on = now;
  options.today = now;
  options.history = a.history;
  if (!a.on.empty()) {
    std::string problem;
    auto day = dsl::parse_iso_date(a.on, &problem);
    if (!day) {
      std::cerr << fmt::format("mera: '{}' is not a date{}\n", a.on, problem.empty() ? "; write it as 2022-01-12" : ": " + problem);
      return failure;
    }
    options.on = *day;
  }
  if (a.soon < 0) {
    std::cerr << "mera: --soon is a number of days, 0 or more\n";
    return failure;
  }
  options.soon_days = a.soon;
  options.unit = a.unit;
  if (!a.period.empty()) {
    std::string why;
    options.period = forms::parse_period(a.period, &why);
    if (!options.period) {
      std::cerr << fmt::format("mera: {}\n", why);
      return failure;
    }
  }
  storage::Database db = storage::Database::open(a.db);
  try {
    std::cout << engine::render(engine::build_status(db, options), now);
  } catch (const std::invalid_argument& e) {
    std::cerr << "mera: " << dsl::printable(e.what(), true) << '\n';
    return failure;
  }
  return ok;
}

}  // namespace mera::app
