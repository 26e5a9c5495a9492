// What a lua block may use of Lua's libraries: a name left out says why it is left out, and
// the functions that could carry work past the bounds are guarded.
#include <cstring>

#include "lua_state.hpp"

namespace mera::engine::lua {
namespace {

struct Refused {
  const char* name;
  const char* reason;
};

constexpr const char* kNoSystem = "a lua block computes from the values it is given, without files, programs or the clock of the machine";
constexpr const char* kNoOtherCode = "a lua block runs only the code written in the model";
constexpr const char* kNoRaw = "a lua block reads, writes and compares tables as t[k], t[k] = v and ==";

const Refused kRefused[] = {
    {"io", kNoSystem},
    {"os", kNoSystem},
    {"require", kNoOtherCode},
    {"package", kNoOtherCode},
    {"load", kNoOtherCode},
    {"loadfile", kNoOtherCode},
    {"dofile", kNoOtherCode},
    {"loadstring", kNoOtherCode},
    {"debug", "it would reach past the sandbox's bounds"},
    {"collectgarbage", "mera collects a lua block's memory itself, within the block's memory limit"},
    {"print", "a lua block gives its results back to the model's expressions; it does not write to mera's output"},
    {"rawget", kNoRaw},
    {"rawset", kNoRaw},
    {"rawequal", kNoRaw},
    {"coroutine", "a lua block runs straight through: the bounds on a call would not follow a coroutine"},
};

const char* reason_refused(const char* name) {
  for (const auto& r : kRefused)
    if (std::strcmp(r.name, name) == 0) return r.reason;
  return nullptr;
}

// __index of the global table: a refused name raises at the line that reaches for it; any
// other missing global is nil, as in plain Lua.
int refuse_global(lua_State* L) {
  const char* name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : nullptr;
  const char* reason = name ? reason_refused(name) : nullptr;
  if (reason) return luaL_error(L, "'%s' is not available in a lua block: %s", name, reason);
  lua_pushnil(L);
  return 1;
}

// __index of the string library: string.dump is the one function of it left out.
int refuse_string_field(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING && std::strcmp(lua_tostring(L, 2), "dump") == 0)
    return luaL_error(L, "'string.dump' is not available in a lua block: %s", kNoOtherCode);
  lua_pushnil(L);
  return 1;
}

// Gives the table on top of the stack a protected metatable whose __index is `index`.
void refuse_missing(lua_State* L, lua_CFunction index, const char* what) {
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, index);
  lua_setfield(L, -2, "__index");
  lua_pushstring(L, what);
  lua_setfield(L, -2, "__metatable");  // what getmetatable gives; setmetatable refuses to change it
  lua_setmetatable(L, -2);
}

// The original library function, kept as upvalue 1 of its guard. The functions of Lua's string
// and table libraries use no upvalues of their own, so the guard calls them in its own frame.
int call_original(lua_State* L) { return lua_tocfunction(L, lua_upvalueindex(1))(L); }

// A finalizer (__gc) runs whenever the collector decides, outside any call and its bounds, even
// in lua_close at exit, and Lua runs no hooks inside it: a looping one hung mera. A metatable
// with __gc is refused when it is set (a __gc added to it later is never run, by Lua's rules).
// __close stays: Lua runs it as an ordinary call, under the bounds.
int guarded_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    bool finalizer = lua_rawget(L, 2) != LUA_TNIL;
    lua_pop(L, 1);
    if (finalizer)
      return luaL_error(L, "setmetatable: a metatable with __gc is refused in a lua block: Lua would run it whenever "
                           "memory is collected, outside the bounds of any call; remove the __gc field");
  }
  return call_original(L);
}

// Library functions whose work in C can be long (a sort, a concatenation, a copy): the clock is
// looked at before each, since the hook only sees Lua instructions. Their work is bounded by the
// data they are given, which the memory limit bounds.
int bounded(lua_State* L) {
  check_bounds(L);
  return call_original(L);
}

// string.rep of an empty text and an empty separator is "" however many times: Lua's loop would
// still count to n in C, without an instruction or an allocation to stop it.
int bounded_rep(lua_State* L) {
  check_bounds(L);
  std::size_t text = 0, separator = 0;
  luaL_checklstring(L, 1, &text);
  luaL_optlstring(L, 3, "", &separator);
  if (luaL_checkinteger(L, 2) > 0 && text + separator == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  return call_original(L);
}

// table.move copies element by element in C, nil or not, however many it is told to.
constexpr lua_Integer kMaxMoved = lua_Integer{1} << 24;

int bounded_move(lua_State* L) {
  check_bounds(L);
  lua_Integer first = luaL_checkinteger(L, 2), last = luaL_checkinteger(L, 3);
  if (last >= first && static_cast<lua_Unsigned>(last) - static_cast<lua_Unsigned>(first) >= static_cast<lua_Unsigned>(kMaxMoved))
    return luaL_error(L, "table.move: a lua block moves at most %I elements at once, not %I; move a smaller range",
                      kMaxMoved, static_cast<lua_Integer>(static_cast<lua_Unsigned>(last) - static_cast<lua_Unsigned>(first) + 1));
  return call_original(L);
}

// Replaces field `name` of the table on top of the stack by `guard`, which keeps the original.
void guard(lua_State* L, const char* name, lua_CFunction with) {
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, with, 1);
  lua_setfield(L, -2, name);
}

}  // namespace

void restrict_library(lua_State* L) {
  lua_pushglobaltable(L);
  for (const auto& r : kRefused) {
    lua_pushnil(L);
    lua_setfield(L, -2, r.name);
  }
  guard(L, "setmetatable", guarded_setmetatable);
  refuse_missing(L, refuse_global, "the global table of a lua block");
  lua_pop(L, 1);

  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");  // no bytecode out of the sandbox
  guard(L, "rep", bounded_rep);
  guard(L, "format", bounded);
  refuse_missing(L, refuse_string_field, "the string library of a lua block");
  lua_pop(L, 1);

  lua_getglobal(L, LUA_TABLIBNAME);
  for (const char* name : {"concat", "insert", "remove", "sort", "unpack"}) guard(L, name, bounded);
  guard(L, "move", bounded_move);
  lua_pop(L, 1);
}

}  // namespace mera::engine::lua
