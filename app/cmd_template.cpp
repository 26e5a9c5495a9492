// mera template --db DB --form F [--unit U] [--period P] -o FILE.xlsx: the form as a workbook to
// fill in (engine/templates.hpp); `mera submit FILE.xlsx` takes it back.

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/engine/templates.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

int run_template(const TemplateArgs& a) {
  storage::Database db = storage::Database::open(a.db);
  engine::TemplateMade made = engine::make_template(db, {a.form, a.unit, a.period});
  if (!made.error.empty()) {
    std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(made.error, true) << '\n';
    return input_errors;
  }
  std::string out = a.output.empty() ? made.file_name : a.output;
  std::ofstream file(out, std::ios::binary);
  file.write(made.bytes.data(), static_cast<std::streamsize>(made.bytes.size()));
  file.close();
  if (!file) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("cannot write {}", dsl::printable(out, true)) << '\n';
    return failure;
  }
  std::cout << text::tr("{}: the workbook of form '{}' to fill in; submit it with: mera submit --db {} {}", dsl::printable(out, true), a.form,
                        dsl::printable(a.db, true), dsl::printable(out, true))
            << '\n';
  return ok;
}

}  // namespace mera::app
