// The sandbox the checker runs lua blocks in: whatever the code does, the result is a message
// and the process lives on.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <chrono>
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
    {"os.execute('touch /tmp/mera-pwned')", "m.mera:1: 'os' is not available in a lua block: a lua block computes from the values"},
    {"io.open('/tmp/mera-pwned', 'w')", "m.mera:1: 'io' is not available in a lua block"},
    {"require('os')", "m.mera:1: 'require' is not available in a lua block: a lua block runs only the code written in the model"},
    {"load('return 1')()", "'load' is not available in a lua block"},
    {"dofile('/etc/passwd')", "'dofile' is not available in a lua block"},
    {"string.dump(function() end)", "'string.dump' is not available in a lua block"},
    {"local f = ('x').dump", "'string.dump' is not available in a lua block"},
    {"print('x')", "'print' is not available in a lua block: a lua block gives its results back"},
    {"collectgarbage('stop')", "'collectgarbage' is not available in a lua block: mera collects a lua block's memory itself"},
    {"rawget(_G, 'os')", "'rawget' is not available in a lua block: a lua block reads, writes and compares tables"},
    {"rawset(_G, 'x', 1)", "'rawset' is not available in a lua block"},
    {"coroutine.wrap(function() end)()", "'coroutine' is not available in a lua block: a lua block runs straight through"},
    {"setmetatable(_G, nil)", "cannot change a protected metatable"},
    {"while true do end", "m.mera:1: the Lua code ran too long: it reached the instruction limit (50000000 instructions)"},
    {"while true do pcall(function() while true do end end) end", "instruction limit (50000000 instructions)"},
    {"local t = {}\nlocal i = 0\nwhile true do i = i + 1 t[i] = i end", "m.mera:3: the Lua code ran out of memory: it reached the memory limit (8 MiB)"},
    {"local s = string.rep('x', 2^31)", "too large"},
    {"local s = string.rep('x', 2^28)", "m.mera:1: the Lua code ran out of memory: it reached the memory limit (8 MiB)"},
    {"local s = 'x'\nfor i = 1, 40 do s = s .. s end", "m.mera:2: the Lua code ran out of memory: it reached the memory limit (8 MiB)"},
    {"local t = {} for i = 1, 1e6 do t[i] = ('x'):rep(64) .. i end", "memory limit (8 MiB)"},
    // Each failed allocation at the cap is a full collection: a loop of them inside pcall stops
    // at the first, as the instruction limit does.
    {"local t = {} while pcall(function() t[#t + 1] = ('x'):rep(4096) .. #t end) do end\n"
     "for i = 1, 200 do pcall(function() return {} end) end error('went on after the memory limit')",
     "m.mera:1: the Lua code ran out of memory: it reached the memory limit (8 MiB)"},
    {"local function f(n) return f(n + 1) + 1 end\nf(1)", "m.mera:1: stack overflow: the Lua code nested more than 1000 calls (too deep recursion)"},
    {"local function f() return tostring(setmetatable({}, {__tostring = f})) end f()", "stack overflow: too deep recursion through"},
    {"error(setmetatable({}, {__tostring = function() while true do end end}))", "an error that is a table"},
    // A finalizer would run outside the bounds (here, in lua_close, after the block's success).
    {"setmetatable({}, {__gc = function() for i = 1, 1e7 do end end})", "setmetatable: a metatable with __gc is refused in a lua block"},
    {"setmetatable({}, {__gc = false})", "a metatable with __gc is refused"},
    // Searches that backtrack in C for seconds (for hours with a longer text: tests/process).
    {"string.find(('a'):rep(1000), '.-.-b')", "m.mera:1: string.find: this search could take very long"},
    {"string.match(('a'):rep(20000), '(a*)*b')", "string.match: this search could take very long"},
    {"for w in string.gmatch(('a'):rep(1000), '.-.-b') do end", "string.gmatch: this search could take very long"},
    {"string.gsub(('a'):rep(1000), 'a-a-b', '')", "string.gsub: this search could take very long"},
    {"local s = ('a'):rep(2000000) string.find(s, s:sub(1, 1000000) .. 'b', 1, true)", "string.find: this search could take very long"},
    {"table.move({}, 1, 1e8, 1)", "table.move: a lua block moves at most 16777216 elements at once, not 100000000"},
    {"local t = {} for i = 1, 100 do t[i] = i end table.sort(t, function(a, b) return true end)", "invalid order function for sorting"},
    {"local t = {} for i = 1, 100 do t[i] = i end table.sort(t, function(a, b) while true do end end)", "instruction limit"},
    {"local t <close> = setmetatable({}, {__close = function() while true do end end})", "instruction limit"},
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
  limits.time = std::chrono::seconds(30);  // far enough that the instruction cap comes first on a slow machine
  auto r = LuaSandbox(limits).inspect(h.code, "m.mera", 1);
  BOOST_REQUIRE(r.error);
  // "m.mera:N: text" expects the error at line N; the message itself carries no prefix.
  std::string expected = h.message;
  if (expected.starts_with("m.mera:")) {
    std::size_t colon = expected.find(": ");
    BOOST_TEST(r.error->line == std::stoi(expected.substr(7, colon - 7)), r.error->message);
    expected = expected.substr(colon + 2);
  }
  BOOST_TEST(r.error->message.find(expected) != std::string::npos, r.error->message);
  BOOST_TEST(!std::filesystem::exists("/tmp/mera-pwned"));
}

