// The time stamps storage writes (created_at, submitted_at, audit): UTC, ISO 8601, to the
// second, so that they sort as text and read the same in every time zone.
#pragma once

#include <string>

namespace mera::storage {

std::string now_utc();  // "2026-11-22T10:15:03Z"

}  // namespace mera::storage
