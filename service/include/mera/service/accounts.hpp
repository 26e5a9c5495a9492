// Accounts of the service, as the administrator manages them (`mera users ...`) and as a login
// checks them: passwords hashed with Argon2id (libsodium), never kept or logged in clear.
#pragma once

#include <string>
#include <string_view>

#include "mera/service/roles.hpp"
#include "mera/storage/database.hpp"

namespace mera::service {

// Shorter passwords are refused: with the lock-out after failed logins, 10 characters are out of
// reach of guessing over the network.
inline constexpr std::size_t kMinPasswordLength = 10;

// Argon2id with libsodium's interactive limits (64 MiB, about 0.1 s): the salt and parameters
// are in the returned string. Throws std::runtime_error when memory is short.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// Why a login or password is not acceptable ("" when it is): said so that the person knows what
// to type instead.
std::string login_problem(std::string_view login);
std::string password_problem(std::string_view password);

// The administrator's operations; each one transaction, audited as `who` (the CLI's user).
// Throw std::invalid_argument for what the person typed wrong, storage::Error for the rest.
void add_account(storage::Database& db, const std::string& login, const std::string& unit, Role role, std::string_view password,
                 const std::string& who);
void set_password(storage::Database& db, const std::string& login, std::string_view password, const std::string& who);
// Disables the account and ends every session of it at once. Returns the sessions ended.
int disable_account(storage::Database& db, const std::string& login, const std::string& who);

}  // namespace mera::service
