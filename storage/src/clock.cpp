#include "mera/storage/clock.hpp"

#include <array>
#include <chrono>
#include <ctime>

namespace mera::storage {

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);  // the reentrant one: a service may stamp from several threads
  std::array<char, 32> text{};
  std::size_t n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text.data(), n);
}

}  // namespace mera::storage
