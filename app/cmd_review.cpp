// mera review --db DB accept|return ID --as UNIT [--reason TEXT]    judge a report as the unit above it
// mera review --db DB forward --form F --period P --as UNIT         send a level's own report up
// mera review --db DB history ID                                    a report's versions and steps
// mera review --db DB --file reviews.csv                            many steps, all or nothing
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/engine/workflow.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {
namespace {

int show_history(const storage::Database& db, std::int64_t id) {
  engine::ReportHistory h = engine::report_history(db, id);
  if (h.lines.empty()) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("no submission {} in {}", id, db.path()) << '\n';
    return input_errors;
  }
  std::cout << dsl::printable(h.title) << '\n';
  for (const auto& line : h.lines) std::cout << "  " << dsl::printable(line) << '\n';
  std::cout << text::tr("now") << ": " << dsl::printable(h.now) << '\n';
  return ok;
}

int apply_file(storage::Database& db, const std::string& path, const std::string& user) {
  dsl::SourcePtr file;
  try {
    file = dsl::read_source(path);
  } catch (const std::exception& e) {
    std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(e.what(), true) << '\n';
    return failure;
  }
  engine::ReviewFileReport report = engine::review_file(db, file, {user, {}});
  std::cerr << dsl::render(report.diags);
  (report.refused ? std::cerr : std::cout) << dsl::printable(engine::summary(report), true) << '\n';
  return report.refused ? input_errors : ok;
}

}  // namespace

int run_review(const ReviewArgs& a, const std::string& user) {
  if (a.action.empty() == a.file.empty()) {
    std::cerr << "mera: " << text::tr("review needs either a step (accept, return, forward, history) or --file, not both") << "\n";
    return failure;
  }
  storage::Database db = storage::Database::open(a.db);
  if (!a.file.empty()) return apply_file(db, a.file, user);
  if (a.action == "history") return show_history(db, a.id);
  engine::ReviewRequest r;
  r.action = *engine::action_from_word(a.action);
  r.submission = a.id;
  r.form = a.form;
  r.period = a.period;
  r.as = a.as;
  r.reason = a.reason;
  r.user = user;
  engine::ReviewOutcome out = engine::review(db, r);
  if (!out.done) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("{}; nothing was recorded", dsl::printable(out.message)) << "\n";
    return input_errors;
  }
  std::cout << dsl::printable(out.message) << '\n';
  return ok;
}

}  // namespace mera::app
