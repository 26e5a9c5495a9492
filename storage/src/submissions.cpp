// Submissions: one row per version of a report, added and read, never changed.
#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "mera/storage/database.hpp"

namespace mera::storage {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, form, unit, period, record_key, revision, version, supersedes, status, values_json, "
    "warnings_json, submitted_by, submitted_at, source FROM submissions";
constexpr std::string_view kSameReport = "form = ?1 AND unit = ?2 AND period = ?3 AND record_key = ?4";

std::vector<std::string> parse_warnings(const std::string& json, std::int64_t id, const std::string& path) {
  if (json == "[]") return {};  // most reports have no warnings: no parser for them
  try {
    return nlohmann::json::parse(json).get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    throw Error(path + " is damaged: the warnings of submission " + std::to_string(id) +
                " are not a JSON array of texts");
  }
}

Submission read_submission(const Query& q, const std::string& path) {
  Submission s;
  s.id = q.int64(0);
  s.form = q.text(1);
  s.unit = q.text(2);
  s.period = q.text(3);
  s.record_key = q.text(4);
  s.revision = q.int64(5);
  s.version = static_cast<int>(q.int64(6));
  s.supersedes = q.int64(7);  // NULL reads as 0
  s.status = q.text(8);
  s.values_json = q.text(9);
  s.warnings = parse_warnings(q.text(10), s.id, path);
  s.submitted_by = q.text(11);
  s.submitted_at = q.text(12);
  s.source = q.text(13);
  return s;
}

std::vector<Submission> read_all(Query& q, const std::string& path) {
  std::vector<Submission> out;
  while (q.step()) out.push_back(read_submission(q, path));
  return out;
}

Query& bind_report(Query& q, const std::string& form, const std::string& unit, const std::string& period,
                   const std::string& record_key) {
  return q.bind(1, form).bind(2, unit).bind(3, period).bind(4, record_key);
}

std::string describe(const Submission& s) {
  std::string what = "add version " + std::to_string(s.version) + " of form " + s.form + " for unit " + s.unit;
  if (!s.period.empty()) what += ", period " + s.period;
  if (!s.record_key.empty()) what += ", record " + s.record_key;
  return what;
}

}  // namespace

std::int64_t Database::add_submission(const Submission& s) {
  connection_->require_write("add_submission");
  // The hot path of an import (a million rows in one transaction): one cached statement, and
  // the warnings turned into JSON only when there are any.
  std::string warnings = s.warnings.empty() ? std::string() : nlohmann::json(s.warnings).dump();
  Query q = connection_->query(
      "INSERT INTO submissions(form, unit, period, record_key, revision, version, supersedes, status, "
      "values_json, warnings_json, submitted_by, submitted_at, source) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  q.bind(1, s.form).bind(2, s.unit).bind(3, s.period).bind(4, s.record_key).bind(5, s.revision);
  q.bind(6, std::int64_t{s.version});
  if (s.supersedes == 0) q.bind_null(7); else q.bind(7, s.supersedes);
  q.bind(8, s.status).bind(9, s.values_json).bind(10, s.warnings.empty() ? std::string_view("[]") : warnings);
  q.bind(11, s.submitted_by).bind(12, s.submitted_at).bind(13, s.source);
  try {
    q.run();
  } catch (const Busy&) {
    throw;
  } catch (const Damaged&) {
    throw;
  } catch (const Error& e) {
    throw Error("cannot " + describe(s) + ": " + e.what());  // built only on failure
  }
  return connection_->last_insert_id();
}

std::optional<Submission> Database::submission(std::int64_t id) const {
  Query q = connection_->query(std::string(kColumns) + " WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_submission(q, path());
}

std::optional<Submission> Database::current(const std::string& form, const std::string& unit,
                                            const std::string& period, const std::string& record_key) const {
  Query q = connection_->query(std::string(kColumns) + " WHERE " + std::string(kSameReport) +
                               " ORDER BY version DESC LIMIT 1");
  bind_report(q, form, unit, period, record_key);
  if (!q.step()) return std::nullopt;
  return read_submission(q, path());
}

std::vector<Submission> Database::versions(const std::string& form, const std::string& unit,
                                           const std::string& period, const std::string& record_key) const {
  Query q = connection_->query(std::string(kColumns) + " WHERE " + std::string(kSameReport) + " ORDER BY version");
  bind_report(q, form, unit, period, record_key);
  return read_all(q, path());
}

// The SQL text depends on which parts of the filter are set, so each shape is one cached
// statement that can use the indexes, rather than one statement full of "?1 = '' OR ...".
std::vector<Submission> Database::submissions(const SubmissionFilter& filter) const {
  std::string sql = std::string(kColumns) + " AS s WHERE 1";
  if (!filter.form.empty()) sql += " AND s.form = ?1";
  if (!filter.unit.empty()) sql += " AND s.unit = ?2";
  if (!filter.period.empty()) sql += " AND s.period = ?3";
  if (!filter.all_versions)
    sql += " AND NOT EXISTS (SELECT 1 FROM submissions AS later WHERE later.form = s.form AND later.supersedes = s.id)";
  sql += " ORDER BY s.id";
  Query q = connection_->query(sql);
  if (!filter.form.empty()) q.bind(1, filter.form);
  if (!filter.unit.empty()) q.bind(2, filter.unit);
  if (!filter.period.empty()) q.bind(3, filter.period);
  return read_all(q, path());
}

std::int64_t Database::submission_count() const {
  Query q = connection_->query("SELECT count(*) FROM submissions");
  return q.step() ? q.int64(0) : 0;
}

}  // namespace mera::storage
