#include "mera/engine/intake.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <tuple>

#include "mera/dsl/printable.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/unit_tree.hpp"
#include "mera/forms/period.hpp"
#include "mera/forms/read.hpp"
#include "mera/forms/validate.hpp"
#include "mera/sheets/workbook.hpp"
#include "mera/storage/clock.hpp"
#include "moment.hpp"
#include "submission_header.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // form, unit, period, record

// One file's intake: the open transaction, the tree and the revisions it checks against, and
// the keys already taken by earlier submissions of the same file.
class FileIntake {
 public:
  FileIntake(storage::Database& db, const SubmitOptions& options, FileReport& report, const UnitTree& tree, Revisions& revisions)
      : db_(db), options_(options), report_(report), tree_(tree), revisions_(revisions) {}

  void take(forms::SubmissionInput&& input);

 private:
  const LoadedRevision* revision_for(const Header& h, const forms::SubmissionInput& input, dsl::Diagnostics& diags);
  const forms::Form* form_of(const Header& h, const LoadedRevision& rev, dsl::Diagnostics& diags);
  void check_period(const Header& h, const forms::Form& form, dsl::Diagnostics& diags);
  void check_period_ended(const Header& h, dsl::Diagnostics& diags);
  void check_record_dates(const Header& h, const forms::Form& form, const forms::ValidValues& valid,
                          const forms::SubmissionInput& input, dsl::Diagnostics& diags);
  void check_order(const Header& h, const storage::Submission& earlier, dsl::Diagnostics& diags);
  const storage::Unit* find_unit(Header& h, dsl::Diagnostics& diags);
  void check_unit(Header& h, const forms::Form& form, const rules::Model& model, dsl::Diagnostics& diags);
  std::int64_t check_earlier(const Header& h, const Key& key, dsl::Diagnostics& diags, int& version);

  storage::Database& db_;
  const SubmitOptions& options_;
  FileReport& report_;
  const UnitTree& tree_;
  RevisionsByDay revisions_;  // one file, one transaction: no revision is approved meanwhile
  // Earlier reports of this file are found in the database (they were inserted, in this same
  // transaction, with ids from first_id_ on); only those not inserted, because the file already
  // had an error or is only being validated, are remembered here. A big good file thus costs no
  // memory for its keys.
  std::int64_t first_id_ = 0;
  std::map<Key, dsl::Span> not_inserted_;
};

const LoadedRevision* FileIntake::revision_for(const Header& h, const forms::SubmissionInput& input, dsl::Diagnostics& diags) {
  std::string why;
  // A period form is checked under the revision in force on the period's first day; a record
  // under the one in force on the day it was submitted.
  if (h.period) {
    if (const auto* rev = revisions_.in_force(h.period->first_day(), why)) return rev;
    diags.error(h.period_span, h.context + why);
    return revisions_.newest(why);
  }
  if (h.period_unreadable) return revisions_.newest(why);
  if (const auto* rev = revisions_.in_force(h.day, why)) return rev;
  diags.error(input.span, h.context + why);
  return nullptr;
}

const forms::Form* FileIntake::form_of(const Header& h, const LoadedRevision& rev, dsl::Diagnostics& diags) {
  const forms::Form* form = rev.model->form(h.form);
  if (!form)
    diags.error(h.form_span, text::tr("{}model '{}' has no form '{}'{}", h.context, rev.model->name, dsl::clipped(h.form),
                                         forms::closest(h.form, rev.model->form_names())));
  return form;
}

// The key of a report is the one its form has: a period, or a record. A key of the other kind
// is refused, not ignored: a "record" on a period form would make a second report of the same
// unit and period look new, and count its figures twice.
void FileIntake::check_period(const Header& h, const forms::Form& form, dsl::Diagnostics& diags) {
  if (form.period == forms::PeriodKind::record) {
    if (h.period || h.period_unreadable)
      diags.error(h.period_span, text::tr("{}form '{}' is kept one record per {}, not per period: give \"record\" (or the field {}) instead of \"period\"",
                                             h.context, form.name, form.record_key, form.record_key));
    return;
  }
  if (!h.record.empty())
    diags.error(h.record_span, text::tr("{}form '{}' is submitted per {}, and has no records: leave \"record\" out (a unit sends one "
                                           "report per {}; to replace it, submit a correction)",
                                           h.context, form.name, period_words(form.period), period_words(form.period)));
  if (h.period_unreadable) return;  // reported by the header
  if (!h.period) {
    diags.error(h.whole, text::tr("{}form '{}' is submitted per {}: the submission needs a \"period\"{}", h.context, form.name,
                                     period_words(form.period), period_example(form.period, h.day.year)));
  } else if (h.period->kind != form.period) {
    diags.error(h.period_span, text::tr("{}form '{}' is submitted per {}, and '{}' is a {}{}", h.context, form.name,
                                           period_words(form.period), h.period_text, period_words(h.period->kind),
                                           period_example(form.period, h.period->year)));
  } else {
    check_period_ended(h, diags);
  }
}

