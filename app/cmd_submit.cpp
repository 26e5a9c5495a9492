// mera submit --db DB [--correct] FILE...: each file one transaction; a file with any error is
// refused whole, with every problem of every submission printed. Every file is checked to open
// before any is stored, so a mistyped name does not leave the files before it stored and the
// ones after it not.

#include <iostream>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/engine/intake.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

int run_submit(const std::string& db_path, const std::vector<std::string>& files, const std::string& user, bool correct) {
  bool all_readable = true;
  for (const auto& path : files) {
    if (std::string why = dsl::unreadable(path); !why.empty()) {
      std::cerr << "mera: " << text::tr("error") << ": " << why << '\n';
      all_readable = false;
    }
  }
  if (!all_readable) {
    std::cerr << "mera: " << text::tr("nothing was submitted: correct the file names above and submit again") << '\n';
    return failure;
  }
  storage::Database db = storage::Database::open(db_path);
  engine::SubmitOptions options{user, correct, {}};
  int exit = ok;
  for (const auto& path : files) {
    dsl::SourcePtr file;
    try {
      file = dsl::read_source(path);
    } catch (const std::exception& e) {
      std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(e.what(), true) << '\n';
      exit = failure;
      continue;
    }
    engine::FileReport report = engine::submit_file(db, file, options);
    std::cerr << dsl::render(report.diags);
    (report.refused ? std::cerr : std::cout) << dsl::printable(engine::summary(report), true) << '\n';
    if (report.refused && exit == ok) exit = input_errors;
  }
  return exit;
}

}  // namespace mera::app
