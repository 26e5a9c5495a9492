# Lua that used to hang mera, run in child processes under a deadline (tests/process/lua_bounds_test.cpp).
add_executable(lua_bounds_tests process/lua_bounds_test.cpp)
target_compile_definitions(lua_bounds_tests PRIVATE BOOST_TEST_DYN_LINK MERA_SOURCE_DIR="${PROJECT_SOURCE_DIR}" MERA_BINARY="$<TARGET_FILE:mera>")
target_link_libraries(lua_bounds_tests PRIVATE Boost::unit_test_framework mera_warnings)
add_dependencies(lua_bounds_tests mera)
add_test(NAME process.lua_bounds COMMAND lua_bounds_tests)
