// The sandboxed Lua state shared by the checker's inspection and the run-time functions: only
// base, string, table, math and utf8, with what could reach outside refused by name (see
// lua_library.cpp); three bounds on every load and every call: instructions (a count hook),
// memory (the allocator) and time (the hook, the allocator and the library's heavy C functions
// look at the clocks), and a bound on the depth of calls.
//
// The time bound counts the processor time of the thread running the code, not the time on the
// wall: a figure must not turn into "Lua error" because the machine was busy with other work
// while it was computed. Code in the sandbox cannot wait for anything (no io, no os), so it
// spends processor time as long as it runs, and the bound ends it. The wall clock is a backstop,
// at kWallTimes the limit, for a thread starved of the processor.
// Private to engine/: the one place, with its .cpp files, that includes Lua's headers.
#pragma once

#include <lua.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "mera/engine/lua_sandbox.hpp"

namespace mera::engine::lua {

using Clock = std::chrono::steady_clock;

constexpr int kWallTimes = 10;  // the wall-clock backstop, in multiples of the time limit

// Whether a load or call that has run `wall` on the wall clock is past `limit`. Processor time
// never runs ahead of the wall clock, so `processor_used()` (a system call, about 1 µs, against
// 45 ns for the wall clock) is asked only once the limit has passed on the wall: the calls that
// end in time, nearly all of them, never read it.
template <class ProcessorUsed>
bool time_is_up(Clock::duration wall, std::chrono::milliseconds limit, ProcessorUsed processor_used) {
  if (wall < limit) return false;
  if (wall >= kWallTimes * limit) return true;
  return processor_used() >= limit;
}

// The bound a load or a call ran into; the first one hit is the one reported.
enum class Bound { none, instructions, memory, time, depth };

// Per-state bookkeeping, reached from the allocator, the hook and the library's wrappers.
struct Budget {
  explicit Budget(const LuaLimits& bounds) : limits(bounds) {}

  LuaLimits limits;
  std::size_t used = 0;          // bytes the state holds now
  long instructions_left = 0;    // of the current load or call
  // When the current load or call started, on the wall clock and on its thread's processor
  // clock (the latter up to a millisecond early: see start()).
  Clock::time_point started{};
  std::chrono::nanoseconds processor_started{};
  Bound hit = Bound::none;
  // The Lua line running when the bound was hit (or last seen by the hook or the allocator),
  // line 0 when none was; a fixed buffer because the allocator fills it and must not allocate.
  char source[LUA_IDSIZE] = "";
  int line = 0;
  lua_State* L = nullptr;  // set once the state exists, so the allocator may look at it
  // The last refused allocation: Lua collects garbage and asks again once; a second refusal
  // of the same request is memory really exhausted.
  const void* refused_block = nullptr;
  std::size_t refused_size = 0;
  int refusals = 0;  // first tries refused in this load or call
};

struct StateDeleter {
  void operator()(lua_State* L) const { lua_close(L); }
};
using State = std::unique_ptr<lua_State, StateDeleter>;

// A fresh restricted state whose allocator and hook answer to `budget` (which must outlive it).
// Null when Lua cannot even start within the memory limit.
State open_sandbox(Budget& budget);

// Starts a load or a call: a full instruction budget, a deadline `budget.limits.time` from now,
// no bound hit yet.
void start(lua_State* L, Budget& budget);

// Loads `code` as text only, named `chunk_name`, with blank lines before it so that Lua counts
// lines as the .mera file does; runs it. On failure, the result is what failure() describes.
int run_chunk(lua_State* L, const std::string& code, const std::string& chunk_name, int first_line);

// lua_pcall of the function below `arguments` values on the stack, with a message handler that
// notes the line of an error; a bound hit is a failure even when the code returned. On failure
// the error object is left on top, as lua_pcall leaves it.
int protected_call(lua_State* L, int arguments, int results);

// Why a load or call that ended with `status` failed, as "file:line: message" when a line is
// known: the bound it hit, named with its limit, or the error on top of the stack (never
// running __tostring: an error object that is not a string is described by its type).
std::string failure(lua_State* L, int status, const Budget& budget);

// For the library's C functions (lua_library.cpp, lua_patterns.cpp).
Budget& budget_of(lua_State* L);
// Whether the current load or call has used up its time (either clock).
bool out_of_time(const Budget& budget);
// Raises the bound already hit, or the time limit when the deadline has passed; else returns.
void check_bounds(lua_State* L);
// Makes `bound` the one hit (unless one already was) and raises it.
[[noreturn]] void raise_bound(lua_State* L, Bound bound);

// Replaces the refused names by a clear refusal and wraps the functions that could escape the
// bounds (lua_library.cpp).
void restrict_library(lua_State* L);
// string.find, match, gmatch and gsub, each refusing a search too long to finish (lua_patterns.cpp).
void bound_patterns(lua_State* L);

}  // namespace mera::engine::lua
