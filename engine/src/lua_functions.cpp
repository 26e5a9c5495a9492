#include "mera/engine/lua_functions.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lua_state.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

using forms::NoValue;
using forms::Value;

struct LuaFunctions::State {
  explicit State(LuaLimits limits) : budget(limits) {}
  lua::Budget budget;
  lua::State L;
  std::string broken;  // why the blocks could not be loaded (the checker ran them, so rare)
};

namespace {

void push(lua_State* L, const Value& v) {
  std::visit([L](const auto& x) {
    using T = std::decay_t<decltype(x)>;
    if constexpr (std::is_same_v<T, forms::Null>) lua_pushnil(L);
    else if constexpr (std::is_same_v<T, double>) lua_pushnumber(L, x);
    else if constexpr (std::is_same_v<T, bool>) lua_pushboolean(L, x);
    else if constexpr (std::is_same_v<T, std::string>) lua_pushlstring(L, x.data(), x.size());
    else if constexpr (std::is_same_v<T, dsl::Date>) lua_pushinteger(L, x.days());
    else if constexpr (std::is_same_v<T, forms::Category>) lua_pushstring(L, x.name().c_str());
    else {
      lua_createtable(L, 0, static_cast<int>(x.counts.size()));
      for (std::size_t i = 0; i < x.counts.size(); ++i) {
        if (x.why_empty(i)) continue;  // a category without a value (its 0/0) is nil in Lua
        lua_pushnumber(L, x.counts[i]);
        lua_setfield(L, -2, x.enumeration->values[i].name.c_str());
      }
    }
  }, v.data());
}

Value result(lua_State* L, const std::string& name) {
  switch (lua_type(L, -1)) {
    case LUA_TNIL: return Value::none(NoValue::empty, text::tr("{}() gave nil", name));
    case LUA_TBOOLEAN: return Value(lua_toboolean(L, -1) != 0);
    case LUA_TNUMBER: {
      double d = lua_tonumber(L, -1);
      if (!std::isfinite(d)) return Value::none(NoValue::lua_error, text::tr("{}() gave {}, not a number", name, d));
      return Value(d);
    }
    case LUA_TSTRING: {
      std::size_t size = 0;
      const char* s = lua_tolstring(L, -1, &size);
      return Value(std::string(s, size));
    }
    default:
      return Value::none(NoValue::lua_error, text::tr("{}() gave a {}; a function used in an expression gives a number, a boolean, a text or nil",
                                                         name, luaL_typename(L, -1)));
  }
}

// What call() hands to the protected part of a call: everything that can raise (a missing
// function, an argument too big for the memory left) raises inside lua_pcall, never outside it
// where Lua would abort the process.
struct Call {
  const std::string* name;
  const std::vector<Value>* args;
  bool missing = false;
};

int look_up_and_call(lua_State* L) {
  auto* call = static_cast<Call*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  luaL_checkstack(L, static_cast<int>(call->args->size()) + 2, "too many arguments for Lua");
  if (lua_getglobal(L, call->name->c_str()) != LUA_TFUNCTION) {
    call->missing = true;
    return 0;
  }
  for (const auto& a : *call->args) push(L, a);
  lua_call(L, static_cast<int>(call->args->size()), 1);
  return 1;
}

}  // namespace

LuaFunctions::LuaFunctions(const rules::Model& model, LuaLimits limits) : state_(std::make_unique<State>(limits)) {
  state_->L = lua::open_sandbox(state_->budget);
  if (!state_->L) {
    state_->broken = "cannot start Lua: not enough memory";
    return;
  }
  lua_State* L = state_->L.get();
  for (const auto& chunk : model.lua) {
    lua::start(L, state_->budget);
    std::string chunk_name = chunk.span.known() ? chunk.span.file->name() : "lua";
    int status = lua::run_chunk(L, chunk.code, chunk_name, chunk.first_line);
    if (status != LUA_OK) {
      state_->broken = lua::failure(L, status, state_->budget);
      lua_settop(L, 0);
      return;
    }
  }
}

LuaFunctions::~LuaFunctions() = default;

Value LuaFunctions::call(const std::string& name, const std::vector<Value>& args) const {
  if (!state_->broken.empty()) return Value::none(NoValue::lua_error, state_->broken);
  lua_State* L = state_->L.get();
  lua_settop(L, 0);
  Call request{&name, &args};
  lua::start(L, state_->budget);
  lua_pushcfunction(L, look_up_and_call);
  lua_pushlightuserdata(L, &request);
  int status = lua::protected_call(L, 1, 1);
  Value v = request.missing ? Value::none(NoValue::lua_error, text::tr("no Lua function '{}' (a lua block redefined it?)", name))
            : status == LUA_OK ? result(L, name)
                               : Value::none(NoValue::lua_error, lua::failure(L, status, state_->budget));
  lua_settop(L, 0);
  return v;
}

}  // namespace mera::engine
