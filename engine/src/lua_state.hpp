// The sandboxed Lua state shared by the checker's inspection and the run-time functions: only
// base (without load, dofile, loadfile, require, collectgarbage, print, raw*), string (without
// dump), table, math and utf8; memory capped by the allocator, instructions by a count hook.
// Private to engine/: the one place, with its .cpp files, that includes Lua's headers.
#pragma once

#include <lua.hpp>

#include <memory>
#include <string>

namespace mera::engine::lua {

// Per-state bookkeeping, reached from the allocator and the hook.
struct Budget {
  std::size_t used = 0;
  std::size_t memory_limit = 0;
  long instructions_left = 0;
};

struct StateDeleter {
  void operator()(lua_State* L) const { lua_close(L); }
};
using State = std::unique_ptr<lua_State, StateDeleter>;

// A fresh restricted state whose allocator and hook answer to `budget` (which must outlive it).
// Null when Lua cannot even start within the memory limit.
State open_sandbox(Budget& budget);

// Gives the state `instructions` more to run before the hook stops it (once spent, the hook
// fires on every instruction until this is called again).
void refill(lua_State* L, Budget& budget, long instructions);

// Loads `code` as text only, named `chunk_name`, with blank lines before it so that Lua counts
// lines as the .mera file does; runs it. On failure, the error object is on the stack.
bool run_chunk(lua_State* L, const std::string& code, const std::string& chunk_name, int first_line);

// The error on top of the stack as text, never running __tostring: an error object that is not
// a string is described by its type.
std::string error_text(lua_State* L);

}  // namespace mera::engine::lua
