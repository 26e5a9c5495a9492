// mera submissions --db DB [--form F] [--unit U] [--period P] [--all] [--id N]: what is stored.
// A list by default; one submission with its values, warnings and versions with --id.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "mera/storage/database.hpp"

namespace mera::app {
namespace {

std::string key_of(const storage::Submission& s) { return s.period.empty() ? s.record_key : s.period; }

int show_one(const storage::Database& db, std::int64_t id) {
  auto s = db.submission(id);
  if (!s) {
    std::cerr << fmt::format("mera: error: no submission {} in {}\n", id, db.path());
    return input_errors;
  }
  std::cout << fmt::format("submission {}: {} of {} for {}, version {}{}\n", s->id, s->form, s->unit, key_of(*s), s->version,
                           s->supersedes ? fmt::format(" (replaces submission {})", s->supersedes) : "");
  std::cout << fmt::format("  status:       {}\n  submitted:    {} by {}\n  from:         {}\n  revision:     {}\n  values:       {}\n",
                           s->status, s->submitted_at, s->submitted_by, s->source, s->revision, s->values_json);
  for (const auto& w : s->warnings) std::cout << "  warning:      " << w << '\n';
  auto all = db.versions(s->form, s->unit, s->period, s->record_key);
  if (all.size() > 1) {
    std::cout << "  versions:\n";
    for (const auto& v : all)
      std::cout << fmt::format("    {} submission {} at {} by {}{}\n", v.version, v.id, v.submitted_at, v.submitted_by, v.id == s->id ? "  <-" : "");
  }
  return ok;
}

}  // namespace

int run_submissions(const std::string& db_path, const storage::SubmissionFilter& filter, std::int64_t id) {
  storage::Database db = storage::Database::open(db_path);
  if (id) return show_one(db, id);
  auto list = db.submissions(filter);
  std::size_t form_w = 4, unit_w = 4, key_w = 6;
  for (const auto& s : list) {
    form_w = std::max(form_w, s.form.size());
    unit_w = std::max(unit_w, s.unit.size());
    key_w = std::max(key_w, key_of(s).size());
  }
  std::cout << fmt::format("{:>6}  {:<{}}  {:<{}}  {:<{}}  {:>7}  {:<20}  {}\n", "id", "form", form_w, "unit", unit_w, "period", key_w,
                           "version", "submitted", "warnings");
  for (const auto& s : list)
    std::cout << fmt::format("{:>6}  {:<{}}  {:<{}}  {:<{}}  {:>7}  {:<20}  {}\n", s.id, s.form, form_w, s.unit, unit_w, key_of(s), key_w,
                             s.version, s.submitted_at, s.warnings.size());
  std::cout << fmt::format("{} {}\n", list.size(), list.size() == 1 ? "submission" : "submissions");
  return ok;
}

}  // namespace mera::app
