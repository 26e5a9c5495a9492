#include "context.hpp"

#include <fmt/format.h>

#include "api_error.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {

void ServiceState::log_line(const std::string& line) {
  std::lock_guard lock(log_mutex);
  log << line << std::endl;  // flushed: a test or a supervisor reads the log as it grows
}

dsl::Date today_utc() {
  std::string now = storage::now_utc();
  return *dsl::parse_iso_date(std::string_view(now).substr(0, 10));
}

storage::Database& Context::db() {
  if (!lease_) lease_.emplace(state.pool.lease());
  return lease_->db();
}

const Caller& Context::caller() {
  if (caller_) return *caller_;
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.empty())
    throw ApiError(401, text::tr("this needs a logged-in account: send \"Authorization: Bearer TOKEN\" with the token POST /api/login gave"));
  if (header.compare(0, kBearer.size(), kBearer) != 0)
    throw ApiError(401, text::tr("the Authorization header must be \"Bearer TOKEN\", with the token POST /api/login gave"));
  Authenticated a = authenticate(db(), header.substr(kBearer.size()), Clock::now());
  if (!a.caller) throw ApiError(401, a.why);
  caller_ = std::move(a.caller);
  return *caller_;
}

void Context::require(Action action, std::string_view unit, dsl::Date day, const engine::UnitTree& tree) {
  Decision d = decide(caller(), action, unit, day, tree);
  if (!d.allowed) throw ApiError(403, d.why);
}

std::string Context::param(const char* name) const { return req.has_param(name) ? req.get_param_value(name) : std::string(); }

dsl::Date Context::date_param(const char* name) const {
  std::string text = param(name);
  if (text.empty()) return today_utc();
  std::string why;
  auto day = dsl::parse_iso_date(text, &why);
  if (!day) throw ApiError(400, text::tr("{}={}: {}; write a date as 2022-01-12", name, text, why.empty() ? text::tr("not a date") : why));
  return *day;
}

void Context::reply(int status, const nlohmann::json& body) {
  res.status = status;
  // A request's bytes that are not UTF-8 may be quoted back in a message: replaced, not thrown.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

}  // namespace mera::service
