#include "lua_state.hpp"

#include <cstdlib>

namespace mera::engine::lua {
namespace {

constexpr int kHookEvery = 1000;  // instructions between two checks of the budget

// Refuses to grow past the memory limit; Lua turns the refusal into a "not enough memory" error.
void* allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) {
  auto* budget = static_cast<Budget*>(ud);
  if (block == nullptr) old_size = 0;
  if (new_size == 0) {
    std::free(block);
    budget->used -= old_size;
    return nullptr;
  }
  if (new_size > old_size && budget->used + (new_size - old_size) > budget->memory_limit) return nullptr;
  void* grown = std::realloc(block, new_size);
  if (grown) budget->used = budget->used - old_size + new_size;
  return grown;
}

// Once the budget is spent, the hook fires on every instruction and raises each time: a pcall
// may catch one error, but the very next instruction after it raises again, level by level,
// until nothing is left to catch it.
void count_hook(lua_State* L, lua_Debug*) {
  Budget* budget = nullptr;
  lua_getallocf(L, reinterpret_cast<void**>(&budget));
  if (budget->instructions_left >= 0) budget->instructions_left -= kHookEvery;
  if (budget->instructions_left < 0) {
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    // Level 0 inside a hook is the function that was running, so the message names its line;
    // luaL_error's level 1 would be its caller, nobody for a chunk's top level.
    luaL_where(L, 0);
    lua_pushstring(L, "the Lua code ran too long (instruction limit reached)");
    lua_concat(L, 2);
    lua_error(L);
  }
}

void remove_global(lua_State* L, const char* name) {
  lua_pushnil(L);
  lua_setglobal(L, name);
}

}  // namespace

State open_sandbox(Budget& budget) {
  State L(lua_newstate(allocate, &budget));
  if (!L) return L;
  const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
                           {LUA_MATHLIBNAME, luaopen_math}, {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const auto& lib : libs) {
    luaL_requiref(L.get(), lib.name, lib.func, 1);
    lua_pop(L.get(), 1);
  }
  for (const char* name : {"dofile", "loadfile", "load", "require", "collectgarbage", "print", "rawset", "rawget", "rawequal"})
    remove_global(L.get(), name);
  lua_getglobal(L.get(), "string");
  lua_pushnil(L.get());
  lua_setfield(L.get(), -2, "dump");  // no bytecode out of the sandbox
  lua_pop(L.get(), 1);
  lua_sethook(L.get(), count_hook, LUA_MASKCOUNT, kHookEvery);
  return L;
}

void refill(lua_State* L, Budget& budget, long instructions) {
  budget.instructions_left = instructions;
  lua_sethook(L, count_hook, LUA_MASKCOUNT, kHookEvery);
}

bool run_chunk(lua_State* L, const std::string& code, const std::string& chunk_name, int first_line) {
  std::string text(static_cast<std::size_t>(first_line > 1 ? first_line - 1 : 0), '\n');
  text += code;
  std::string name = "=" + chunk_name;
  return luaL_loadbufferx(L, text.data(), text.size(), name.c_str(), "t") == LUA_OK && lua_pcall(L, 0, 0, 0) == LUA_OK;
}

std::string error_text(lua_State* L) {
  if (lua_type(L, -1) != LUA_TSTRING) return std::string("the Lua code raised an error that is a ") + luaL_typename(L, -1) + ", not a message";
  return lua_tostring(L, -1);
}

}  // namespace mera::engine::lua
