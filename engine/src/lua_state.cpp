#include "lua_state.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string_view>

namespace mera::engine::lua {
namespace {

constexpr int kHookEvery = 1000;  // instructions between two looks at the bounds
constexpr int kMaxRefusals = 16;   // allocations refused in one load or call before memory counts as exhausted

void count_hook(lua_State* L, lua_Debug*);

// Once a bound is hit, the hook fires on every instruction and raises each time: a pcall may
// catch one error, but the very next instruction after it raises again, level by level, until
// nothing is left to catch it. lua_sethook is safe to call from the allocator (Lua's own
// interpreter calls it from a signal handler).
void arm(lua_State* L) { lua_sethook(L, count_hook, LUA_MASKCOUNT, 1); }

// The innermost Lua line running, into budget.source and budget.line. Reads the call stack
// only (lua_getinfo "Sl" allocates nothing), so the allocator may call it for a fresh block,
// when the state is consistent.
void note_where(lua_State* L, Budget& budget) {
  lua_Debug ar;
  for (int level = 0; level < 8 && lua_getstack(L, level, &ar); ++level) {
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
      std::memcpy(budget.source, ar.short_src, sizeof budget.source);
      budget.line = ar.currentline;
      return;
    }
  }
}

// "file.mera:12: " before a message, when a line is known.
std::string where(const Budget& budget) {
  return budget.line > 0 ? fmt::format("{}:{}: ", budget.source, budget.line) : std::string();
}

void hit(lua_State* L, Budget& budget, Bound bound) {
  if (budget.hit != Bound::none) return;
  budget.hit = bound;
  arm(L);
}

// Refuses to grow past the memory limit; Lua turns the refusal into a "not enough memory" error
// after one full collection and a second try. Memory is exhausted when the second try is
// refused too, or when the code keeps coming back to the limit: each refusal costs a full
// collection, and a loop of them (inside pcall) would spend minutes in the collector.
void refuse(Budget& budget, const void* block, std::size_t size) {
  if (budget.L == nullptr) return;  // Lua is still creating the state: it fails on its own
  if (block == nullptr) note_where(budget.L, budget);
  bool second_try = budget.refused_block == block && budget.refused_size == size;
  budget.refused_block = block;
  budget.refused_size = size;
  if (!second_try) ++budget.refusals;
  if (second_try || budget.refusals > kMaxRefusals) hit(budget.L, budget, Bound::memory);
  else if (out_of_time(budget)) hit(budget.L, budget, Bound::time);
}

void* allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) {
  auto* budget = static_cast<Budget*>(ud);
  if (block == nullptr) old_size = 0;  // then Lua passes the kind of object, not a size
  if (new_size == 0) {
    std::free(block);
    budget->used -= old_size;
    return nullptr;
  }
  if (new_size > old_size && budget->used + (new_size - old_size) > budget->limits.memory_bytes) {
    refuse(*budget, block, new_size);
    return nullptr;
  }
  void* grown = std::realloc(block, new_size);
  if (grown) budget->used = budget->used - old_size + new_size;
  return grown;
}

// Every kHookEvery instructions: the instruction budget, the clock and the depth of calls
// (lua_getstack walks at most `depth` frames, and only that deep when the code is).
Bound over_bound(lua_State* L, Budget& budget) {
  budget.instructions_left -= kHookEvery;
  if (budget.instructions_left < 0) return Bound::instructions;
  if (out_of_time(budget)) return Bound::time;
  lua_Debug probe;
  if (lua_getstack(L, budget.limits.depth, &probe)) return Bound::depth;
  return Bound::none;
}

void count_hook(lua_State* L, lua_Debug*) {
  Budget& budget = budget_of(L);
  if (budget.hit == Bound::none) {
    Bound bound = over_bound(L, budget);
    note_where(L, budget);  // level 0 inside a hook is the Lua function that was running
    if (bound == Bound::none) return;
    hit(L, budget, bound);
  }
  raise_bound(L, budget.hit);
}

// The message handler of every load and call: it runs where the error was raised, with the call
// stack still there, and notes that line for errors that carry none (a C function's "not
// enough memory", "C stack overflow"). Errors caught by a pcall in the code never reach it.
int note_error_line(lua_State* L) {
  Budget& budget = budget_of(L);
  if (budget.hit == Bound::none) note_where(L, budget);
  return 1;
}

int open_libraries(lua_State* L) {
  const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
                           {LUA_MATHLIBNAME, luaopen_math}, {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const auto& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  restrict_library(L);
  bound_patterns(L);
  return 0;
}

std::string size_text(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

std::string time_text(std::chrono::milliseconds time) {
  if (time.count() >= 1000 && time.count() % 1000 == 0) return fmt::format("{} s", time.count() / 1000);
  return fmt::format("{} ms", time.count());
}

// Each bound named with its limit, and where to look.
std::string describe(Bound bound, const LuaLimits& limits) {
  switch (bound) {
    case Bound::instructions:
      return fmt::format("the Lua code ran too long: it reached the instruction limit ({} instructions); "
                         "look for a loop that does not end", limits.instructions);
    case Bound::time:
      return fmt::format("the Lua code ran too long: it reached the time limit ({}); look for a loop that "
                         "does not end or a pattern search on a long text", time_text(limits.time));
    case Bound::memory:
      return fmt::format("the Lua code ran out of memory: it reached the memory limit ({}); look for a table "
                         "or a text that keeps growing", size_text(limits.memory_bytes));
    case Bound::depth:
      return fmt::format("stack overflow: the Lua code nested more than {} calls (too deep recursion); "
                         "look for a function that calls itself without end", limits.depth);
    case Bound::none: break;
  }
  return {};
}

// The processor time this thread has used (CLOCK_THREAD_CPUTIME_ID: user and system time).
std::chrono::nanoseconds thread_time() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

}  // namespace

bool out_of_time(const Budget& budget) {
  return time_is_up(Clock::now() - budget.started, budget.limits.time, [&] { return thread_time() - budget.processor_started; });
}

Budget& budget_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return *static_cast<Budget*>(ud);
}

