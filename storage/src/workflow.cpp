// The review workflow's rows (workflow_events), the forms of units (unit_forms) and the
// headers of every report version: what the engine's review, status and completeness read.
#include "connection.hpp"
#include "mera/storage/database.hpp"

namespace mera::storage {
namespace {

constexpr std::string_view kEventColumns =
    "SELECT id, action, submission, form, unit, period, record_key, actor, reason, who, at, source FROM workflow_events";

WorkflowEvent read_event(const Query& q) {
  WorkflowEvent e;
  e.id = q.int64(0);
  e.action = q.text(1);
  e.submission = q.int64(2);  // NULL reads as 0
  e.form = q.text(3);
  e.unit = q.text(4);
  e.period = q.text(5);
  e.record_key = q.text(6);
  e.actor = q.text(7);
  e.reason = q.text(8);
  e.who = q.text(9);
  e.at = q.text(10);
  e.source = q.text(11);
  return e;
}

std::vector<WorkflowEvent> read_events(Query& q) {
  std::vector<WorkflowEvent> out;
  while (q.step()) out.push_back(read_event(q));
  return out;
}

}  // namespace

std::int64_t Database::add_workflow_event(const WorkflowEvent& e) {
  connection_->require_write("add_workflow_event");
  Query q = connection_->query(
      "INSERT INTO workflow_events(action, submission, form, unit, period, record_key, actor, reason, who, at, source) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  q.bind(1, e.action);
  if (e.submission == 0) q.bind_null(2); else q.bind(2, e.submission);
  q.bind(3, e.form).bind(4, e.unit).bind(5, e.period).bind(6, e.record_key).bind(7, e.actor);
  q.bind(8, e.reason).bind(9, e.who).bind(10, e.at).bind(11, e.source);
  q.run("record that " + e.form + " of " + e.unit + " was " + e.action);
  return connection_->last_insert_id();
}

std::vector<WorkflowEvent> Database::workflow_events() const {
  Query q = connection_->query(std::string(kEventColumns) + " ORDER BY id");
  return read_events(q);
}

std::vector<WorkflowEvent> Database::workflow_events(const std::string& form, const std::string& unit,
                                                     const std::string& period, const std::string& record_key) const {
  Query q = connection_->query(std::string(kEventColumns) +
                               " WHERE form = ?1 AND unit = ?2 AND period = ?3 AND record_key = ?4 ORDER BY id");
  q.bind(1, form).bind(2, unit).bind(3, period).bind(4, record_key);
  return read_events(q);
}

void Database::add_unit_form(const UnitForm& f) {
  connection_->require_write("add_unit_form");
  if (!unit(f.unit)) throw Error("no unit " + f.unit + " in " + path() + " to give the form " + f.form);
  connection_->query("INSERT OR IGNORE INTO unit_forms(unit, form) VALUES (?1, ?2)")
      .bind(1, f.unit)
      .bind(2, f.form)
      .run("record that unit " + f.unit + " submits " + f.form);
}

std::vector<UnitForm> Database::unit_forms() const {
  std::vector<UnitForm> out;
  Query q = connection_->query("SELECT unit, form FROM unit_forms ORDER BY unit, form");
  while (q.step()) out.push_back(UnitForm{q.text(0), q.text(1)});
  return out;
}

std::vector<ReportVersion> Database::report_versions() const {
  std::vector<ReportVersion> out;
  // The reports are a few rows among millions of records (whose period is ''). `period <> ''`
  // alone scans the whole table (0.8 s warm, far more cold, for 5,000,000 records). Instead the
  // UNIQUE index (form, unit, period, ...) is entered once per form and unit at `period > ''`:
  // the forms by a skip scan of the index, the units from their table, a few thousand seeks.
  Query q = connection_->query(
      "WITH RECURSIVE forms(form) AS ("
      "  SELECT min(form) FROM submissions"
      "  UNION ALL SELECT (SELECT min(form) FROM submissions WHERE form > forms.form) FROM forms WHERE forms.form IS NOT NULL) "
      "SELECT s.id, s.form, s.unit, s.period, s.version, s.submitted_at FROM forms CROSS JOIN units u CROSS JOIN submissions s "
      "WHERE forms.form IS NOT NULL AND s.form = forms.form AND s.unit = u.id AND s.period > '' ORDER BY s.id");
  while (q.step("read the reports"))
    out.push_back(ReportVersion{q.int64(0), q.text(1), q.text(2), q.text(3), static_cast<int>(q.int64(4)), q.text(5)});
  return out;
}

}  // namespace mera::storage
