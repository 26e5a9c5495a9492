// mera model publish --db DB MODEL --effective DATE   store a changed model as a draft revision
// mera model approve --db DB REV --as UNIT              the department approves it (Regulation 1.5)
// mera model list --db DB                               every revision, and which periods each governs
// mera model diff OLD NEW                               what changed in meaning (files or revisions)
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/engine/publish.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {

int run_model_publish(const std::string& db_path, const std::string& model_path, const std::string& effective, const std::string& user) {
  std::string problem;
  auto day = dsl::parse_iso_date(effective, &problem);
  if (!day) {  // a usage error is told before anything is read
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("--effective {}: {}; write a day as 2021-01-01", effective, problem) << "\n";
    return failure;
  }
  storage::Database db = storage::Database::open(db_path);
  engine::PublishReport report = engine::publish_revision(db, {model_path, *day, user, storage::now_utc()});
  std::cerr << dsl::render(report.diags);
  if (!report.model) {
    std::cerr << text::tr("{}: the model has errors; nothing was published", model_path) << "\n";
    return input_errors;
  }
  if (!report.refused.empty()) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("cannot publish {}: {}", model_path, report.refused) << "\n";
    return input_errors;
  }
  std::cout << text::tr("{}: revision {} of model {} published as a draft, effective {} ({}; hash {})", db_path, report.revision,
                        report.model->name, day->iso(), report.model->summary(), report.hash.substr(0, 12)) << "\n";
  if (report.same_meaning_as)
    std::cout << text::tr("Note: it means the same as revision {}; only layout or comments differ (mera model diff --db {} {} {}).",
                          report.same_meaning_as, db_path, report.same_meaning_as, report.revision) << "\n";
  std::cout << text::tr("It changes nothing until approved. See what it would do: mera eval --db {} --revision {} --compare", db_path,
                        report.revision) << "\n";
  return ok;
}

int run_model_approve(const std::string& db_path, std::int64_t revision, const std::string& as, const std::string& user) {
  storage::Database db = storage::Database::open(db_path);
  engine::ApproveReport report = engine::approve_revision(db, {revision, as, user, storage::now_utc()});
  if (!report.approved) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("cannot approve revision {}: {}", revision, report.refused) << "\n";
    return input_errors;
  }
  std::string governs = report.governs ? text::tr("periods starting {}", engine::span_text(*report.governs))
                                       : text::tr("no period: a later revision with the same effective date takes precedence");
  std::cout << text::tr("{}: revision {} of model {} approved by {}; it governs {}", db_path, revision, report.revision.model, report.revision.approved_by,
                        governs) << "\n";
  if (report.reports_checked_earlier)
    std::cout << text::tr("{} stored submissions of those periods were checked under an earlier revision; they keep it as their record, "
                          "and their indicators are now evaluated under revision {}",
                          text::count(report.reports_checked_earlier), revision) << "\n";
  return ok;
}

int run_model_list(const std::string& db_path) {
  storage::Database db = storage::Database::open(db_path);
  const std::vector<storage::Revision> all = db.revisions();
  const std::vector<engine::InForce> spans = engine::in_force_spans(all);
  struct Row {
    std::string id, status, effective, governs, hash, published, approved;
  };
  // One message ("status" alone is a dashboard's judgement in the catalog).
  std::vector<std::string> names = text::columns(MERA_TEXT("revision|status|effective|governs periods starting|hash|published|approved"));
  names.resize(7);
  std::vector<Row> rows{{names[0], names[1], names[2], names[3], names[4], names[5], names[6]}};
  for (const auto& r : all) {
    std::string governs = r.status == "draft" ? text::tr("(a draft: nothing)") : text::tr("(never: a later revision has the same date)");
    for (const auto& s : spans)
      if (s.revision == r.id) governs = engine::span_text(s);
    rows.push_back({std::to_string(r.id), engine::status_words(r.status), r.effective.iso(), governs, r.hash.substr(0, 12),
                    r.author + " " + r.created_at, r.status == "approved" ? r.approved_by + " " + r.approved_at : ""});
  }
  std::size_t w[6] = {};
  for (const auto& row : rows) {
    const std::string* cells[6] = {&row.id, &row.status, &row.effective, &row.governs, &row.hash, &row.published};
    for (int i = 0; i < 6; ++i) w[i] = std::max(w[i], dsl::display_width(*cells[i]));
  }
  std::cout << text::tr("model {} in {}", all.empty() ? std::string("?") : all.front().model, db_path) << "\n";
  for (const auto& row : rows)
    std::cout << fmt::format("  {}  {}  {}  {}  {}  {}  {}\n", dsl::padded(row.id, w[0], true), dsl::padded(row.status, w[1]),
                             dsl::padded(row.effective, w[2]), dsl::padded(row.governs, w[3]), dsl::padded(row.hash, w[4]),
                             dsl::padded(row.published, w[5]), row.approved);
  return ok;
}

}  // namespace mera::app
