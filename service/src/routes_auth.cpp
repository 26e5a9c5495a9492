// POST /api/login, POST /api/logout, GET /api/me: sessions by bearer token (src/sessions.cpp).
#include <fmt/format.h>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

void post_login(Context& c) {
  nlohmann::json body = parse_body(c.req.body);
  std::string login = required_text(body, "login");
  std::string password = required_text(body, "password");
  LoginResult r = service::login(c.db(), login, password, c.state.policy, Clock::now(), c.req.remote_addr);
  switch (r.outcome) {
    case LoginResult::Outcome::ok: {
      auto account = c.db().account(login);
      c.reply(200, {{"token", r.token}, {"expires_at", r.expires_at}, {"login", login}, {"unit", account->unit}, {"role", account->role}});
      return;
    }
    case LoginResult::Outcome::locked:
      c.res.set_header("Retry-After", std::to_string(r.retry_after));
      throw ApiError(429, text::tr("too many failed logins for '{}': try again in {} seconds, or ask your administrator to set a "
                                      "new password (mera users passwd)",
                                      login, text::count(r.retry_after)));
    case LoginResult::Outcome::disabled:
      throw ApiError(403, text::tr("the account '{}' is disabled; ask your administrator", login));
    case LoginResult::Outcome::refused: break;
  }
  throw ApiError(401, text::tr("wrong login or password; check both and try again (after several failures the login is locked for a while)"));
}

std::string bearer(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  return header.rfind("Bearer ", 0) == 0 ? header.substr(7) : std::string();
}

void post_logout(Context& c) {
  c.caller();  // 401 with the reason when the token is no live session
  bool ended = false;
  c.write([&](storage::Database& db) { ended = logout(db, bearer(c.req), Clock::now()); });
  if (!ended) throw ApiError(401, text::tr("the session had already ended; log in again (POST /api/login)"));
  c.reply(200, {{"ended", true}});
}

void get_me(Context& c) {
  const Caller& me = c.caller();
  c.reply(200, {{"login", me.login}, {"unit", me.unit}, {"role", role_name(me.role)}});
}

}  // namespace

void add_auth_routes(Router& router) {
  router.post("/api/login", post_login);
  router.post("/api/logout", post_logout);
  router.get("/api/me", get_me);
}

}  // namespace mera::service
