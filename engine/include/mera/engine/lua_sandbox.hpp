// Lua custom logic, sandboxed. The only place that includes Lua's headers is the .cpp.
// Each use gets a fresh state with only base (without load, dofile, loadfile, require,
// collectgarbage, print), string (without dump), table, math and utf8; a memory cap through
// the allocator; an instruction cap through a count hook that keeps firing inside pcall.
#pragma once

#include <cstddef>

#include "mera/rules/lua_host.hpp"

namespace mera::engine {

struct LuaLimits {
  std::size_t memory_bytes = 64u << 20;   // per state
  long instructions = 10'000'000;          // per call into Lua
};

class LuaSandbox : public rules::LuaHost {
 public:
  explicit LuaSandbox(LuaLimits limits = {}) : limits_(limits) {}
  rules::LuaInspection inspect(const std::string& code, const std::string& chunk_name, int first_line) const override;

 private:
  LuaLimits limits_;
};

}  // namespace mera::engine
