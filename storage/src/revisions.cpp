// Model revisions: the files of a model as published, and which one is in force on a day.
#include <algorithm>

#include "connection.hpp"
#include "date_text.hpp"
#include "mera/storage/database.hpp"
#include "mera/storage/sha256.hpp"

namespace mera::storage {
namespace {

constexpr std::string_view kRevisionColumns =
    "SELECT id, model, root, hash, effective, status, author, created_at, approved_by, approved_at "
    "FROM model_revisions";

// Without the files, which load_files adds.
Revision read_revision(const Query& q, const std::string& path) {
  Revision r;
  r.id = q.int64(0);
  r.model = q.text(1);
  r.root = q.text(2);
  r.hash = q.text(3);
  r.effective = parse_date(q.text(4), path, "model_revisions.effective");
  r.status = q.text(5);
  r.author = q.text(6);
  r.created_at = q.text(7);
  r.approved_by = q.text(8);
  r.approved_at = q.text(9);
  return r;
}

void load_files(Connection& c, Revision& r) {
  Query q = c.query("SELECT path, text FROM revision_files WHERE revision = ?1 ORDER BY path");
  q.bind(1, r.id);
  while (q.step()) r.files.push_back(RevisionFile{q.text(0), q.text(1)});
}

void append_length_prefixed(Sha256& sha, std::string_view bytes) {
  sha.update(std::to_string(bytes.size()) + ":");
  sha.update(bytes);
}

std::vector<Revision> read_revisions(Connection& c, Query& q) {
  std::vector<Revision> out;
  while (q.step()) out.push_back(read_revision(q, c.path()));
  for (Revision& r : out) load_files(c, r);
  return out;
}

}  // namespace

std::string revision_hash(std::vector<RevisionFile> files) {
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  Sha256 sha;
  for (const RevisionFile& f : files) {
    append_length_prefixed(sha, f.path);
    append_length_prefixed(sha, f.text);
  }
  return sha.finish();
}

std::int64_t Database::add_revision(const Revision& r) {
  connection_->require_write("add_revision");
  if (r.status != "draft" && r.status != "approved")
    throw Error("a revision of model " + r.model + " is \"draft\" or \"approved\", not \"" + r.status + "\"");
  std::string hash = revision_hash(r.files);
  std::string effective = r.effective.iso();
  connection_->query(
      "INSERT INTO model_revisions(model, root, hash, effective, status, author, created_at, approved_by, "
      "approved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, r.model).bind(2, r.root).bind(3, hash).bind(4, effective).bind(5, r.status)
      .bind(6, r.author).bind(7, r.created_at).bind(8, r.approved_by).bind(9, r.approved_at)
      .run("add a revision of model " + r.model);
  std::int64_t id = connection_->last_insert_id();
  for (const RevisionFile& f : r.files)
    connection_->query("INSERT INTO revision_files(revision, path, text) VALUES (?1, ?2, ?3)")
        .bind(1, id).bind(2, f.path).bind(3, f.text)
        .run("add file " + f.path + " to a revision of model " + r.model);
  return id;
}

std::optional<Revision> Database::revision(std::int64_t id) const {
  std::optional<Revision> r;
  {
    Query q = connection_->query(std::string(kRevisionColumns) + " WHERE id = ?1");
    q.bind(1, id);
    if (q.step()) r = read_revision(q, path());
  }
  if (r) load_files(*connection_, *r);
  return r;
}

std::vector<Revision> Database::revisions() const {
  Query q = connection_->query(std::string(kRevisionColumns) + " ORDER BY id");
  return read_revisions(*connection_, q);
}

void Database::approve_revision(std::int64_t id, const std::string& who, const std::string& at) {
  connection_->require_write("approve_revision");
  std::optional<Revision> r = revision(id);
  if (!r) throw Error("no revision " + std::to_string(id) + " in " + path());
  if (r->status == "approved")
    throw Error("revision " + std::to_string(id) + " is already approved (by " + r->approved_by + ")");
  connection_->query("UPDATE model_revisions SET status = 'approved', approved_by = ?1, approved_at = ?2 WHERE id = ?3")
      .bind(1, who).bind(2, at).bind(3, id)
      .run("approve revision " + std::to_string(id));
}

std::optional<Revision> Database::revision_in_force(dsl::Date day) const {
  std::string text = day.iso();
  std::int64_t id = 0;
  {
    Query q = connection_->query(
        "SELECT id FROM model_revisions WHERE status = 'approved' AND effective <= ?1 "
        "ORDER BY effective DESC, id DESC LIMIT 1");
    q.bind(1, text);
    if (!q.step()) return std::nullopt;
    id = q.int64(0);
  }
  return revision(id);
}

}  // namespace mera::storage
