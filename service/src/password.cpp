// Password hashing: Argon2id through libsodium's crypto_pwhash_str, whose string carries the
// algorithm, its parameters and the salt, so a later raise of the limits keeps old hashes valid.
#include <sodium.h>

#include <stdexcept>

#include "mera/service/accounts.hpp"
#include "sodium_init.hpp"

namespace mera::service {

void require_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start (no source of randomness?)");
}

std::string hash_password(std::string_view password) {
  require_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("not enough memory to hash a password (Argon2id needs 64 MiB)");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  require_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace mera::service
