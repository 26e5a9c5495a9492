# The database file (issues 12 and 13): a model given by any path, mera db check, and the
# database under concurrent processes and hostile files (tests/process/store_process_test.cpp).
add_test(NAME cli.store_model_paths
         COMMAND ${CMAKE_COMMAND} -DMERA=${MERA} -DSOURCE=${PROJECT_SOURCE_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/store-model-paths
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/store_model_paths.cmake)
mera_cli_test(db_without_a_command 2 "subcommand is required" ${MERA} db)
mera_cli_test(db_check_without_db 2 "--db" ${MERA} db check)
mera_cli_test(db_check_missing_database 2 "no database at no-such.db" ${MERA} db check --db no-such.db)
mera_cli_test(db_check_not_a_mera_database 1 "examples/tomsk/model.mera: not a mera database|not a SQLite database"
              ${MERA} db check --db examples/tomsk/model.mera)

add_executable(store_process_tests process/store_process_test.cpp)
target_compile_definitions(store_process_tests PRIVATE BOOST_TEST_DYN_LINK MERA_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                       MERA_BINARY="$<TARGET_FILE:mera>")
target_link_libraries(store_process_tests PRIVATE storage Boost::unit_test_framework mera_warnings)
add_dependencies(store_process_tests mera)
add_test(NAME store_process COMMAND store_process_tests)