void raise_bound(lua_State* L, Bound bound) {
  Budget& budget = budget_of(L);
  if (budget.hit == Bound::none) {
    note_where(L, budget);
    hit(L, budget, bound);
  }
  // The error object allocates nothing (memory may be what ran out); failure() says the rest.
  lua_pushlightuserdata(L, &budget);
  lua_error(L);
  std::abort();  // lua_error does not return
}

void check_bounds(lua_State* L) {
  Budget& budget = budget_of(L);
  if (budget.hit == Bound::none && out_of_time(budget)) raise_bound(L, Bound::time);
  if (budget.hit != Bound::none) raise_bound(L, budget.hit);
}

State open_sandbox(Budget& budget) {
  State L(lua_newstate(allocate, &budget));
  if (!L) return L;
  budget.L = L.get();
  start(L.get(), budget);  // opening the libraries runs under the bounds too
  lua_pushcfunction(L.get(), open_libraries);
  if (lua_pcall(L.get(), 0, 0, 0) != LUA_OK) {
    budget.L = nullptr;
    L.reset();
  }
  return L;
}

void start(lua_State* L, Budget& budget) {
  budget.instructions_left = budget.limits.instructions;
  // A call into Lua costs about 90 ns; reading the processor clock for each would make it 1.3 µs.
  // The reading is shared by the calls of one millisecond on this thread: a start up to 1 ms
  // early, which only ever counts the code as having used a little more than it did.
  thread_local Clock::time_point read_at{};
  thread_local std::chrono::nanoseconds read{};
  budget.started = Clock::now();
  if (budget.started - read_at > std::chrono::milliseconds(1)) {
    read_at = budget.started;
    read = thread_time();
  }
  budget.processor_started = read;
  budget.hit = Bound::none;
  budget.line = 0;
  budget.refused_block = nullptr;
  budget.refused_size = 0;
  budget.refusals = 0;
  lua_sethook(L, count_hook, LUA_MASKCOUNT, kHookEvery);
}

int run_chunk(lua_State* L, const std::string& code, const std::string& chunk_name, int first_line) {
  std::string text(static_cast<std::size_t>(first_line > 1 ? first_line - 1 : 0), '\n');
  text += code;
  std::string name = "=" + chunk_name;
  int status = luaL_loadbufferx(L, text.data(), text.size(), name.c_str(), "t");
  if (status == LUA_OK) status = protected_call(L, 0, 0);
  return status;
}

int protected_call(lua_State* L, int arguments, int results) {
  int function = lua_gettop(L) - arguments;
  lua_pushcfunction(L, note_error_line);
  lua_insert(L, function);
  int status = lua_pcall(L, arguments, results, function);
  lua_remove(L, function);
  if (status == LUA_OK && budget_of(L).hit != Bound::none) {  // hit on its very last step
    lua_settop(L, function - 1);
    lua_pushnil(L);
    status = LUA_ERRRUN;
  }
  return status;
}

std::string failure(lua_State* L, int status, const Budget& budget) {
  if (budget.hit != Bound::none) return where(budget) + describe(budget.hit, budget.limits);
  if (lua_type(L, -1) != LUA_TSTRING) {
    if (status == LUA_ERRMEM) return where(budget) + describe(Bound::memory, budget.limits);
    return std::string("the Lua code raised an error that is a ") + luaL_typename(L, -1) + ", not a message";
  }
  std::string text = lua_tostring(L, -1);
  // A memory error (its message has no line), or the one luaL_Buffer raises when it cannot grow.
  if (status == LUA_ERRMEM || text == "not enough memory") return where(budget) + describe(Bound::memory, budget.limits);
  // Lua's own "stack overflow" and "C stack overflow" (recursion through pcall or metamethods),
  // after their "file:line: ".
  constexpr std::string_view kOverflow = "stack overflow";
  std::string_view view = text;
  if (view.size() >= kOverflow.size() && view.substr(view.size() - kOverflow.size()) == kOverflow) {
    view.remove_suffix(kOverflow.size());
    if (view.size() >= 2 && view.substr(view.size() - 2) == "C ") view.remove_suffix(2);
    return (view.empty() ? where(budget) : std::string(view)) + "stack overflow: too deep recursion through library functions or metamethods (Lua allows "
           "200 levels of them); look for a function that calls itself without end";
  }
  return text;
}

}  // namespace mera::engine::lua