// A period is reported once it is over: from its last day on (mera's days are UTC days, and in
// Russia the next local day begins while UTC is still on the last one). A report dated earlier
// would count as on time whatever its real date (docs/decisions.md, "Dates a report may carry").
void FileIntake::check_period_ended(const Header& h, dsl::Diagnostics& diags) {
  dsl::Date last = h.period->last_day();
  if (h.today < last) {
    diags.error(h.period_span, text::tr("{}{} has not ended (its last day is {}, today is {}): a period that has not ended is not "
                                           "reportable yet; submit its report from {} on",
                                           h.context, h.period_text, last.iso(), h.today.iso(), last.iso()));
  } else if (h.day < last) {
    diags.error(h.submitted_at_span, text::tr("{}submitted_at {} is before {} ends ({}): a report is dated on or after the last day of "
                                                 "its period; leave submitted_at out to date it now",
                                                 h.context, h.submitted_at, h.period_text, last.iso()));
  }
}

// A record reports what has happened by its date: none of its dates (opened, closed, ...) is
// later than the day it is submitted (docs/decisions.md, "Dates a report may carry").
void FileIntake::check_record_dates(const Header& h, const forms::Form& form, const forms::ValidValues& valid,
                                    const forms::SubmissionInput& input, dsl::Diagnostics& diags) {
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    const dsl::Date* date = valid.values[i].get<dsl::Date>();
    if (!date || !(h.day < *date)) continue;
    const forms::Field& field = form.fields[i];
    dsl::Span at = h.whole;
    for (const auto& [key, value] : input.values)
      if (key.name == field.name) at = value.span;
    if (h.submitted_at_span.known())
      diags.error(at, text::tr("{}{} ({}) is {}, after the record's submitted_at {}: a record is dated on or after every date it "
                                  "states",
                                  h.context, field.name, field.label, date->iso(), h.submitted_at));
    else
      diags.error(at, text::tr("{}{} ({}) is {}, after today ({}): a record states what has already happened", h.context,
                                  field.name, field.label, date->iso(), h.today.iso()));
  }
}

// A unit by its id, or by its exact name when no unit has that id (an id always means its own
// unit); a name that two units bear is refused. h.unit is the id from then on.
const storage::Unit* FileIntake::find_unit(Header& h, dsl::Diagnostics& diags) {
  if (const storage::Unit* unit = tree_.unit(h.unit)) return unit;
  auto named = tree_.named(h.unit);
  if (named.size() == 1) {
    h.unit = named[0]->id;
    return named[0];
  }
  if (named.empty()) {
    std::vector<std::string> known = tree_.ids(), names = tree_.names();
    known.insert(known.end(), names.begin(), names.end());
    diags.error(h.unit_span, text::tr("{}no unit '{}' in the unit tree{}", h.context, dsl::clipped(h.unit), forms::closest(h.unit, known)));
    return nullptr;
  }
  std::string ids;
  for (const storage::Unit* u : named) ids += (ids.empty() ? "" : ", ") + u->id;
  diags.error(h.unit_span, text::tr("{}«{}» is the name of more than one unit ({}): give the unit's id instead", h.context, dsl::clipped(h.unit), ids));
  return nullptr;
}

void FileIntake::check_unit(Header& h, const forms::Form& form, const rules::Model& model, dsl::Diagnostics& diags) {
  const storage::Unit* unit = find_unit(h, diags);
  if (!unit) return;
  if (unit->level != form.level) {
    const rules::Level* level = model.level(unit->level);
    const rules::Level* wanted = model.level(form.level);
    diags.error(h.unit_span, text::tr("{}unit '{}' is {} ({}), and form '{}' is submitted by {} ({})", h.context, dsl::clipped(h.unit),
                                         unit->level, level ? level->label : text::tr("a level the model does not have"), form.name,
                                         form.level, wanted ? wanted->label : ""));
    return;
  }
  dsl::Date first = h.period ? h.period->first_day() : h.day;
  dsl::Date last = h.period ? h.period->last_day() : h.day;
  if (!tree_.member_during(h.unit, first, last))
    diags.error(h.unit_span, text::tr("{}unit '{}' is not in the unit tree {} (see its memberships: mera units list)", h.context, dsl::clipped(h.unit),
                                         h.period ? text::tr("during {} ({} to {})", h.period_text, first.iso(), last.iso())
                                                  : text::tr("on {}", first.iso())));
}

