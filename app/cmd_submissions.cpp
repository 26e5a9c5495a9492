// mera submissions --db DB [--form F] [--unit U] [--period P] [--all] [--id N]: what is stored.
// A list by default; one submission with its values, warnings, review state and versions with --id.
// A report of a period form is known by its period, one of a record form by its record key; the
// state (submitted, returned, accepted, forwarded, superseded) comes from the workflow events.
// With --format json|csv|xlsx the reports are written as `mera submit` reads them (issue 17.4).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/engine/review_state.hpp"
#include "mera/engine/submission_export.hpp"
#include "mera/storage/database.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {
namespace {

// "  state:        ": a label of the one-submission view, its values in one column whatever
// the language of the label.
std::string label(const std::string& word) { return "  " + dsl::padded(word + ":", 14); }

// A key stored with a report of the other kind (before the intake refused it): shown, not used.
void print_stray_key(const storage::Submission& s, bool record) {
  if (record && !s.period.empty())
    std::cout << label(text::tr("period"))
              << text::tr("{} (stored with the record, but {} is kept per record: the period names nothing)", dsl::printable(s.period), s.form) << '\n';
  if (!record && !s.record_key.empty())
    std::cout << label(text::tr("record"))
              << text::tr("{} (stored with the report, but {} is reported per period: the record key names nothing)", dsl::printable(s.record_key), s.form)
              << '\n';
}

int show_one(const storage::Database& db, std::int64_t id) {
  auto s = db.submission(id);
  if (!s) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("no submission {} in {}", id, db.path()) << '\n';
    return input_errors;
  }
  engine::ReportNames names(db);
  bool record = names.record_form(*s);
  std::cout << text::tr("submission {}: {}, version {}{}", s->id, dsl::printable(names.name(*s)), s->version,
                        s->supersedes ? text::tr(" (replaces submission {})", s->supersedes) : "")
            << '\n';
  print_stray_key(*s, record);
  std::cout << label(text::tr("state")) << dsl::printable(engine::describe(*engine::standing(db, id), *s)) << '\n';
  std::cout << label(text::tr("submitted")) << text::tr("{} by {}", s->submitted_at, dsl::printable(s->submitted_by)) << '\n';
  std::cout << label(text::tr("from")) << dsl::printable(s->source) << '\n';
  std::cout << label(text::tr("revision")) << s->revision << '\n';
  std::cout << label(text::tr("values")) << dsl::printable(s->values_json) << '\n';
  for (const auto& w : s->warnings) std::cout << label(text::tr("warning")) << dsl::printable(w) << '\n';
  auto all = db.versions(s->form, s->unit, s->period, s->record_key);
  if (all.size() > 1) {
    std::cout << "  " << text::tr("versions") << ":\n";
    auto states = engine::standings(db, all);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& v = all[i];
      std::cout << "    " << text::tr("{} submission {} at {} by {}, {}", v.version, v.id, v.submitted_at, dsl::printable(v.submitted_by),
                                   engine::state_word(states[i].state))
                << (v.id == s->id ? "  <-" : "") << '\n';
    }
  }
  return ok;
}

std::optional<engine::ExportFormat> export_format(const std::string& name) {
  if (name == "json") return engine::ExportFormat::json;
  if (name == "csv") return engine::ExportFormat::csv;
  if (name == "xlsx") return engine::ExportFormat::xlsx;
  return std::nullopt;
}

// The reports as a file to submit: to `output`, to stdout (json, csv), or for a workbook to the
// name `mera template` would give it; a file written says how to send it back.
int export_reports(const storage::Database& db, const storage::SubmissionFilter& filter, std::int64_t id, engine::ExportFormat format,
                   const std::string& output) {
  engine::ExportMade made = engine::export_submissions(db, {filter, id, format});
  if (!made.error.empty()) {
    std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(made.error, true) << '\n';
    return input_errors;
  }
  std::string out = output.empty() && format == engine::ExportFormat::xlsx ? made.file_name : output;
  if (out.empty() || out == "-") {
    std::cout << made.bytes << std::flush;
    return ok;
  }
  std::ofstream file(out, std::ios::binary);
  file.write(made.bytes.data(), static_cast<std::streamsize>(made.bytes.size()));
  file.close();
  if (!file) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("cannot write {}", dsl::printable(out, true)) << '\n';
    return failure;
  }
  std::cout << text::tr("{0}: {1} {1:report|reports} as mera submit reads them; fixed, send them back with: mera submit --db {2} --correct {0}",
                        dsl::printable(out, true), text::count(made.count), dsl::printable(db.path(), true))
            << '\n';
  return ok;
}

}  // namespace

int run_submissions(const std::string& db_path, const storage::SubmissionFilter& filter, std::int64_t id, const std::string& format,
                    const std::string& output) {
  auto exported = export_format(format);
  if (!exported && format != "table") {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("unknown format '{}': use table, json, csv or xlsx", dsl::printable(format, true)) << '\n';
    return failure;
  }
  if (exported && filter.all_versions) {
    std::cerr << "mera: " << text::tr("error") << ": "
              << text::tr("--all cannot be exported: a file to submit holds one version of each report (the current one, or --id N)") << '\n';
    return failure;
  }
  if (!exported && !output.empty()) {
    std::cerr << "mera: " << text::tr("error") << ": " << text::tr("-o needs --format json, csv or xlsx") << '\n';
    return failure;
  }
  storage::Database db = storage::Database::open(db_path);
  if (exported) return export_reports(db, filter, id, *exported, output);
  if (id) return show_one(db, id);
  auto list = db.submissions(filter);
  auto states = engine::standings(db, list);
  for (auto& s : list)  // ids and keys come from the files submitted: shown escaped, and measured so
    for (std::string* text : {&s.form, &s.unit, &s.period, &s.record_key}) *text = dsl::printable(*text);
  // A period column when a listed report has a period, a record column when one has a record key.
  bool periods = list.empty(), records = false;
  std::size_t form_w = 4, unit_w = 4, period_w = 6, record_w = 6, state_w = 5;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    form_w = std::max(form_w, dsl::display_width(s.form));
    unit_w = std::max(unit_w, dsl::display_width(s.unit));
    period_w = std::max(period_w, s.period.size());
    record_w = std::max(record_w, dsl::display_width(s.record_key));
    state_w = std::max(state_w, std::string_view(engine::state_word(states[i].state)).size());
    periods = periods || !s.period.empty();
    records = records || !s.record_key.empty();
  }
  auto line = [&](const std::string& id_text, const std::string& form, const std::string& unit, const std::string& period,
                  const std::string& record, const std::string& version, const std::string& state, const std::string& submitted,
                  const std::string& warnings) {
    std::string out = fmt::format("{:>6}  {}  {}  ", id_text, dsl::padded(form, form_w), dsl::padded(unit, unit_w));
    if (periods) out += fmt::format("{:<{}}  ", period, period_w);
    if (records) out += dsl::padded(record, record_w) + "  ";
    out += fmt::format("{:>7}  {:<{}}  {:<20}  {}\n", version, state, state_w, submitted, warnings);
    std::cout << out;
  };
  line("id", "form", "unit", "period", "record", "version", "state", "submitted", "warnings");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    line(std::to_string(s.id), s.form, s.unit, s.period, s.record_key, std::to_string(s.version), engine::state_word(states[i].state),
         s.submitted_at, std::to_string(s.warnings.size()));
  }
  std::cout << text::tr("{0} {0:submission|submissions}", text::count(list.size())) << '\n';
  return ok;
}

}  // namespace mera::app
