# Untrusted text shown escaped (issue 13, item 8). Included from tests/CMakeLists.txt.
add_test(NAME cli.escapes
         COMMAND ${CMAKE_COMMAND} -DMERA=${MERA} -DSOURCE=${PROJECT_SOURCE_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/escapes
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/escapes_scenario.cmake)