// The earlier version this submission replaces (0 for none) and its own version number.
std::int64_t FileIntake::check_earlier(const Header& h, const Key& key, dsl::Diagnostics& diags, int& version) {
  const auto& [form, unit, period, record] = key;
  auto earlier = db_.current(form, unit, period, record);
  dsl::Span first_here;
  if (auto it = not_inserted_.find(key); it != not_inserted_.end()) first_here = it->second;
  else if (earlier && first_id_ && earlier->id >= first_id_ && h.whole.known()) {
    // Stored by this very file: point at its line ("data.jsonl:12").
    std::size_t line = std::stoul(earlier->source.substr(earlier->source.rfind(':') + 1));
    std::size_t begin = h.whole.file->line_start(line);
    first_here = {h.whole.file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + h.whole.file->line_text(line).size())};
  }
  if (first_here.known() || (earlier && first_id_ && earlier->id >= first_id_)) {
    diags.error(h.whole, text::tr("{}the same report is given twice in this file", h.context));
    if (first_here.known()) diags.note(first_here, text::tr("the first one is here"));
    return 0;
  }
  bool correction = h.correction || options_.correct;
  if (earlier && !correction) {
    ++report_.repeated;
    diags.error(h.whole, text::tr("{}already submitted (submission {}, version {}, by {} at {}); to replace it, submit it as a correction "
                                     "(\"correction\": true, or mera submit --correct)",
                                     h.context, earlier->id, earlier->version, earlier->submitted_by, earlier->submitted_at));
  } else if (!earlier && correction) {
    diags.error(h.whole, text::tr("{}nothing to correct: this report was never submitted", h.context));
  } else if (earlier) {
    check_order(h, *earlier, diags);
    version = earlier->version + 1;
    return earlier->id;
  }
  return 0;
}

// A correction comes after the version it replaces and after the last step of its review (the
// return that asked for it): history is kept in the order it happened.
void FileIntake::check_order(const Header& h, const storage::Submission& earlier, dsl::Diagnostics& diags) {
  dsl::Span at = h.submitted_at_span.known() ? h.submitted_at_span : h.whole;
  if (compare_moments(h.submitted_at, earlier.submitted_at) < 0) {
    diags.error(at, text::tr("{}this correction is dated {}, before the version it replaces (submission {}, version {}, submitted at "
                                "{}): a correction is dated after what it corrects",
                                h.context, h.submitted_at, earlier.id, earlier.version, earlier.submitted_at));
    return;
  }
  auto events = db_.workflow_events(earlier.form, earlier.unit, earlier.period, earlier.record_key);
  if (!events.empty() && compare_moments(h.submitted_at, events.back().at) < 0)
    diags.error(at, text::tr("{}this correction is dated {}, before the report's last step ({} by {} at {}): a correction is dated "
                                "after the review it answers",
                                h.context, h.submitted_at, events.back().action, events.back().actor, events.back().at));
}

