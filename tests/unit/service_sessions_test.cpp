// Accounts and sessions of the service over a temporary database, with the time given: a login
// with the right password opens a session that works until it expires, is revoked, or its
// account is disabled; a wrong password is counted in the database and locks the account for a
// growing time; neither password nor token is ever stored or audited in clear.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "mera/service/accounts.hpp"
#include "mera/service/sessions.hpp"
#include "workflow_fixture.hpp"

using namespace mera::service;
using namespace std::chrono_literals;

namespace {

const std::string kPassword = "correct horse battery";

Clock::time_point at(const std::string& iso) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return Clock::from_time_t(timegm(&tm));
}

struct AccountsDb : mera::test::WorkflowDb {
  AccountsDb() { add_account(db, "ivanova", "o1", Role::submitter, kPassword, "admin"); }
  SessionPolicy policy;
  LoginResult log_in(const std::string& password, const std::string& when) {
    return login(db, "ivanova", password, policy, at(when), "127.0.0.1");
  }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_sessions)

BOOST_AUTO_TEST_CASE(a_password_is_stored_as_argon2id_only) {
  AccountsDb a;
  auto account = a.db.account("ivanova");
  BOOST_REQUIRE(account);
  BOOST_TEST(account->password_hash.rfind("$argon2id$", 0) == 0u);
  BOOST_TEST(verify_password(account->password_hash, kPassword));
  BOOST_TEST(!verify_password(account->password_hash, kPassword + "x"));
  BOOST_TEST(a.db.audit().back().action == "account.add");
}

BOOST_AUTO_TEST_CASE(what_the_administrator_types_wrong_is_refused_with_what_to_do) {
  AccountsDb a;
  BOOST_CHECK_EXCEPTION(add_account(a.db, "petrova", "o1", Role::viewer, "short", "admin"), std::invalid_argument,
                        [](const std::invalid_argument& e) { return std::string(e.what()) == "the password is too short: give at least 10 characters"; });
  BOOST_CHECK_THROW(add_account(a.db, "пётр", "o1", Role::viewer, kPassword, "admin"), std::invalid_argument);
  BOOST_CHECK_THROW(add_account(a.db, "ivanova", "o1", Role::viewer, kPassword, "admin"), mera::storage::Error);
  BOOST_CHECK_THROW(add_account(a.db, "petrova", "nowhere", Role::viewer, kPassword, "admin"), mera::storage::Error);
}

BOOST_AUTO_TEST_CASE(a_session_works_until_it_expires) {
  AccountsDb a;
  LoginResult r = a.log_in(kPassword, "2026-01-01T10:00:00Z");
  BOOST_REQUIRE(r.outcome == LoginResult::Outcome::ok);
  BOOST_TEST(r.token.size() == 64u);
  BOOST_TEST(r.expires_at == "2026-01-01T22:00:00Z");  // 12 hours by default
  Authenticated ok = authenticate(a.db, r.token, at("2026-01-01T21:59:59Z"));
  BOOST_REQUIRE(ok.caller);
  BOOST_TEST(ok.caller->unit == "o1");
  BOOST_TEST((ok.caller->role == Role::submitter));
  Authenticated late = authenticate(a.db, r.token, at("2026-01-01T22:00:00Z"));
  BOOST_TEST(!late.caller);
  BOOST_TEST(late.why == "the session expired at 2026-01-01T22:00:00Z; log in again (POST /api/login)");
}

BOOST_AUTO_TEST_CASE(a_forged_token_a_logged_out_one_and_a_disabled_account_are_refused) {
  AccountsDb a;
  LoginResult r = a.log_in(kPassword, "2026-01-01T10:00:00Z");
  auto when = at("2026-01-01T11:00:00Z");
  std::string forged = r.token;
  forged[0] = forged[0] == 'a' ? 'b' : 'a';
  BOOST_TEST(authenticate(a.db, forged, when).why == "the token is not a session of this server; log in again (POST /api/login)");
  BOOST_TEST(!authenticate(a.db, "Bearer-something", when).caller);
  BOOST_TEST(logout(a.db, r.token, when));
  BOOST_TEST(!logout(a.db, r.token, when));  // once
  BOOST_TEST(authenticate(a.db, r.token, when).why == "the session ended at 2026-01-01T11:00:00Z; log in again (POST /api/login)");
  LoginResult again = a.log_in(kPassword, "2026-01-01T12:00:00Z");
  BOOST_REQUIRE(authenticate(a.db, again.token, at("2026-01-01T12:00:01Z")).caller);
  BOOST_TEST(disable_account(a.db, "ivanova", "admin") == 1);
  BOOST_TEST(!authenticate(a.db, again.token, at("2026-01-01T12:00:02Z")).caller);
  BOOST_TEST((a.log_in(kPassword, "2026-01-01T12:00:03Z").outcome == LoginResult::Outcome::disabled));
}

