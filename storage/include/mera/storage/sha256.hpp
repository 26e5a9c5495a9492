// SHA-256, by libsodium: it names model revisions by their content and fingerprints tables in
// Database::content().
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace mera::storage {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void update(std::string_view bytes);
  // The digest as 64 lowercase hex digits. The object is spent afterwards: start a new one.
  std::string finish();

 private:
  struct State;  // libsodium's crypto_hash_sha256_state: sodium.h stays out of the headers
  std::unique_ptr<State> state_;
};

std::string sha256_hex(std::string_view bytes);

// Bytes as lowercase hex digits, two per byte: how digests and tokens are written.
std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace mera::storage
