// mera submit --db DB [--correct] [--encoding cp1251] FILE...: each file one transaction; a file
// with any error is refused whole, with every problem of every submission printed. Every file is
// checked to open before any is stored, so a mistyped name does not leave the files before it
// stored and the ones after it not. A file saved in Windows-1251 is converted with --encoding.

#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/engine/intake.hpp"
#include "mera/forms/encoding.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

namespace {

// A file in Windows-1251 read as UTF-8 (--encoding cp1251); the name stays the user's.
dsl::SourcePtr converted(const dsl::SourcePtr& file) {
  std::string why;
  auto text = forms::cp1251_to_utf8(file->text(), why);
  if (!text) throw std::runtime_error(file->name() + ": " + why);
  return std::make_shared<dsl::SourceFile>(file->name(), std::move(*text));
}

}  // namespace

int run_submit(const std::string& db_path, const std::vector<std::string>& files, const std::string& user, bool correct,
               const std::string& encoding_name) {
  auto encoding = forms::encoding_named(encoding_name);
  if (!encoding) {
    std::cerr << "mera: " << text::tr("error") << ": "
              << text::tr("--encoding {} is not an encoding mera reads: give utf-8 or cp1251 (Windows-1251)", dsl::printable(encoding_name, true))
              << '\n';
    return failure;
  }
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
      if (*encoding == forms::Encoding::cp1251) file = converted(file);
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
