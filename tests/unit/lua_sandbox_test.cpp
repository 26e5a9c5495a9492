// The sandbox the checker runs lua blocks in: whatever the code does, the result is a message
// and the process lives on.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <filesystem>

#include "mera/engine/lua_sandbox.hpp"

namespace bdata = boost::unit_test::data;
using mera::engine::LuaSandbox;

namespace {
struct Hostile {
  const char* code;
  const char* message;  // part of the expected error
};
std::ostream& operator<<(std::ostream& os, const Hostile& h) { return os << h.code; }

const Hostile kHostile[] = {
    {"os.execute('touch /tmp/mera-pwned')", "attempt to index a nil value (global 'os')"},
    {"io.open('/tmp/mera-pwned', 'w')", "attempt to index a nil value (global 'io')"},
    {"require('os')", "attempt to call a nil value (global 'require')"},
    {"load('return 1')()", "attempt to call a nil value (global 'load')"},
    {"dofile('/etc/passwd')", "attempt to call a nil value (global 'dofile')"},
    {"string.dump(print)", "attempt to call a nil value (field 'dump')"},
    {"while true do end", "instruction limit"},
    {"while true do pcall(function() while true do end end) end", "instruction limit"},
    {"local t = {} local i = 0 while true do i = i + 1 t[i] = i end", "not enough memory"},
    {"local s = string.rep('x', 2^31)", "too large"},
    {"local s = 'x' for i = 1, 40 do s = s .. s end", "not enough memory"},
    {"local function f(n) return f(n + 1) + 1 end f(1)", "not enough memory"},  // the stack lives in the capped heap
    {"error(setmetatable({}, {__tostring = function() while true do end end}))", "an error that is a table"},
};
}  // namespace

BOOST_AUTO_TEST_SUITE(lua_sandbox)

BOOST_AUTO_TEST_CASE(finds_functions_and_their_arity) {
  auto r = LuaSandbox().inspect("function a(x, y) return x end\nfunction b(...) end\nlocal function hidden() end\nc = 3", "m.mera", 1);
  BOOST_REQUIRE(!r.error);
  BOOST_REQUIRE(r.functions.size() == 2u);
  BOOST_TEST(r.functions[0].name == "a");
  BOOST_TEST(r.functions[0].params == 2);
  BOOST_TEST(r.functions[1].variadic);
}

// The code starts on line 10 of the .mera file: Lua's error names that file's line.
BOOST_AUTO_TEST_CASE(errors_point_at_mera_lines) {
  auto r = LuaSandbox().inspect("\nfunction f() return 1 +\nend", "m.mera", 10);
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->line == 12);
  BOOST_TEST(r.error->message.find("unexpected symbol near 'end'") != std::string::npos, r.error->message);
}

BOOST_DATA_TEST_CASE(hostile_code_ends_in_a_message, bdata::make(kHostile), h) {
  mera::engine::LuaLimits limits;
  limits.memory_bytes = 8u << 20;       // small enough that growth hits it before the
  limits.instructions = 50'000'000;     // instruction cap, which stops the endless loops
  auto r = LuaSandbox(limits).inspect(h.code, "m.mera", 1);
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->message.find(h.message) != std::string::npos, r.error->message);
  BOOST_TEST(!std::filesystem::exists("/tmp/mera-pwned"));
}

BOOST_AUTO_TEST_SUITE_END()
