#include "tokens.hpp"

#include <sodium.h>

#include "mera/storage/sha256.hpp"
#include "sodium_init.hpp"

namespace mera::service {
namespace {

constexpr std::size_t kTokenBytes = 32;

}  // namespace

std::string new_token() {
  require_sodium();
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  std::string token = storage::to_hex(bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return token;
}

std::string token_hash(std::string_view token) {
  require_sodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return storage::to_hex(digest, sizeof digest);
}

bool looks_like_token(std::string_view text) {
  if (text.size() != kTokenBytes * 2) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace mera::service
