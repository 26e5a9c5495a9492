// mera demo [--db PATH]: a fresh database from examples/tomsk and its sample data, then the
// region's dashboard for the last complete year. What the README's first command runs.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "mera/engine/init.hpp"
#include "mera/engine/intake.hpp"
#include "mera/engine/workflow.hpp"
#include "mera/storage/clock.hpp"

namespace fs = std::filesystem;

namespace mera::app {
namespace {

// The folder of the running executable (Linux: /proc/self/exe), or empty if it cannot be read.
fs::path executable_folder() {
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : exe.parent_path();
}

// examples/tomsk beside the binary, as `cmake --install` lays it out (P/bin/mera and
// P/share/mera/examples), wherever P was moved; else, for the binary still in the build folder it
// was built in, the source tree's. An installed or copied binary never reads the build machine's
// source tree: what it runs must be what was installed with it. Not the working directory
// either: a folder of the user's that happens to be called examples/tomsk is not the demo.
fs::path find_example() {
  fs::path here = executable_folder();
  std::vector<std::string> looked;
  if (!here.empty()) {
    fs::path beside = (here / MERA_EXAMPLES_FROM_BIN / "tomsk").lexically_normal();
    if (fs::is_directory(beside)) return beside;
    looked.push_back(fmt::format("  {} (beside this mera, {})", beside.string(), (here / "mera").string()));
  }
  std::error_code error;
  fs::path source = fs::path(MERA_EXAMPLES_DIR) / "tomsk";
  if (!here.empty() && fs::equivalent(here, MERA_BUILD_BIN_DIR, error)) {
    if (fs::is_directory(source)) return source;
    looked.push_back(fmt::format("  {} (the source tree this mera was built from)", source.string()));
  } else {
    looked.push_back(fmt::format("  not the source tree {}: only the mera in its build folder {} reads it", source.string(), MERA_BUILD_BIN_DIR));
  }
  throw std::runtime_error(fmt::format(
      "mera demo needs the bundled example examples/tomsk and found it nowhere; it looked in\n{}\n"
      "install mera with its examples (cmake --install BUILD --prefix P gives P/bin/mera and P/{}), "
      "or build a database from a model of your own: mera init --db DB MODEL",
      fmt::join(looked, "\n"), (fs::path("bin") / MERA_EXAMPLES_FROM_BIN).lexically_normal().string()));
}

std::vector<std::string> sample_files(const fs::path& data) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(data)) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".jsonl" || ext == ".csv")) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Removes the temporary database (and its WAL files) however the demo ends.
struct TemporaryDatabase {
  std::string path;
  ~TemporaryDatabase() {
    if (path.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ignored);
  }
};

}  // namespace

int run_demo(const std::string& db_path, const std::string& user) {
  fs::path example = find_example();
  TemporaryDatabase temporary;
  std::string path = db_path;
  if (path.empty()) {
    path = (fs::temp_directory_path() / fmt::format("mera-demo-{}.db", ::getpid())).string();
    temporary.path = path;
  }
  engine::InitReport init = engine::init_database(path, example.string(), user, storage::now_utc());
  std::cerr << dsl::render(init.diags);
  if (!init.created) return input_errors;
  std::cout << fmt::format("mera demo: {} with {} units from {} in {}\n", init.model->summary(), init.units, example.string(),
                           db_path.empty() ? "a temporary database" : path);

  storage::Database db = storage::Database::open(path);
  engine::SubmitOptions options{user, false, {}};
  // The reports, then the corrections of returned ones (a review judges the version current
  // at its date, so corrections come first), then the platforms' and center's review steps.
  std::vector<std::string> reports = sample_files(example / "data");
  reports.push_back((example / "data" / "workflow" / "corrections.jsonl").string());
  for (const auto& file : reports) {
    engine::FileReport report = engine::submit_file(db, dsl::read_source(file), options);
    std::cout << "  " << engine::summary(report) << '\n';
    if (report.refused) {  // the sample data is the repository's: say exactly what broke
      std::cerr << dsl::render(report.diags);
      return input_errors;
    }
  }
  engine::ReviewFileReport reviews =
      engine::review_file(db, dsl::read_source((example / "data" / "workflow" / "reviews.csv").string()), {user, {}});
  std::cout << "  " << engine::summary(reviews) << '\n';
  if (reviews.refused) {
    std::cerr << dsl::render(reviews.diags);
    return input_errors;
  }
  std::cout << '\n';
  engine::DashboardRequest request;
  request.today = today();
  return print_dashboard(db, request, engine::DashboardFormat::table, "");
}

}  // namespace mera::app
