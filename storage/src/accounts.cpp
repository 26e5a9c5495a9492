// The accounts of the service and their sessions (schema version 3). Storage only: roles,
// password hashing and the lock-out policy live in service/.
#include "connection.hpp"
#include "mera/storage/database.hpp"
#include "mera/text/tr.hpp"

namespace mera::storage {
namespace {

constexpr std::string_view kAccountColumns =
    "SELECT login, unit, role, password_hash, created_at, disabled_at, failed_logins, locked_until FROM accounts";

Account read_account(const Query& q) {
  return Account{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), static_cast<int>(q.int64(6)), q.text(7)};
}

// An UPDATE of one account that must find it: a login that is not there is the caller's mistake.
void require_changed(const Connection& c, const std::string& login, const std::string& path) {
  if (c.changes() == 0) throw Error(text::tr("no account '{}' in {}; see mera users list", login, path));
}

}  // namespace

void Database::add_account(const Account& a) {
  connection_->require_write("add_account");
  if (account(a.login)) throw Error(text::tr("an account '{}' already exists in {}; choose another login", a.login, path()));
  if (!unit(a.unit)) throw Error(text::tr("no unit '{}' in {} to give the account '{}' (see mera units list)", a.unit, path(), a.login));
  connection_->query("INSERT INTO accounts(login, unit, role, password_hash, created_at, disabled_at, failed_logins, locked_until) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(1, a.login).bind(2, a.unit).bind(3, a.role).bind(4, a.password_hash).bind(5, a.created_at)
      .bind(6, a.disabled_at).bind(7, static_cast<std::int64_t>(a.failed_logins)).bind(8, a.locked_until)
      .run("add account " + a.login);
}

std::optional<Account> Database::account(const std::string& login) const {
  Query q = connection_->query(std::string(kAccountColumns) + " WHERE login = ?1");
  q.bind(1, login);
  if (!q.step()) return std::nullopt;
  return read_account(q);
}

std::vector<Account> Database::accounts() const {
  std::vector<Account> out;
  Query q = connection_->query(std::string(kAccountColumns) + " ORDER BY login");
  while (q.step()) out.push_back(read_account(q));
  return out;
}

void Database::set_account_password(const std::string& login, const std::string& password_hash) {
  connection_->require_write("set_account_password");
  connection_->query("UPDATE accounts SET password_hash = ?2, failed_logins = 0, locked_until = '' WHERE login = ?1")
      .bind(1, login).bind(2, password_hash).run("change the password of " + login);
  require_changed(*connection_, login, path());
}

void Database::set_account_disabled(const std::string& login, const std::string& at) {
  connection_->require_write("set_account_disabled");
  connection_->query("UPDATE accounts SET disabled_at = ?2 WHERE login = ?1").bind(1, login).bind(2, at).run("disable " + login);
  require_changed(*connection_, login, path());
}

void Database::set_login_failures(const std::string& login, int failed_logins, const std::string& locked_until) {
  connection_->require_write("set_login_failures");
  connection_->query("UPDATE accounts SET failed_logins = ?2, locked_until = ?3 WHERE login = ?1")
      .bind(1, login).bind(2, static_cast<std::int64_t>(failed_logins)).bind(3, locked_until).run("count the logins of " + login);
  require_changed(*connection_, login, path());
}

void Database::add_session(const Session& s) {
  connection_->require_write("add_session");
  connection_->query("INSERT INTO sessions(token_hash, login, created_at, expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, s.token_hash).bind(2, s.login).bind(3, s.created_at).bind(4, s.expires_at).bind(5, s.revoked_at)
      .run("open a session of " + s.login);
}

std::optional<Session> Database::session(const std::string& token_hash) const {
  Query q = connection_->query("SELECT token_hash, login, created_at, expires_at, revoked_at FROM sessions WHERE token_hash = ?1");
  q.bind(1, token_hash);
  if (!q.step()) return std::nullopt;
  return Session{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)};
}

void Database::revoke_session(const std::string& token_hash, const std::string& at) {
  connection_->require_write("revoke_session");
  connection_->query("UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at = ''")
      .bind(1, token_hash).bind(2, at).run("end a session");
}

int Database::revoke_sessions(const std::string& login, const std::string& at) {
  connection_->require_write("revoke_sessions");
  connection_->query("UPDATE sessions SET revoked_at = ?2 WHERE login = ?1 AND revoked_at = ''")
      .bind(1, login).bind(2, at).run("end the sessions of " + login);
  return connection_->changes();
}

}  // namespace mera::storage