void FileIntake::take(forms::SubmissionInput&& input) {
  ++report_.read;
  dsl::Diagnostics diags;
  Header h = read_header(input, options_.now, diags);
  const LoadedRevision* rev = revision_for(h, input, diags);
  const forms::Form* form = rev && !h.form.empty() ? form_of(h, *rev, diags) : nullptr;
  std::optional<forms::ValidValues> valid;
  if (form) {
    check_period(h, *form, diags);
    if (!h.unit.empty()) check_unit(h, *form, *rev->model, diags);
    valid = forms::validate_values(*form, input.values, rev->enums, rev->functions.get(), h.context, diags, input.span);
    if (valid && form->period == forms::PeriodKind::record) {
      h.record = record_key(h, *form, *valid, diags);
      check_record_dates(h, *form, *valid, input, diags);
    }
  }
  storage::Submission row;
  std::optional<Key> key;
  if (form && !h.unit.empty() && !diags.has_errors()) {
    bool by_record = form->period == forms::PeriodKind::record;
    key = Key{form->name, h.unit, by_record ? "" : h.period->text(), by_record ? h.record : ""};
    row.supersedes = check_earlier(h, *key, diags, row.version);
  }
  report_.diags.append(diags);
  if (diags.has_errors()) {
    ++report_.with_errors;
    return;
  }
  if (!valid->warnings.empty()) ++report_.with_warnings;
  if (report_.diags.has_errors() || options_.dry_run) {  // refused, or only validated: go on to find every problem
    not_inserted_.emplace(*key, h.whole);
    if (!report_.diags.has_errors()) ++report_.stored;  // would be stored
    return;
  }
  row.form = form->name;
  row.unit = h.unit;
  row.period = h.period ? h.period->text() : "";
  row.record_key = h.record;
  row.revision = rev->revision.id;
  row.status = "submitted";
  row.values_json = forms::values_to_json(*form, valid->values);
  row.warnings = std::move(valid->warnings);
  row.submitted_by = options_.user;
  row.submitted_at = h.submitted_at;
  const std::string* place = input.span.known() ? input.span.file->place_of(input.span.begin) : nullptr;  // a workbook's row
  row.source = place ? fmt::format("{}:{}", report_.file, *place)
                     : fmt::format("{}:{}", report_.file, input.span.known() ? input.span.file->line_of(input.span.begin) : 0);
  std::int64_t id = db_.add_submission(row);
  report_.ids.push_back(id);
  if (!first_id_) first_id_ = id;
  if (row.supersedes)
    db_.add_audit({0, options_.now, options_.user, "submission.correct", fmt::format("submission {}", id),
                   fmt::format("version {} of {}, replacing submission {}", row.version, h.context.substr(0, h.context.size() - 2), row.supersedes)});
  ++report_.stored;
}

}  // namespace

struct IntakeCache::Loaded {
  Loaded(const storage::Database& database, std::int64_t gen) : db(&database), generation(gen), tree(UnitTree::load(database)), revisions(database) {}
  const storage::Database* db;
  std::int64_t generation;
  UnitTree tree;
  Revisions revisions;
};

IntakeCache::IntakeCache() = default;
IntakeCache::~IntakeCache() = default;

IntakeCache::Loaded& IntakeCache::for_database(const storage::Database& db) {
  std::int64_t generation = db.structure_generation();
  if (!loaded_ || loaded_->db != &db || loaded_->generation != generation) {
    loaded_.reset();
    loaded_ = std::make_unique<Loaded>(db, generation);
  }
  return *loaded_;
}

dsl::SourcePtr read_any(const dsl::SourcePtr& file, dsl::Diagnostics& diags, const std::function<void(forms::SubmissionInput&&)>& each) {
  if (sheets::is_workbook(*file)) return sheets::read_workbook(*file, diags, each);
  forms::read_submissions(*file, diags, each);
  return file;
}

FileReport submit_file(storage::Database& db, const dsl::SourcePtr& file, const SubmitOptions& given) {
  SubmitOptions options = given;
  if (options.now.empty()) options.now = storage::now_utc();
  FileReport report;
  report.file = file->name();
  // A validation only reads, in a snapshot: it never takes the write lock, so a person typing
  // a report is never kept waiting by others' writes, nor keeps them waiting.
  std::optional<storage::ReadSnapshot> snapshot;
  std::optional<storage::Transaction> tx;
  if (options.dry_run) snapshot.emplace(db.snapshot());
  else tx.emplace(db.write());
  IntakeCache fresh;
  IntakeCache::Loaded& loaded = (options.cache ? *options.cache : fresh).for_database(db);  // inside the transaction: what it checks against
  FileIntake intake(db, options, report, loaded.tree, loaded.revisions);
  dsl::SourcePtr read = read_any(file, report.diags, [&](forms::SubmissionInput&& input) { intake.take(std::move(input)); });
  if (report.diags.has_errors()) {
    report.refused = true;
    report.stored = 0;
    report.ids.clear();
    return report;  // the transaction rolls back
  }
  if (options.dry_run) return report;  // checked as if stored
  db.add_audit({0, options.now, options.user, "submission.import", report.file,
                fmt::format("{} submissions stored ({} with warnings)", report.stored, report.with_warnings)});
  tx->commit();
  return report;
}

std::string summary(const FileReport& report) {
  if (report.refused) {
    auto n = text::count(report.diags.error_count());
    std::string where = report.with_errors ? text::tr(" in {} of {} submissions", text::count(report.with_errors), text::count(report.read)) : "";
    return text::tr("{0}: refused: {1} {1:error|errors}{2}; nothing of this file was stored", report.file, n, where);
  }
  std::string s = text::tr("{0}: {1} {1:submission|submissions} stored", report.file, text::count(report.stored));
  if (report.with_warnings) s += text::tr(" ({} with warnings)", text::count(report.with_warnings));
  return s;
}

}  // namespace mera::engine
