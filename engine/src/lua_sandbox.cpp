#include "mera/engine/lua_sandbox.hpp"

#include <lua.hpp>

#include <cstdlib>
#include <memory>
#include <set>
#include <string>

namespace mera::engine {
namespace {

// Per-state bookkeeping, reached from the allocator and the hook.
struct Budget {
  std::size_t used = 0;
  std::size_t memory_limit = 0;
  long instructions_left = 0;
};

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

struct StateDeleter {
  void operator()(lua_State* L) const { lua_close(L); }
};
using State = std::unique_ptr<lua_State, StateDeleter>;

void remove_global(lua_State* L, const char* name) {
  lua_pushnil(L);
  lua_setglobal(L, name);
}

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

std::set<std::string> global_names(lua_State* L) {
  std::set<std::string> names;
  lua_pushglobaltable(L);
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_type(L, -2) == LUA_TSTRING) names.insert(lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return names;
}

// "tomsk.mera:12: unexpected symbol" -> line 12, "unexpected symbol". Never runs __tostring:
// an error object that is not a string is described by its type.
rules::LuaInspection::Error error_of(lua_State* L, const std::string& chunk_name) {
  rules::LuaInspection::Error e;
  if (lua_type(L, -1) != LUA_TSTRING) {
    e.message = std::string("the Lua code raised an error that is a ") + luaL_typename(L, -1) + ", not a message";
    return e;
  }
  std::string text = lua_tostring(L, -1);
  std::string prefix = chunk_name + ":";
  if (text.rfind(prefix, 0) == 0) {
    std::size_t colon = text.find(':', prefix.size());
    if (colon != std::string::npos) {
      e.line = std::atoi(text.substr(prefix.size(), colon - prefix.size()).c_str());
      text = text.substr(colon + 1);
      if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    }
  }
  e.message = text;
  return e;
}

}  // namespace

rules::LuaInspection LuaSandbox::inspect(const std::string& code, const std::string& chunk_name, int first_line) const {
  rules::LuaInspection result;
  Budget budget{0, limits_.memory_bytes, limits_.instructions};
  State L = open_sandbox(budget);
  if (!L) {
    result.error = rules::LuaInspection::Error{0, "cannot start Lua: not enough memory"};
    return result;
  }
  std::set<std::string> before = global_names(L.get());
  // Blank lines before the code make Lua count lines as the .mera file does.
  std::string text(static_cast<std::size_t>(first_line > 1 ? first_line - 1 : 0), '\n');
  text += code;
  std::string name = "=" + chunk_name;
  if (luaL_loadbufferx(L.get(), text.data(), text.size(), name.c_str(), "t") != LUA_OK ||
      lua_pcall(L.get(), 0, 0, 0) != LUA_OK) {
    result.error = error_of(L.get(), chunk_name);
    return result;
  }
  for (const auto& n : global_names(L.get())) {
    if (before.count(n)) continue;
    lua_getglobal(L.get(), n.c_str());
    if (lua_type(L.get(), -1) == LUA_TFUNCTION) {
      lua_Debug ar;
      lua_getinfo(L.get(), ">u", &ar);  // pops the function
      result.functions.push_back({n, ar.nparams, ar.isvararg != 0, {}});
    } else {
      lua_pop(L.get(), 1);
    }
  }
  return result;
}

}  // namespace mera::engine
