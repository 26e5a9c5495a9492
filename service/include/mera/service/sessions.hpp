// Logging in and out, and the session behind a bearer token. The time is a parameter, so that
// expiry and lock-out are tested without waiting. Every login, failed login and logout goes into
// the audit log with the login it named; never the password, never the token.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "mera/service/roles.hpp"
#include "mera/storage/database.hpp"

namespace mera::service {

using Clock = std::chrono::system_clock;

struct SessionPolicy {
  std::chrono::seconds lifetime = std::chrono::hours(12);
  int free_failures = 5;                            // failed logins in a row before the lock-out
  std::chrono::seconds first_lock{15};              // then locked this long, doubled each further failure,
  std::chrono::seconds longest_lock = std::chrono::hours(1);  // up to this
};

struct LoginResult {
  enum class Outcome { ok, refused, locked, disabled };  // disabled: only told with the right password
  Outcome outcome = Outcome::refused;
  std::string token;       // ok: the bearer token, shown to the client once
  std::string expires_at;  // ok: when it stops working
  long retry_after = 0;    // locked: seconds until a login is tried again
};

// `from` is where the request came from (an address), for the audit log.
LoginResult login(storage::Database& db, const std::string& login, const std::string& password, const SessionPolicy& policy,
                  Clock::time_point now, const std::string& from);

// Why a token was refused, for the 401 the client gets.
struct Authenticated {
  std::optional<Caller> caller;
  std::string why;  // when refused
};
Authenticated authenticate(const storage::Database& db, const std::string& token, Clock::time_point now);

// Ends the session of `token`; false when it was not a live session.
bool logout(storage::Database& db, const std::string& token, Clock::time_point now);

std::string iso_utc(Clock::time_point t);  // "2026-12-02T17:05:26Z"

}  // namespace mera::service
