// mera eval --db DB [--unit U | --all] [--period P | --period P1..P2] [--format table|json|csv] [--explain NAME]
//           [--revision REV [--compare]]:
// every indicator for a unit and period under the revision in force (or under REV, a what-if
// that stores nothing; --compare puts both side by side), or how one value came about.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/dsl/date.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

dsl::Date today() {
  auto day = dsl::parse_iso_date(storage::now_utc().substr(0, 10));
  return day ? *day : dsl::Date{2100, 1, 1};
}

int print_dashboard(const storage::Database& db, const engine::DashboardRequest& request, engine::DashboardFormat format,
                    const std::string& explain, bool compare) {
  engine::UnitTree tree = engine::UnitTree::load(db);
  engine::Revisions revisions(db);
  engine::DashboardBuilder builder(db, revisions, tree);
  try {
    engine::Dashboard dashboard;
    if (compare) {
      engine::DashboardBuilder::Comparison c = builder.compare(request);
      std::cout << engine::render(c, format);
      dashboard = std::move(c.what_if);  // its Lua failures are the ones to tell
    } else if (!explain.empty()) {
      engine::Explanation e = builder.explain(request, explain, dashboard);
      std::cout << engine::render(e, dashboard);
    } else {
      std::vector<engine::Dashboard> series = builder.build_series(request);
      std::cout << engine::render(series, format);
      dsl::Diagnostics problems;
      for (const auto& d : series) problems.append(d.problems);
      std::cerr << dsl::render(problems);
      return problems.error_count() ? input_errors : ok;
    }
    // Lua failures are values ("Lua error") in the output and diagnostics here, at the indicator.
    std::cerr << dsl::render(dashboard.problems);
    return dashboard.problems.error_count() ? input_errors : ok;
  } catch (const engine::RequestError& e) {
    std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(e.what(), true) << '\n';
    return failure;
  }
}

int run_eval(const std::string& db_path, const engine::DashboardRequest& request, const std::string& format,
             const std::string& explain, bool compare) {
  auto how = engine::dashboard_format(format);
  if (!how) {  // a usage error is told before the database is opened
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("unknown format '{}': use table, json or csv", format) << "\n";
    return failure;
  }
  storage::Database db = storage::Database::open(db_path);
  engine::DashboardRequest r = request;
  r.today = today();
  return print_dashboard(db, r, *how, explain, compare);
}

}  // namespace mera::app
