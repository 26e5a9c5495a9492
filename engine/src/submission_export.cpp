// Stored reports as a file to submit again (submission_export.hpp): each report's values read
// back under its revision's form, calculated fields dropped, then written as JSON lines, CSV or
// the form's workbook.
#include "mera/engine/submission_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "mera/engine/revisions.hpp"
#include "mera/forms/validate.hpp"
#include "mera/sheets/template.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

namespace {

// A stored report with its form and its values (one per field, calculated ones empty).
struct Report {
  const storage::Submission* stored = nullptr;
  const forms::Form* form = nullptr;
  std::vector<forms::Value> values;
};

class ReportReader {
 public:
  explicit ReportReader(const storage::Database& db) : db_(db), revisions_(db) {}

  Report read(const storage::Submission& s) {
    const LoadedRevision& rev = revision(s.revision);
    const forms::Form* form = rev.model->form(s.form);
    if (!form) throw std::runtime_error(text::tr("submission {} is of form '{}', which revision {} does not have", s.id, s.form, s.revision));
    Report r{&s, form, forms::values_from_json(*form, rev.enums, s.values_json)};
    for (std::size_t i = 0; i < form->fields.size() && i < r.values.size(); ++i)
      if (form->fields[i].calculated()) r.values[i] = forms::Value::none(forms::NoValue::empty);
    return r;
  }

 private:
  const LoadedRevision& revision(std::int64_t id) {
    auto it = loaded_.find(id);
    if (it != loaded_.end()) return *it->second;
    auto stored = db_.revision(id);
    if (!stored) throw std::runtime_error(text::tr("revision {} is not in the database", id));
    return *(loaded_[id] = &revisions_.get(*stored));
  }

