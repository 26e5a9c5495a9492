// mera eval --db DB [--unit U | --all] [--period P | --period P1..P2] [--format table|json|csv|csv-excel|xlsx] [-o FILE]
//           [--explain NAME] [--revision REV [--compare]]:
// every indicator for a unit and period under the revision in force (or under REV, a what-if
// that stores nothing; --compare puts both side by side), or how one value came about.
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
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

namespace {

bool for_spreadsheets(engine::DashboardFormat f) { return f == engine::DashboardFormat::csv_excel || f == engine::DashboardFormat::xlsx; }

// The dashboard to `output`, or to the standard output when none is given.
bool emit(const std::string& bytes, const std::string& output) {
  if (output.empty()) {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return true;
  }
  std::ofstream file(output, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("cannot write {}", dsl::printable(output, true)) << '\n';
    return false;
  }
  return true;
}

}  // namespace

int print_dashboard(const storage::Database& db, const engine::DashboardRequest& request, engine::DashboardFormat format,
                    const std::string& explain, bool compare, const std::string& output) {
  engine::UnitTree tree = engine::UnitTree::load(db);
  engine::Revisions revisions(db);
  engine::DashboardBuilder builder(db, revisions, tree);
  try {
    engine::Dashboard dashboard;
    if (compare) {
      engine::DashboardBuilder::Comparison c = builder.compare(request);
      if (!emit(engine::render(c, format), output)) return failure;
      dashboard = std::move(c.what_if);  // its Lua failures are the ones to tell
    } else if (!explain.empty()) {
      engine::Explanation e = builder.explain(request, explain, dashboard);
      if (!emit(engine::render(e, dashboard), output)) return failure;
    } else {
      std::vector<engine::Dashboard> series = builder.build_series(request);
      if (!emit(engine::render(series, format), output)) return failure;
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
  } catch (const std::runtime_error& e) {  // the workbook could not be written
    std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(e.what(), true) << '\n';
    return failure;
  }
}

int run_eval(const std::string& db_path, const engine::DashboardRequest& request, const std::string& format,
             const std::string& explain, bool compare, const std::string& output) {
  auto how = engine::dashboard_format(format);
  auto refuse = [](const std::string& why) {  // a usage error is told before the database is opened
    std::cerr << "mera: " << text::tr("error") << ": " << why << "\n";
    return failure;
  };
  if (!how) return refuse(text::tr("unknown format '{}': use table, json, csv, csv-excel or xlsx", format));
  if (for_spreadsheets(*how) && (compare || !explain.empty()))
    return refuse(text::tr("--format {} exports a dashboard: --compare and --explain print as table, json or csv", format));
  if (*how == engine::DashboardFormat::xlsx && output.empty() && isatty(STDOUT_FILENO))
    return refuse(text::tr("--format xlsx makes a workbook: give the file with -o FILE.xlsx"));
  storage::Database db = storage::Database::open(db_path);
  engine::DashboardRequest r = request;
  r.today = today();
  return print_dashboard(db, r, *how, explain, compare, output);
}

}  // namespace mera::app
