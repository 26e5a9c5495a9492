// Lua custom logic, sandboxed. The only place that includes Lua's headers is the .cpp.
// Each use gets a fresh state with only base, string, table, math and utf8, and without what
// could reach outside or escape the bounds (docs/language.md lists it); every load and every
// call is bounded in instructions, memory, time (processor time, the wall clock as a backstop) and depth of calls, and a bound once
// hit cannot be caught by the Lua code (pcall) that hit it.
#pragma once

#include <chrono>
#include <cstddef>

#include "mera/rules/lua_host.hpp"

namespace mera::engine {

struct LuaLimits {
  std::size_t memory_bytes = 64u << 20;   // per state: a block at check time, a model at run time
  long instructions = 10'000'000;          // per load of a block, per call into Lua
  std::chrono::milliseconds time{1000};    // per load of a block, per call into Lua: processor time
  int depth = 1000;                        // nested Lua calls
};

class LuaSandbox : public rules::LuaHost {
 public:
  explicit LuaSandbox(LuaLimits limits = {}) : limits_(limits) {}
  rules::LuaInspection inspect(const std::string& code, const std::string& chunk_name, int first_line) const override;

 private:
  LuaLimits limits_;
};

}  // namespace mera::engine
