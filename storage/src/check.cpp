// mera db check: SQLite's integrity check, then the invariants of a mera database that the
// schema alone does not enforce, or that a file edited by hand (or damaged) may have lost.
#include "mera/storage/check.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <functional>

#include "connection.hpp"
#include "mera/storage/database.hpp"
#include "paths.hpp"
#include "schema.hpp"

namespace mera::storage {
namespace {

using Problems = std::vector<std::string>;

// One invariant as a query: each row it returns is one problem, in words.
struct Invariant {
  const char* what;  // for "cannot check ...", when the query itself fails
  const char* sql;   // returns one column: the problem
};

constexpr Invariant kInvariants[] = {
    {"the chains of corrections",
     "SELECT 'submission ' || s.id || ' (version ' || s.version || ' of form ' || s.form || ', unit ' || s.unit || "
     "CASE WHEN s.period <> '' THEN ', period ' || s.period ELSE ', record ' || s.record_key END || ') ' || "
     "CASE WHEN s.version = 1 THEN 'is version 1 but supersedes submission ' || s.supersedes "
     "WHEN p.id IS NULL THEN 'supersedes submission ' || coalesce(s.supersedes, 'none') || ', which does not exist' "
     "ELSE 'supersedes submission ' || p.id || ', which is version ' || p.version || ' of form ' || p.form || ', unit ' || p.unit || "
     "CASE WHEN p.period <> '' THEN ', period ' || p.period ELSE ', record ' || p.record_key END END "
     "FROM submissions AS s LEFT JOIN submissions AS p ON p.id = s.supersedes "
     "WHERE (s.version = 1 AND s.supersedes IS NOT NULL) OR (s.version > 1 AND (p.id IS NULL OR p.form <> s.form OR "
     "p.unit <> s.unit OR p.period <> s.period OR p.record_key <> s.record_key OR p.version <> s.version - 1)) ORDER BY s.id"},
    {"the versions of each report",
     "SELECT 'form ' || form || ', unit ' || unit || CASE WHEN period <> '' THEN ', period ' || period ELSE ', record ' || record_key END "
     "|| ' has versions up to ' || max(version) || ' but only ' || count(*) || ' of them' FROM submissions "
     "GROUP BY form, unit, period, record_key HAVING count(*) <> max(version)"},
    {"the workflow events",
     "SELECT 'workflow event ' || e.id || ' (' || e.action || ') ' || CASE WHEN s.id IS NULL THEN "
     "'refers to submission ' || e.submission || ', which does not exist' ELSE 'refers to submission ' || s.id || "
     "', which is a report of form ' || s.form || ', unit ' || s.unit || ', not of form ' || e.form || ', unit ' || e.unit END "
     "FROM workflow_events AS e LEFT JOIN submissions AS s ON s.id = e.submission WHERE e.submission IS NOT NULL AND "
     "(s.id IS NULL OR s.form <> e.form OR s.unit <> e.unit OR s.period <> e.period OR s.record_key <> e.record_key) ORDER BY e.id"},
    {"the memberships of units",
     "SELECT 'unit ' || a.unit || ' has overlapping places in the tree: membership ' || a.id || ' (' || a.date_from || ' .. ' || "
     "coalesce(a.date_to, 'open') || ', under ' || coalesce(a.parent, 'nothing') || ') and membership ' || b.id || ' (' || "
     "b.date_from || ' .. ' || coalesce(b.date_to, 'open') || ', under ' || coalesce(b.parent, 'nothing') || ')' "
     "FROM memberships AS a JOIN memberships AS b ON a.unit = b.unit AND a.id < b.id "
     "WHERE a.date_from <= coalesce(b.date_to, '9999-12-31') AND b.date_from <= coalesce(a.date_to, '9999-12-31') ORDER BY a.id, b.id"},
    {"the dates",
     "SELECT 'membership ' || id || ' of unit ' || unit || ' has a date that is not a day: ' || date_from || ' .. ' || "
     "coalesce(date_to, 'open') FROM memberships WHERE date(date_from) IS NOT date_from OR (date_to IS NOT NULL AND "
     "date(date_to) IS NOT date_to) UNION ALL SELECT 'revision ' || id || ' has an effective date that is not a day: ' || effective "
     "FROM model_revisions WHERE date(effective) IS NOT effective"},
    {"the revisions",
     "SELECT 'revision ' || id || ' is approved but says nothing of who approved it' FROM model_revisions "
     "WHERE status = 'approved' AND (approved_by = '' OR approved_at = '') UNION ALL "
     "SELECT 'revision ' || id || ' has no files' FROM model_revisions AS r WHERE NOT EXISTS "
     "(SELECT 1 FROM revision_files AS f WHERE f.revision = r.id) UNION ALL "
     "SELECT 'revision ' || id || ' is of model ' || model || ', and revision 1 of model ' || "
     "(SELECT model FROM model_revisions ORDER BY id LIMIT 1) || ': a database holds one model' FROM model_revisions "
     "WHERE model <> (SELECT model FROM model_revisions ORDER BY id LIMIT 1)"},
    {"the values of submissions",
     "SELECT 'submission ' || id || ' has values that are not a JSON object' FROM submissions "
     "WHERE NOT json_valid(values_json) OR json_type(values_json) <> 'object' UNION ALL "
     "SELECT 'submission ' || id || ' has warnings that are not a JSON array' FROM submissions "
     "WHERE NOT json_valid(warnings_json) OR json_type(warnings_json) <> 'array'"},
};

// The tables counted in the summary, in the order of the domain.
constexpr const char* kCounted[][2] = {{"units", "units"},
                                       {"memberships", "memberships"},
                                       {"model_revisions", "revisions"},
                                       {"submissions", "submissions"},
                                       {"workflow_events", "workflow events"},
                                       {"audit", "audit entries"}};

// Runs one part of the check; a failure of SQLite inside it (a damaged page) is a problem too,
// and the other parts still run.
void part(Problems& problems, const char* what, const std::function<void()>& check) {
  try {
    check();
  } catch (const Error& e) {
    problems.push_back(std::string("cannot check ") + what + ": " + e.what());
  }
}

void sqlite_integrity(Connection& c, Problems& problems) {
  Query q = c.query("PRAGMA integrity_check");
  while (q.step())
    if (q.text(0) != "ok") problems.push_back("SQLite: " + q.text(0));
}

void foreign_keys(Connection& c, Problems& problems) {
  Query q = c.query("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
  while (q.step())
    problems.push_back("a row of " + q.text(0) + " (rowid " + q.text(1) + ") refers to a row of " + q.text(2) + " that does not exist");
}

void revision_hashes(Connection& c, Problems& problems) {
  std::vector<std::pair<std::int64_t, std::string>> revisions;
  {
    Query q = c.query("SELECT id, hash FROM model_revisions ORDER BY id");
    while (q.step()) revisions.emplace_back(q.int64(0), q.text(1));
  }
  for (const auto& [id, hash] : revisions) {
    std::vector<RevisionFile> files;
    Query q = c.query("SELECT path, text FROM revision_files WHERE revision = ?1");
    q.bind(1, id);
    while (q.step()) files.push_back({q.text(0), q.text(1)});
    if (revision_hash(files) != hash)
      problems.push_back("revision " + std::to_string(id) + ": its stored files do not hash to its hash " + hash.substr(0, 12) +
                         " (they were changed after it was published)");
  }
}

// The identity first: the invariants mean nothing in a file that is not mera's.
bool identity(Connection& c, Problems& problems) {
  if (c.int_pragma("application_id") != kApplicationId) {
    problems.push_back("not a mera database (its application_id is not mera's): nothing else checked");
    return false;
  }
  auto version = c.int_pragma("user_version");
  if (version == Database::latest_schema_version()) return true;
  problems.push_back("schema version " + std::to_string(version) + ", and this mera knows version " +
                     std::to_string(Database::latest_schema_version()) +
                     (version < Database::latest_schema_version() ? "; any mera command that writes brings it up to date"
                                                                   : "; check it with a newer mera") +
                     ": nothing else checked");
  return false;
}

}  // namespace

DatabaseCheck check_database(const std::string& path) {
  require_path(path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error("no database at " + path);
  Connection c(path, SQLITE_OPEN_READONLY);
  DatabaseCheck out;
  bool ours = false;
  part(out.problems, "the identity of the file", [&] { ours = identity(c, out.problems); });
  if (!ours) return out;
  part(out.problems, "the pages (PRAGMA integrity_check)", [&] { sqlite_integrity(c, out.problems); });
  part(out.problems, "the references (PRAGMA foreign_key_check)", [&] { foreign_keys(c, out.problems); });
  part(out.problems, "the hashes of the revisions", [&] { revision_hashes(c, out.problems); });
  for (const Invariant& inv : kInvariants)
    part(out.problems, inv.what, [&] {
      Query q = c.query(inv.sql);
      while (q.step()) out.problems.push_back(q.text(0));
    });
  for (const auto& [table, what] : kCounted)
    part(out.problems, what, [&, table = table, what = what] {  // named captures: clang 14 cannot capture a binding
      Query q = c.query(std::string("SELECT count(*) FROM ") + table);
      if (q.step()) out.counts.push_back({what, q.int64(0)});
    });
  return out;
}

}  // namespace mera::storage