// Searches within the bound run as Lua runs them: same results, captures and counts.
BOOST_AUTO_TEST_CASE(bounded_searches_answer_as_lua_does) {
  const char* code = R"lua(
    assert(string.find("  hello world", "o w") == 7)
    assert(select(3, string.find("2021-05-17", "(%d+)-(%d+)-(%d+)")) == "2021")
    assert(string.match("  trim me  ", "^%s*(.-)%s*$") == "trim me")
    assert(string.match("f(a(b)c)d", "%b()") == "(a(b)c)")
    assert(string.match("THE (quick) fox", "%f[%a]%a+") == "THE")
    assert(string.match("abcabc", "(abc)%1") == "abc")
    assert(string.match("key = value", "()=()") == 5)
    assert(select(2, string.gsub("a,b,,c", ",", ";")) == 3)
    assert(string.gsub("hello", "l+", function(s) return #s end) == "he2o")
    assert(string.gsub("abc", "%w", "%0%0", 2) == "aabbc")
    local words = {}
    for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
    assert(#words == 3 and words[3] == "three")
    assert(string.find("a.b", ".", 1, true) == 2)
    assert(string.find("abc", "b", -2) == 2)
    assert(string.rep("ab", 3, ",") == "ab,ab,ab")
    assert(string.rep("", 1e15) == "")
    local t = {3, 1, 2} table.sort(t) assert(table.concat(t, " ") == "1 2 3")
    assert(table.move({1, 2, 3}, 1, 3, 2)[3] == 2)
    assert(not pcall(string.find, "x", "[a"))
    local mt = {} setmetatable({}, mt) mt.__gc = function() end
  )lua";
  auto r = LuaSandbox().inspect(code, "m.mera", 1);
  BOOST_TEST(!r.error, (r.error ? r.error->message : ""));
}

// The clock is the bound for work done in C, which no instruction counts: a megabyte upper-cased
// three thousand times takes seconds in a few thousand instructions.
BOOST_AUTO_TEST_CASE(slow_library_calls_stop_at_the_time_limit) {
  mera::engine::LuaLimits limits;
  limits.time = std::chrono::milliseconds(100);
  auto r = LuaSandbox(limits).inspect("local s = ('x'):rep(1000000)\nfor i = 1, 3000 do local u = s:upper() end", "m.mera", 1);
  BOOST_REQUIRE(r.error);
  BOOST_TEST(r.error->line == 2);
  BOOST_TEST(r.error->message == "the Lua code ran too long: it reached the time limit (100 ms); look for a loop that does not end "
                                 "or a pattern search on a long text");
}

BOOST_AUTO_TEST_SUITE_END()