BOOST_AUTO_TEST_CASE(failed_logins_lock_the_account_for_a_growing_time_kept_in_the_database) {
  AccountsDb a;
  for (int i = 0; i < 4; ++i) BOOST_TEST((a.log_in("wrong password", "2026-01-01T10:00:00Z").outcome == LoginResult::Outcome::refused));
  BOOST_TEST(a.db.account("ivanova")->locked_until.empty());
  a.log_in("wrong password", "2026-01-01T10:00:00Z");  // the fifth: locked for 15 s
  BOOST_TEST(a.db.account("ivanova")->locked_until == "2026-01-01T10:00:15Z");
  LoginResult locked = a.log_in(kPassword, "2026-01-01T10:00:10Z");  // even the right password waits
  BOOST_TEST((locked.outcome == LoginResult::Outcome::locked));
  BOOST_TEST(locked.retry_after == 6);
  a.log_in("wrong password", "2026-01-01T10:00:20Z");  // the sixth: 30 s
  BOOST_TEST(a.db.account("ivanova")->locked_until == "2026-01-01T10:00:50Z");
  // A second server (another connection) sees the same count.
  auto other = mera::storage::Database::open(a.path);
  BOOST_TEST(other.account("ivanova")->failed_logins == 6);
  BOOST_TEST((a.log_in(kPassword, "2026-01-01T10:00:51Z").outcome == LoginResult::Outcome::ok));
  BOOST_TEST(a.db.account("ivanova")->failed_logins == 0);
  // Each guess as soon as the lock ends: the locks double, up to an hour.
  std::string when = "2026-01-01T11:00:00Z", previous;
  for (int i = 0; i < 20; ++i) {
    a.log_in("wrong password", when);
    previous = when;
    if (auto until = a.db.account("ivanova")->locked_until; !until.empty()) when = until;
  }
  BOOST_TEST((at(when) - at(previous) == std::chrono::seconds(3600)));
}

BOOST_AUTO_TEST_CASE(a_guessers_huge_login_or_password_is_refused_and_not_logged_whole) {
  AccountsDb a;
  std::string huge(1 << 20, 'x');
  BOOST_TEST((login(a.db, huge, kPassword, a.policy, at("2026-01-01T10:00:00Z"), "127.0.0.1").outcome == LoginResult::Outcome::refused));
  BOOST_TEST(a.db.audit().back().who == "(not a login: 1048576 bytes)");
  BOOST_TEST((a.log_in(huge, "2026-01-01T10:00:01Z").outcome == LoginResult::Outcome::refused));
  BOOST_TEST(a.db.account("ivanova")->failed_logins == 1);
}

BOOST_AUTO_TEST_CASE(a_password_changed_meanwhile_is_not_let_in_by_the_old_one) {
  AccountsDb a;
  set_password(a.db, "ivanova", "a brand new password", "admin");
  BOOST_TEST((a.log_in(kPassword, "2026-01-01T10:00:00Z").outcome == LoginResult::Outcome::refused));
  BOOST_TEST((a.log_in("a brand new password", "2026-01-01T10:00:01Z").outcome == LoginResult::Outcome::ok));
}

BOOST_AUTO_TEST_CASE(no_password_or_token_is_in_the_database_or_its_audit) {
  AccountsDb a;
  a.log_in("a wrong guess 123", "2026-01-01T10:00:00Z");
  LoginResult r = a.log_in(kPassword, "2026-01-01T10:00:01Z");
  logout(a.db, r.token, at("2026-01-01T10:00:02Z"));
  set_password(a.db, "ivanova", "another good password", "admin");
  std::vector<std::string> actions;
  for (const auto& e : a.db.audit()) {
    actions.push_back(e.action);
    for (const std::string* field : {&e.who, &e.subject, &e.detail}) {
      BOOST_TEST(field->find(kPassword) == std::string::npos);
      BOOST_TEST(field->find(r.token) == std::string::npos);
    }
  }
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login.failed") == 1);
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login") == 1);
  BOOST_TEST(std::count(actions.begin(), actions.end(), "logout") == 1);
  BOOST_TEST(std::count(actions.begin(), actions.end(), "account.password") == 1);
  a.db.pragma("wal_checkpoint");
  for (const std::string& file : {a.path, a.path + "-wal"}) {
    std::string bytes = file_bytes(file);
    for (const std::string& secret : {kPassword, std::string("another good password"), std::string("a wrong guess 123"), r.token})
      BOOST_TEST(bytes.find(secret) == std::string::npos, file);
  }
}

BOOST_AUTO_TEST_SUITE_END()
