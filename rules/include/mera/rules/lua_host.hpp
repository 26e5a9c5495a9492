// What the checker needs from Lua, without including Lua: rules/ asks a LuaHost (implemented
// under engine/lua, the one place Lua's headers live) whether a chunk compiles and runs, and
// which functions it defines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mera/forms/typecheck.hpp"

namespace mera::rules {

struct LuaInspection {
  struct Error {
    int line = 0;         // the .mera line Lua reported, 0 when it named none
    std::string message;  // Lua's message without its "chunk:line:" prefix
  };
  std::optional<Error> error;
  std::vector<forms::Function> functions;  // spans are filled in by the checker
};

class LuaHost {
 public:
  virtual ~LuaHost() = default;
  // Loads and runs `code` in a fresh sandbox; `first_line` is the .mera line where it starts.
  virtual LuaInspection inspect(const std::string& code, const std::string& chunk_name, int first_line) const = 0;
};

}  // namespace mera::rules
