// The functions of a model's `lua` blocks, callable from expressions at run time (a form's
// check, an indicator). One fresh sandbox per loaded model, holding every block; each call gets
// a fresh instruction budget, and any failure is an empty value that says why — never a crash.
#pragma once

#include <memory>

#include "mera/engine/lua_sandbox.hpp"
#include "mera/forms/eval.hpp"
#include "mera/rules/model.hpp"

namespace mera::engine {

// Values cross into Lua as nil (empty), numbers, booleans, strings, a date as its day number
// (days since 1970-01-01, so `closed - opened` is a number of days), a category as its name and
// a breakdown as a table of category -> count. A function may return nil, a number, a boolean
// or a string.
class LuaFunctions : public forms::FunctionHost {
 public:
  explicit LuaFunctions(const rules::Model& model, LuaLimits limits = {});
  ~LuaFunctions() override;
  LuaFunctions(const LuaFunctions&) = delete;
  LuaFunctions& operator=(const LuaFunctions&) = delete;

  forms::Value call(const std::string& name, const std::vector<forms::Value>& args) const override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mera::engine
