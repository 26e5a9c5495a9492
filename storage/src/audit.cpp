// The audit log: who did what when. The database itself refuses to change or delete a row.
#include "connection.hpp"
#include "mera/storage/database.hpp"

namespace mera::storage {

std::int64_t Database::add_audit(const AuditEntry& e) {
  connection_->require_write("add_audit");
  connection_->query("INSERT INTO audit(at, who, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, e.at).bind(2, e.who).bind(3, e.action).bind(4, e.subject).bind(5, e.detail)
      .run("add to the audit log");
  return connection_->last_insert_id();
}

std::vector<AuditEntry> Database::audit() const {
  std::vector<AuditEntry> out;
  Query q = connection_->query("SELECT id, at, who, action, subject, detail FROM audit ORDER BY id");
  while (q.step()) out.push_back(AuditEntry{q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
  return out;
}

}  // namespace mera::storage
