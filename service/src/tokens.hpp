// Session tokens: 32 random bytes from the operating system, given to the client as 64 hex
// digits; the database keeps only their BLAKE2b-256 hash (crypto_generichash), so neither a copy
// of the file nor its audit log lets anybody in.
#pragma once

#include <string>
#include <string_view>

namespace mera::service {

std::string new_token();                         // 64 lowercase hex digits
std::string token_hash(std::string_view token);  // 64 lowercase hex digits
bool looks_like_token(std::string_view text);    // 64 hex digits: anything else is refused unread

}  // namespace mera::service
