// libsodium must be initialised once before any use; sodium_init is itself safe to call from
// several threads and again.
#pragma once

namespace mera::service {

void require_sodium();  // throws std::runtime_error when libsodium cannot start (no entropy source)

}  // namespace mera::service
