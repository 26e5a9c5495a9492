// Accounts over HTTP, for administrators, with the code of `mera users` (src/accounts.cpp):
//   GET  /api/users                      the accounts of the units in the caller's sub-tree
//   POST /api/users                      {"login", "unit", "role", "password"}: add one
//   POST /api/users/{login}/disable      its sessions end at once
//   POST /api/users/{login}/password     {"password"}: a new one; its sessions end
// A password travels only in a request's body (never in its address, which logs and proxies
// keep) and is kept only as its Argon2id hash. Each change is audited with the admin's login.
#include <fmt/format.h>

#include <stdexcept>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/service/accounts.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

json account_json(const storage::Account& a) {
  return {{"login", a.login}, {"unit", a.unit}, {"role", a.role}, {"created_at", a.created_at},
          {"state", a.disabled_at.empty() ? "active" : "disabled"}, {"disabled_at", a.disabled_at}};
}

// The account named in the address, which the caller may manage (its unit in the sub-tree).
storage::Account managed(Context& c, const engine::UnitTree& tree) {
  const std::string login = c.req.matches[1];
  c.caller();
  auto a = c.db().account(login);
  if (!a) throw ApiError(404, text::tr("no account '{}' (GET /api/users lists those you manage)", login));
  c.require(Action::manage_accounts, a->unit, today_utc(), tree);
  return *a;
}

void get_users(Context& c) {
  const Caller& me = c.caller();
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  dsl::Date today = today_utc();
  c.require(Action::manage_accounts, me.unit, today, tree);
  json list = json::array();
  for (const auto& a : c.db().accounts())
    if (decide(me, Action::manage_accounts, a.unit, today, tree).allowed) list.push_back(account_json(a));
  c.reply(200, {{"accounts", list}});
}

void post_user(Context& c) {
  json body = parse_body(c.req.body);
  const Caller& me = c.caller();
  std::string login = required_text(body, "login"), unit = required_text(body, "unit"), role_word = required_text(body, "role");
  std::string password = required_text(body, "password");
  auto role = role_from(role_word);
  if (!role) throw ApiError(400, text::tr("\"role\": '{}' is not a role; a role is one of {}", role_word, role_list()));
  if (auto why = login_problem(login); !why.empty()) throw ApiError(400, why);
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  if (!tree.unit(unit)) throw ApiError(400, text::tr("\"unit\": no unit '{}' in the unit tree{} (GET /api/units lists those you may read)", unit, forms::closest(unit, tree.ids())));
  c.require(Action::manage_accounts, unit, today_utc(), tree);
  if (c.db().account(login)) throw ApiError(409, text::tr("the login '{}' is taken: choose another", login));
  try {
    add_account(c.db(), login, unit, *role, password, me.login);
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, e.what());  // the password: too short, too long, more than one line
  }
  c.reply(201, account_json(*c.db().account(login)));
}

void post_disable(Context& c) {
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  storage::Account a = managed(c, tree);
  if (a.login == c.caller().login) throw ApiError(409, text::tr("an administrator cannot disable its own account: ask another administrator"));
  int ended = disable_account(c.db(), a.login, c.caller().login);
  c.reply(200, {{"login", a.login}, {"state", "disabled"}, {"sessions_ended", ended}});
}

void post_password(Context& c) {
  json body = parse_body(c.req.body);
  std::string password = required_text(body, "password");
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  storage::Account a = managed(c, tree);
  try {
    set_password(c.db(), a.login, password, c.caller().login);
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, e.what());
  }
  c.reply(200, {{"login", a.login}, {"password_changed", true}, {"message", text::tr("its sessions were ended: it logs in again with the new password")}});
}

}  // namespace

void add_user_routes(Router& router) {
  router.get("/api/users", get_users);
  router.post("/api/users", post_user);
  router.post(R"(/api/users/([^/]+)/disable)", post_disable);
  router.post(R"(/api/users/([^/]+)/password)", post_password);
}

}  // namespace mera::service
