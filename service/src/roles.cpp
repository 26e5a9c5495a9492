#include "mera/service/roles.hpp"

namespace mera::service {

const char* role_name(Role role) {
  switch (role) {
    case Role::submitter: return "submitter";
    case Role::reviewer: return "reviewer";
    case Role::viewer: return "viewer";
    case Role::methodologist: return "methodologist";
    case Role::approver: return "approver";
    case Role::admin: return "admin";
  }
  return "";
}

std::optional<Role> role_from(std::string_view word) {
  for (Role r : kRoles)
    if (word == role_name(r)) return r;
  return std::nullopt;
}

std::string role_list() {
  std::string out;
  for (Role r : kRoles) out += (out.empty() ? "" : ", ") + std::string(role_name(r));
  return out;
}

}  // namespace mera::service
