// The model's Lua functions at run time: values cross both ways, and every hostile or broken
// call ends in an empty value that says why, with the state usable for the next call.
#include <boost/test/unit_test.hpp>

#include "mera/engine/lua_functions.hpp"
#include "test_model.hpp"

using mera::engine::LuaFunctions;
using mera::forms::NoValue;
using mera::forms::Value;

namespace {

const std::string kModel = mera::test::kSkeleton + R"(
lua [[
  function days(opened, closed) return closed - opened end
  function long_case(opened, closed) return closed - opened > 548 end
  function greet(name) return "привет, " .. name end
  function high(b) return b.high end
  function nothing() return nil end
  function table_back() return {} end
  function fails(x) error("broken on " .. tostring(x)) end
  function spins() while true do end end
  function spins_in_pcall() while true do pcall(function() while true do end end) end end
  function grows() local t = {} local i = 0 while true do i = i + 1 t[i] = i end end
  function escape() return os.execute("touch /tmp/mera-pwned") end
  counter = 0
  function count() counter = counter + 1 return counter end
  function finalizer() setmetatable({}, {__gc = function() for i = 1, 1e7 do end end}) return 1 end
  function deep(n) return deep(n + 1) + 1 end
  function search() return string.find(("a"):rep(1000), ".-.-b") end
  function length(s) return #s end
]]
)";

struct Fixture {
  mera::test::Checked checked = mera::test::check_text(kModel);
  const mera::rules::Model& model() const { return *checked.result.model; }
};

std::string why(const Value& v) { return v.is_null() ? v.as<mera::forms::Null>().detail : "(a value)"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(lua_functions)

BOOST_AUTO_TEST_CASE(values_cross_both_ways) {
  Fixture f;
  BOOST_REQUIRE_MESSAGE(f.checked.result.model, f.checked.output);
  LuaFunctions lua(f.model());
  mera::dsl::Date a{2020, 1, 1}, b{2021, 12, 1};  // 700 days: a long case
  BOOST_TEST(lua.call("days", {Value(a), Value(b)}).as<double>() == double(b.days() - a.days()));
  BOOST_TEST(lua.call("long_case", {Value(a), Value(b)}).as<bool>());
  BOOST_TEST(lua.call("greet", {Value(std::string("мир"))}).as<std::string>() == "привет, мир");
  const auto* risk = f.model().enumeration("risk");
  BOOST_TEST(lua.call("high", {Value(mera::forms::Breakdown{risk, {2, 7}})}).as<double>() == 7.0);
  // A category without a value (an indicator's 0/0 in it) is nil in the table.
  mera::forms::Breakdown share{risk, {0.5, 0}};
  share.set_empty(1, {NoValue::zero_division, ""});
  BOOST_TEST(lua.call("high", {Value(share)}).as<mera::forms::Null>().detail == "high() gave nil");
  Value nil = lua.call("nothing", {});
  BOOST_TEST(nil.is_null());
  BOOST_TEST(int(nil.as<mera::forms::Null>().reason) == int(NoValue::empty));
}

BOOST_AUTO_TEST_CASE(failures_are_empty_values_with_their_reason) {
  Fixture f;
  BOOST_REQUIRE(f.checked.result.model);
  LuaFunctions lua(f.model());
  struct Case { const char* name; const char* reason; };
  for (auto [name, reason] : {Case{"fails", "t.mera:23: broken on 5"},
                              Case{"spins", "t.mera:24: the Lua code ran too long: it reached the instruction limit (10000000 instructions)"},
                              Case{"spins_in_pcall", "t.mera:25: the Lua code ran too long: it reached the instruction limit"},
                              Case{"grows", "t.mera:26: the Lua code ran out of memory: it reached the memory limit (64 MiB)"},
                              Case{"escape", "t.mera:27: 'os' is not available in a lua block"}, Case{"table_back", "gave a table"},
                              Case{"finalizer", "t.mera:30: setmetatable: a metatable with __gc is refused"},
                              Case{"deep", "t.mera:31: stack overflow: the Lua code nested more than 1000 calls (too deep recursion)"},
                              Case{"search", "t.mera:32: string.find: this search could take very long"},
                              Case{"undefined", "no Lua function 'undefined'"}}) {
    Value v = lua.call(name, {Value(5.0)});
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(v.is_null());
      if (v.is_null()) BOOST_TEST(int(v.as<mera::forms::Null>().reason) == int(NoValue::lua_error));
      BOOST_TEST(why(v).find(reason) != std::string::npos, why(v));
    }
    // The state survives: the next call works, with a fresh instruction budget.
    BOOST_TEST(lua.call("greet", {Value(std::string("x"))}).as<std::string>() == "привет, x");
  }
}

// An argument that does not fit in the memory left is a Lua error like any other: pushing it
// raises inside the protected call, never where Lua would abort the process.
BOOST_AUTO_TEST_CASE(an_argument_too_big_for_the_memory_limit_is_an_error) {
  Fixture f;
  BOOST_REQUIRE(f.checked.result.model);
  mera::engine::LuaLimits limits;
  limits.memory_bytes = 1u << 20;
  LuaFunctions lua(f.model(), limits);
  Value v = lua.call("length", {Value(std::string(2u << 20, 'x'))});
  BOOST_TEST(why(v).find("the Lua code ran out of memory: it reached the memory limit (1 MiB)") != std::string::npos, why(v));
  BOOST_TEST(lua.call("length", {Value(std::string("abc"))}).as<double>() == 3.0);
}

BOOST_AUTO_TEST_CASE(one_state_per_loaded_model) {
  Fixture f;
  BOOST_REQUIRE(f.checked.result.model);
  LuaFunctions first(f.model()), second(f.model());
  BOOST_TEST(first.call("count", {}).as<double>() == 1.0);
  BOOST_TEST(first.call("count", {}).as<double>() == 2.0);
  BOOST_TEST(second.call("count", {}).as<double>() == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
