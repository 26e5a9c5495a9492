// The administrator's operations on accounts: add, change a password, disable. Each one
// transaction with its audit entry; the password never leaves this file except as its hash.
#include <fmt/format.h>

#include <stdexcept>

#include "mera/service/accounts.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {

std::string login_problem(std::string_view login) {
  if (login.empty() || login.size() > 64)
    return text::tr("a login is 1 to 64 characters: Latin letters, digits, '.', '_' and '-'");
  for (char c : login)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return text::tr("the login '{}' has a character a login cannot have: use Latin letters, digits, '.', '_' and '-'", login);
  return {};
}

std::string password_problem(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return text::tr("the password is too short: give at least {} characters", text::count(kMinPasswordLength));
  if (password.size() > 1024) return text::tr("the password is longer than 1024 bytes: give a shorter one");
  for (char c : password)
    if (c == '\n' || c == '\r' || c == '\0') return text::tr("the password has a line break or a zero byte: give one line of text");
  return {};
}

void add_account(storage::Database& db, const std::string& login, const std::string& unit, Role role, std::string_view password,
                 const std::string& who) {
  if (auto why = login_problem(login); !why.empty()) throw std::invalid_argument(why);
  if (auto why = password_problem(password); !why.empty()) throw std::invalid_argument(why);
  std::string hash = hash_password(password);  // before the write lock: it takes a tenth of a second
  std::string now = storage::now_utc();
  storage::Transaction tx = db.write();
  db.add_account({login, unit, role_name(role), hash, now, "", 0, ""});
  db.add_audit({0, now, who, "account.add", login, fmt::format("unit {}, role {}", unit, role_name(role))});
  tx.commit();
}

void set_password(storage::Database& db, const std::string& login, std::string_view password, const std::string& who) {
  if (auto why = password_problem(password); !why.empty()) throw std::invalid_argument(why);
  if (!db.account(login)) throw std::invalid_argument(text::tr("no account '{}' in {}; see mera users list", login, db.path()));
  std::string hash = hash_password(password);
  std::string now = storage::now_utc();
  storage::Transaction tx = db.write();
  db.set_account_password(login, hash);
  int ended = db.revoke_sessions(login, now);  // whoever knew the old password is logged out
  db.add_audit({0, now, who, "account.password", login, fmt::format("{} sessions ended", ended)});
  tx.commit();
}

int disable_account(storage::Database& db, const std::string& login, const std::string& who) {
  std::string now = storage::now_utc();
  storage::Transaction tx = db.write();
  auto account = db.account(login);
  if (!account) throw std::invalid_argument(text::tr("no account '{}' in {}; see mera users list", login, db.path()));
  if (!account->disabled_at.empty()) return 0;  // already: nothing changes, nothing to audit
  db.set_account_disabled(login, now);
  int ended = db.revoke_sessions(login, now);
  db.add_audit({0, now, who, "account.disable", login, fmt::format("{} sessions ended", ended)});
  tx.commit();
  return ended;
}

}  // namespace mera::service
