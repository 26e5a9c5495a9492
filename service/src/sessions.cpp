// Sessions: a login checks the password (Argon2id), counts failures in the database (so that a
// restart or a second server does not reset them) and locks the account for a growing time
// after too many; a token is known only by its hash.
#include "mera/service/sessions.hpp"

#include <fmt/format.h>

#include <ctime>

#include "mera/service/accounts.hpp"
#include "mera/text/tr.hpp"
#include "tokens.hpp"

namespace mera::service {
namespace {

// A login that names no account still costs one Argon2id check, so that the time of the answer
// does not tell which logins exist.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("not a password of anybody");
  return hash;
}

std::chrono::seconds lock_for(int failures, const SessionPolicy& policy) {
  int beyond = failures - policy.free_failures;  // 0 for the first failure that locks
  std::chrono::seconds lock = policy.first_lock;
  for (int i = 0; i < beyond && lock < policy.longest_lock; ++i) lock *= 2;
  return std::min(lock, policy.longest_lock);
}

std::optional<Clock::time_point> parse_iso_utc(const std::string& text) {
  std::tm tm{};
  if (text.size() != 20 || !strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return std::nullopt;
  return Clock::from_time_t(timegm(&tm));
}

}  // namespace

std::string iso_utc(Clock::time_point t) {
  std::time_t s = Clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&s, &utc);
  char text[32];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, n);
}

LoginResult login(storage::Database& db, const std::string& name, const std::string& password, const SessionPolicy& policy,
                  Clock::time_point now, const std::string& from) {
  std::string at = iso_utc(now);
  LoginResult result;
  // What the audit log calls the login tried: the name, or only its size when it cannot be a
  // login (a guesser's megabyte of text does not go into the log).
  const std::string who = login_problem(name).empty() ? name : "(not a login: " + std::to_string(name.size()) + " bytes)";
  auto account = login_problem(name).empty() ? db.account(name) : std::nullopt;
  if (account && !account->locked_until.empty()) {
    auto until = parse_iso_utc(account->locked_until);
    if (until && now < *until) {
      result.outcome = LoginResult::Outcome::locked;
      result.retry_after = static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(*until - now).count()) + 1;
      storage::Transaction tx = db.write();
      db.add_audit({0, at, who, "login.locked", who, fmt::format("from {}; locked until {}", from, account->locked_until)});
      tx.commit();
      return result;
    }
  }
  // The password is checked outside the write lock: it takes a tenth of a second.
  bool usable = password_problem(password).empty();  // a 16 MiB "password" is not hashed
  bool right = verify_password(account && usable ? account->password_hash : dummy_hash(), usable ? password : "") && account && usable;
  std::string verified = account ? account->password_hash : "";
  storage::Transaction tx = db.write();
  // Again, under the lock: another login may have counted meanwhile, or the administrator
  // disabled the account or changed its password since the check.
  account = db.account(name);
  right = right && account && account->password_hash == verified;
  bool good = right && account->disabled_at.empty();
  if (right && !good) result.outcome = LoginResult::Outcome::disabled;
  if (!good || !account) {
    std::string detail = fmt::format("from {}", from);
    if (account) {
      int failures = account->failed_logins + 1;
      std::string until = failures >= policy.free_failures ? iso_utc(now + lock_for(failures, policy)) : "";
      db.set_login_failures(name, failures, until);
      detail += fmt::format("; {} failed in a row{}", failures, until.empty() ? "" : "; locked until " + until);
      if (!account->disabled_at.empty()) detail += "; the account is disabled";
    } else {
      detail += "; no such account";
    }
    db.add_audit({0, at, who, "login.failed", who, detail});
    tx.commit();
    return result;
  }
  result.outcome = LoginResult::Outcome::ok;
  result.token = new_token();
  result.expires_at = iso_utc(now + policy.lifetime);
  db.set_login_failures(name, 0, "");
  db.add_session({token_hash(result.token), name, at, result.expires_at, ""});
  db.add_audit({0, at, name, "login", name, fmt::format("from {}; session until {}", from, result.expires_at)});
  tx.commit();
  return result;
}

Authenticated authenticate(const storage::Database& db, const std::string& token, Clock::time_point now) {
  if (!looks_like_token(token)) return {std::nullopt, text::tr("the token is not one this server gives out; log in again (POST /api/login)")};
  auto session = db.session(token_hash(token));
  if (!session) return {std::nullopt, text::tr("the token is not a session of this server; log in again (POST /api/login)")};
  if (!session->revoked_at.empty())
    return {std::nullopt, text::tr("the session ended at {}; log in again (POST /api/login)", session->revoked_at)};
  if (session->expires_at <= iso_utc(now))
    return {std::nullopt, text::tr("the session expired at {}; log in again (POST /api/login)", session->expires_at)};
  auto account = db.account(session->login);
  if (!account || !account->disabled_at.empty())
    return {std::nullopt, text::tr("the account '{}' is disabled; ask your administrator", session->login)};
  auto role = role_from(account->role);
  if (!role) return {std::nullopt, text::tr("the account '{}' has an unknown role; ask your administrator", session->login)};
  return {Caller{account->login, account->unit, *role}, {}};
}

bool logout(storage::Database& db, const std::string& token, Clock::time_point now) {
  if (!looks_like_token(token)) return false;
  std::string at = iso_utc(now);
  storage::Transaction tx = db.write();
  auto session = db.session(token_hash(token));
  if (!session || !session->revoked_at.empty()) return false;
  db.revoke_session(session->token_hash, at);
  db.add_audit({0, at, session->login, "logout", session->login, ""});
  tx.commit();
  return true;
}

}  // namespace mera::service
