// SHA-256 (FIPS 180-4), implemented here so that storage needs no crypto library: it names
// model revisions by their content and fingerprints tables in Database::content().
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mera::storage {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest as 64 lowercase hex digits. The object is spent afterwards: start a new one.
  std::string finish();

 private:
  void compress(const unsigned char* block);

  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace mera::storage