  const storage::Database& db_;
  Revisions revisions_;
  std::map<std::int64_t, const LoadedRevision*> loaded_;
};

bool record_form(const forms::Form& form) { return form.period == forms::PeriodKind::record; }

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// {"form":...,"unit":...,"period":...,"values":{...}}: the members `mera submit` reads.
std::string json_line(const Report& r) {
  const storage::Submission& s = *r.stored;
  std::string out = "{\"form\":" + json_string(s.form) + ",\"unit\":" + json_string(s.unit);
  if (record_form(*r.form)) out += ",\"record\":" + json_string(s.record_key);
  else out += ",\"period\":" + json_string(s.period);
  return out + ",\"values\":" + forms::values_to_json(*r.form, r.values) + "}\n";
}

// ---- CSV ------------------------------------------------------------------------------------

// The columns a form's values fill: a field's name, or `field[category]` for each category.
std::vector<std::string> field_columns(const forms::Form& form) {
  std::vector<std::string> out;
  for (const auto& f : form.fields) {
    if (f.calculated()) continue;
    if (f.type.is(forms::Type::Kind::breakdown) && f.type.enumeration)
      for (const auto& v : f.type.enumeration->values) out.push_back(f.name + "[" + v.name + "]");
    else out.push_back(f.name);
  }
  return out;
}

// A cell as the CSV reader takes it back: a number as JSON writes it, a share for a percent,
// true/false, an ISO date, a category by its name.
std::string cell_text(const forms::Value& v) {
  if (const double* d = v.get<double>()) return fmt::format("{}", *d);
  if (const bool* b = v.get<bool>()) return *b ? "true" : "false";
  if (const auto* date = v.get<dsl::Date>()) return date->iso();
  if (const auto* c = v.get<forms::Category>()) return c->name();
  if (const auto* s = v.get<std::string>()) return *s;
  return {};
}

std::string csv_cell(const std::string& text) {
  bool quote = text.find_first_of(",;\"\r\n") != std::string::npos || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The cells of a report by column name.
std::map<std::string, std::string> report_cells(const Report& r) {
  std::map<std::string, std::string> cells;
  for (std::size_t i = 0; i < r.form->fields.size() && i < r.values.size(); ++i) {
    const auto& f = r.form->fields[i];
    const auto& v = r.values[i];
    if (const auto* b = v.get<forms::Breakdown>()) {
      for (std::size_t k = 0; k < b->counts.size(); ++k)
        if (!b->why_empty(k)) cells[f.name + "[" + b->enumeration->values[k].name + "]"] = fmt::format("{}", b->counts[k]);
    } else if (!v.is_null()) {
      cells[f.name] = cell_text(v);
    }
  }
  return cells;
}

// Reports of one form stored under revisions whose forms differ: the columns of every one of
// them, the newest revision's first.
std::string write_csv(const std::vector<Report>& reports) {
  std::vector<const Report*> newest_first;
  for (const auto& r : reports) newest_first.push_back(&r);
  std::stable_sort(newest_first.begin(), newest_first.end(), [](const Report* a, const Report* b) { return a->stored->revision > b->stored->revision; });
  std::vector<std::string> columns;
  for (const Report* r : newest_first)
    for (auto& c : field_columns(*r->form))
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(std::move(c));
  bool records = record_form(*reports.front().form);
  std::string out = records ? "form,unit" : "form,unit,period";
  for (const auto& c : columns) out += "," + csv_cell(c);
  out += '\n';
  for (const auto& r : reports) {
    out += csv_cell(r.stored->form) + "," + csv_cell(r.stored->unit);
    if (!records) out += "," + csv_cell(r.stored->period);
    auto cells = report_cells(r);
    for (const auto& c : columns) out += "," + csv_cell(cells[c]);
    out += '\n';
  }
  return out;
}

// ---- XLSX -----------------------------------------------------------------------------------

// The template of the newest revision's form, a row per report. A value of a field that form
// no longer has would be lost in silence: refused instead, with the formats that keep it.
std::string write_xlsx(const std::vector<Report>& reports, ExportMade& made) {
  const Report* newest = &reports.front();
  for (const auto& r : reports)
    if (r.stored->revision > newest->stored->revision) newest = &r;
  const forms::Form& form = *newest->form;
  sheets::TemplateRequest request{&form, {}, {}, {}, {}};
  for (const auto& r : reports) {
    sheets::FilledReport row{r.stored->unit, record_form(form) ? std::string() : r.stored->period, {}};
    row.values.assign(form.fields.size(), forms::Value::none(forms::NoValue::empty));
    for (std::size_t i = 0; i < r.form->fields.size(); ++i) {
      if (r.values[i].is_null()) continue;
      auto at = std::find_if(form.fields.begin(), form.fields.end(), [&](const forms::Field& f) { return f.name == r.form->fields[i].name; });
      if (at == form.fields.end() || at->calculated()) {
        made.error = text::tr("submission {} has a value of field '{}', which form '{}' of revision {} no longer has: export it with --format json or csv",
                              r.stored->id, r.form->fields[i].name, form.name, newest->stored->revision);
        return {};
      }
      row.values[static_cast<std::size_t>(at - form.fields.begin())] = r.values[i];
    }
    request.reports.push_back(std::move(row));
  }
  const auto& first = *reports.front().stored;
  bool one_unit = std::all_of(reports.begin(), reports.end(), [&](const Report& r) { return r.stored->unit == first.unit; });
  bool one_period = std::all_of(reports.begin(), reports.end(), [&](const Report& r) { return r.stored->period == first.period; });
  sheets::TemplateRequest named{&form, one_unit ? first.unit : std::string(), one_period ? first.period : std::string(), {}, {}};
  made.file_name = sheets::template_file_name(named);
  return sheets::make_template(request);
}

std::vector<storage::Submission> stored(const storage::Database& db, const ExportAsked& asked) {
  if (!asked.id) {
    storage::SubmissionFilter current = asked.filter;
    current.all_versions = false;
    return db.submissions(current);
  }
  std::vector<storage::Submission> out;
  if (auto s = db.submission(asked.id)) out.push_back(std::move(*s));
  return out;
}

}  // namespace

ExportMade export_submissions(const storage::Database& db, const ExportAsked& asked) {
  ExportMade made;
  std::vector<storage::Submission> list = stored(db, asked);
  if (list.empty()) {
    made.error = asked.id ? text::tr("no submission {} in {}", asked.id, db.path()) : text::tr("no stored submission matches: nothing to export");
    return made;
  }
  std::vector<std::string> forms;
  for (const auto& s : list)
    if (std::find(forms.begin(), forms.end(), s.form) == forms.end()) forms.push_back(s.form);
  if (forms.size() > 1 && asked.format != ExportFormat::json) {
    std::string names;
    for (const auto& f : forms) names += (names.empty() ? "" : ", ") + f;
    made.error = text::tr("the submissions are of {} forms ({}), and a CSV file or a workbook holds the reports of one: give --form, or export as json",
                          forms.size(), names);
    return made;
  }
  ReportReader reader(db);
  std::vector<Report> reports;
  reports.reserve(list.size());
  for (const auto& s : list) reports.push_back(reader.read(s));
  if (forms.size() == 1) made.form = forms.front();
  made.count = reports.size();
  if (asked.format == ExportFormat::json)
    for (const auto& r : reports) made.bytes += json_line(r);
  else if (asked.format == ExportFormat::csv) made.bytes = write_csv(reports);
  else made.bytes = write_xlsx(reports, made);
  return made;
}

}  // namespace mera::engine
