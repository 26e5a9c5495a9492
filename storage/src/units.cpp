// Units and their dated membership in the tree.
#include "connection.hpp"
#include "date_text.hpp"
#include "mera/storage/database.hpp"

namespace mera::storage {
namespace {

constexpr std::string_view kMembershipColumns = "SELECT id, unit, parent, date_from, date_to FROM memberships";

Membership read_membership(const Query& q, const std::string& path) {
  Membership m;
  m.id = q.int64(0);
  m.unit = q.text(1);
  m.parent = q.text(2);
  m.from = parse_date(q.text(3), path, "memberships.date_from");
  if (!q.is_null(4)) m.to = parse_date(q.text(4), path, "memberships.date_to");
  return m;
}

}  // namespace

void Database::add_unit(const Unit& u) {
  connection_->require_write("add_unit");
  if (unit(u.id)) throw Error("unit " + u.id + " already exists in " + path());
  connection_->query("INSERT INTO units(id, name, level) VALUES (?1, ?2, ?3)")
      .bind(1, u.id)
      .bind(2, u.name)
      .bind(3, u.level)
      .run("add unit " + u.id);
}

std::optional<Unit> Database::unit(const std::string& id) const {
  Query q = connection_->query("SELECT id, name, level FROM units WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return Unit{q.text(0), q.text(1), q.text(2)};
}

std::vector<Unit> Database::units() const {
  std::vector<Unit> out;
  Query q = connection_->query("SELECT id, name, level FROM units ORDER BY id");
  while (q.step()) out.push_back(Unit{q.text(0), q.text(1), q.text(2)});
  return out;
}

std::int64_t Database::structure_generation() const {
  Query q = connection_->query("SELECT n FROM structure_generation");
  return q.step() ? q.int64(0) : 0;
}

std::int64_t Database::add_membership(const Membership& m) {
  connection_->require_write("add_membership");
  // The foreign keys would refuse these too, but without saying which unit is missing.
  if (!unit(m.unit)) throw Error("no unit " + m.unit + " in " + path() + " to place in the tree");
  if (!m.parent.empty() && !unit(m.parent))
    throw Error("no unit " + m.parent + " in " + path() + " to place " + m.unit + " under");
  if (m.to && *m.to < m.from)
    throw Error("the membership of " + m.unit + " cannot end on " + m.to->iso() + ", before it starts on " +
                m.from.iso());
  std::string from = m.from.iso();
  std::string to = m.to ? m.to->iso() : std::string();
  Query q = connection_->query("INSERT INTO memberships(unit, parent, date_from, date_to) VALUES (?1, ?2, ?3, ?4)");
  q.bind(1, m.unit).bind(3, from);
  if (m.parent.empty()) q.bind_null(2); else q.bind(2, m.parent);
  if (m.to) q.bind(4, to); else q.bind_null(4);
  q.run("add the membership of unit " + m.unit);
  return connection_->last_insert_id();
}

void Database::set_membership_end(std::int64_t id, dsl::Date to) {
  connection_->require_write("set_membership_end");
  std::optional<Membership> m;
  {
    Query q = connection_->query(std::string(kMembershipColumns) + " WHERE id = ?1");
    q.bind(1, id);
    if (q.step()) m = read_membership(q, path());
  }
  if (!m) throw Error("no membership " + std::to_string(id) + " in " + path());
  if (to < m->from)
    throw Error("the membership of " + m->unit + " cannot end on " + to.iso() + ", before it starts on " +
                m->from.iso());
  std::string text = to.iso();
  connection_->query("UPDATE memberships SET date_to = ?1 WHERE id = ?2").bind(1, text).bind(2, id).run();
}

std::vector<Membership> Database::memberships() const {
  std::vector<Membership> out;
  Query q = connection_->query(std::string(kMembershipColumns) + " ORDER BY unit, date_from, id");
  while (q.step()) out.push_back(read_membership(q, path()));
  return out;
}

}  // namespace mera::storage
