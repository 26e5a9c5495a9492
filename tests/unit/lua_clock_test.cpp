// The Lua time bound counts processor time, with the wall clock as a backstop
// (engine/src/lua_state.hpp): a busy machine must not turn a figure into an error.
#include <boost/test/unit_test.hpp>

#include "lua_state.hpp"

namespace {

using namespace std::chrono_literals;
using mera::engine::lua::kWallTimes;
using mera::engine::lua::time_is_up;

// A processor clock that counts how often it is read.
struct Processor {
  std::chrono::nanoseconds used;
  int* reads;
  std::chrono::nanoseconds operator()() const {
    ++*reads;
    return used;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lua_clock)

BOOST_AUTO_TEST_CASE(within_the_limit_on_the_wall_the_processor_clock_is_not_read) {
  int reads = 0;
  BOOST_TEST(!time_is_up(999ms, 1000ms, Processor{999ms, &reads}));
  BOOST_TEST(reads == 0);
}

// Three seconds on the wall, of which the code had the processor for half a second: the rest of
// the time the machine was busy with other work, and the code goes on.
BOOST_AUTO_TEST_CASE(a_busy_machine_does_not_use_up_the_limit) {
  int reads = 0;
  BOOST_TEST(!time_is_up(3s, 1000ms, Processor{500ms, &reads}));
  BOOST_TEST(reads == 1);
}

BOOST_AUTO_TEST_CASE(the_code_s_own_processor_time_uses_it_up) {
  int reads = 0;
  BOOST_TEST(time_is_up(1200ms, 1000ms, Processor{1000ms, &reads}));
  BOOST_TEST(time_is_up(3s, 1000ms, Processor{1001ms, &reads}));
}

// A thread starved of the processor still ends, at kWallTimes the limit on the wall.
BOOST_AUTO_TEST_CASE(the_wall_clock_is_a_backstop) {
  int reads = 0;
  BOOST_TEST(!time_is_up(kWallTimes * 1000ms - 1ms, 1000ms, Processor{1ms, &reads}));
  BOOST_TEST(time_is_up(kWallTimes * 1000ms, 1000ms, Processor{1ms, &reads}));
}

BOOST_AUTO_TEST_SUITE_END()
