// The current version of every report of a form, streamed: the indicator engine's one read of
// the submissions table. A version is current when no later version supersedes it.
#include <algorithm>
#include <vector>

#include "connection.hpp"
#include "mera/storage/database.hpp"

namespace mera::storage {

// Two reads instead of one with a probe per row: the ids the form's corrections supersede
// (few, from the small partial index submissions_superseded), then the form's rows in id order,
// those ids skipped as the scan passes them. A NOT EXISTS probe of the UNIQUE key per row was
// half of an evaluation over millions of records (docs/benchmarks.md). `+s.form` keeps SQLite
// off the (form, unit, period, ...) index: through it, every row is a random lookup and the
// result is sorted again by id; a scan in id order is twice as fast for millions of records.
namespace {

// The ids the form's corrections supersede, ascending: the versions that are not current.
std::vector<std::int64_t> superseded_ids(Connection& c, const std::string& form, const std::string& doing) {
  std::vector<std::int64_t> ids;
  Query q = c.query("SELECT supersedes FROM submissions WHERE form = ?1 AND supersedes IS NOT NULL ORDER BY supersedes");
  q.bind(1, form);
  while (q.step(doing)) ids.push_back(q.int64(0));
  return ids;
}

// The columns after the id, as both reads below select them; views valid until the next step.
void take_columns(const Query& q, Database::CurrentRow& r) {
  r.unit = q.view(1);
  r.period = q.view(2);
  r.record_key = q.view(3);
  r.values_json = q.view(4);
  r.submitted_at = q.view(5);
}

}  // namespace

void Database::each_current(const std::string& form, const std::function<void(const CurrentRow&)>& row) const {
  const std::string doing = "read the submissions of form " + form;
  std::vector<std::int64_t> superseded = superseded_ids(*connection_, form, doing);
  Query q = connection_->query(
      "SELECT s.id, s.unit, s.period, s.record_key, s.values_json, s.submitted_at FROM submissions AS s "
      "WHERE +s.form = ?1 ORDER BY s.id");
  q.bind(1, form);
  auto skip = superseded.begin();  // both in id order: one pass
  CurrentRow r;
  while (q.step(doing)) {
    r.id = q.int64(0);
    while (skip != superseded.end() && *skip < r.id) ++skip;
    if (skip != superseded.end() && *skip == r.id) continue;
    take_columns(q, r);
    row(r);
  }
}

void Database::each_current_of(const std::string& form, const std::vector<std::string>& units,
                               const std::function<void(const CurrentRow&)>& row) const {
  const std::string doing = "read the submissions of form " + form;
  std::vector<std::int64_t> superseded = superseded_ids(*connection_, form, doing);
  CurrentRow r;
  for (const auto& unit : units) {
    Query q = connection_->query(  // prepared once, reset when q goes (Connection keeps it)
        "SELECT s.id, s.unit, s.period, s.record_key, s.values_json, s.submitted_at FROM submissions AS s "
        "WHERE s.form = ?1 AND s.unit = ?2 ORDER BY s.id");
    q.bind(1, form);
    q.bind(2, unit);
    while (q.step(doing)) {
      r.id = q.int64(0);
      if (std::binary_search(superseded.begin(), superseded.end(), r.id)) continue;
      take_columns(q, r);
      row(r);
    }
  }
}

std::vector<int> Database::reported_years() const {
  Query q = connection_->query(
      "SELECT DISTINCT CAST(substr(CASE WHEN period <> '' THEN period ELSE submitted_at END, 1, 4) AS INTEGER) AS y "
      "FROM submissions ORDER BY y");
  std::vector<int> years;
  while (q.step("read the years that have reports")) years.push_back(static_cast<int>(q.int64(0)));
  return years;
}

std::vector<Database::PeriodRevisionCount> Database::counts_by_period_and_revision() const {
  Query q = connection_->query(
      "SELECT period, revision, COUNT(*) FROM submissions WHERE period <> '' GROUP BY period, revision ORDER BY period, revision");
  std::vector<PeriodRevisionCount> out;
  while (q.step("count the submissions of each period")) out.push_back({q.text(0), q.int64(1), q.int64(2)});
  return out;
}

}  // namespace mera::storage
