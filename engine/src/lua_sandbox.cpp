#include "mera/engine/lua_sandbox.hpp"

#include <cstdlib>
#include <set>
#include <string>

#include "lua_state.hpp"

namespace mera::engine {
namespace {

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

// "tomsk.mera:12: unexpected symbol" -> line 12, "unexpected symbol".
rules::LuaInspection::Error error_of(std::string text, const std::string& chunk_name) {
  rules::LuaInspection::Error e;
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
  lua::Budget budget(limits_);
  lua::State L = lua::open_sandbox(budget);
  if (!L) {
    result.error = rules::LuaInspection::Error{0, "cannot start Lua: not enough memory"};
    return result;
  }
  std::set<std::string> before = global_names(L.get());
  lua::start(L.get(), budget);
  int status = lua::run_chunk(L.get(), code, chunk_name, first_line);
  if (status != LUA_OK) {
    result.error = error_of(lua::failure(L.get(), status, budget), chunk_name);
    return result;
  }
  for (const auto& n : global_names(L.get())) {
    if (before.count(n)) continue;
    lua_getglobal(L.get(), n.c_str());  // set, so no __index runs
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
