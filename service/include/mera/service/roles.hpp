// The roles of the service's accounts (DESIGN.md, "The service") and who is asking: the account
// behind a request, as its session tells it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace mera::service {

enum class Role { submitter, reviewer, viewer, methodologist, approver, admin };

inline constexpr std::array<Role, 6> kRoles = {Role::submitter, Role::reviewer,  Role::viewer,
                                               Role::methodologist, Role::approver, Role::admin};

const char* role_name(Role role);  // as stored and typed: "submitter"
std::optional<Role> role_from(std::string_view word);
std::string role_list();  // "submitter, reviewer, viewer, methodologist, approver, admin"

// The account a request acts for.
struct Caller {
  std::string login;
  std::string unit;
  Role role = Role::viewer;
};

}  // namespace mera::service
