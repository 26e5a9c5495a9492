// GET /api/audit[?since=ID][&limit=N]: the audit log, oldest first, a page at a time (the
// entries after id `since`, at most `limit`, and the address of the next page). Only
// administrators (the access table); an administrator at the top of the tree reads every entry,
// one lower down the entries made by the accounts of its sub-tree (the log has no unit of its
// own: the account that acted is what places an entry in the tree).
#include <fmt/format.h>

#include <map>

#include "api_error.hpp"
#include "context.hpp"
#include "query.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

constexpr std::int64_t kDefaultPage = 100, kLongestPage = 1000;

void get_audit(Context& c) {
  std::int64_t since = number_param(c, "since", 0, 0, INT64_MAX);
  std::int64_t limit = number_param(c, "limit", kDefaultPage, 1, kLongestPage);
  const Caller& me = c.caller();
  dsl::Date today = today_utc();
  engine::UnitTree tree = engine::UnitTree::load(c.db());
  c.require(Action::read_audit, me.unit, today, tree);
  bool everything = tree.parent_on(me.unit, today) == std::string();  // the top of the tree
  std::map<std::string, std::string> unit_of;  // login -> unit
  for (const auto& a : c.db().accounts()) unit_of[a.login] = a.unit;
  auto readable = [&](const storage::AuditEntry& e) {
    if (everything) return true;
    auto it = unit_of.find(e.who);
    return it != unit_of.end() && tree.under(it->second, me.unit, today);
  };
  nlohmann::json entries = nlohmann::json::array();
  std::int64_t last = since;
  bool more = false;
  for (const auto& e : c.db().audit()) {
    if (e.id <= since || !readable(e)) continue;
    if (static_cast<std::int64_t>(entries.size()) == limit) {
      more = true;
      break;
    }
    entries.push_back({{"id", e.id}, {"at", e.at}, {"who", e.who}, {"action", e.action}, {"subject", e.subject}, {"detail", e.detail}});
    last = e.id;
  }
  nlohmann::json next = more ? nlohmann::json(fmt::format("/api/audit?since={}&limit={}", last, limit)) : nlohmann::json(nullptr);
  c.reply(200, {{"entries", entries}, {"next", next}, {"scope", everything ? text::tr("every entry") : text::tr("entries by the accounts of {}", me.unit)}});
}

}  // namespace

void add_audit_routes(Router& router) { router.get("/api/audit", get_audit); }

}  // namespace mera::service
