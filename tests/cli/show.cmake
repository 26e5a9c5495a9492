# What mera shows of stored reports (issue 12, items 4-7 and 9; issue 13, item 8): review states
# and record keys in `mera submissions`, what a unit owes next and late lines only with --history
# in `mera status`, a day far ahead refused, `mera deadlines --db --unit`, and `mera eval`'s
# default period for records and its empty-tree message. Included from tests/CMakeLists.txt.
add_test(NAME cli.show
         COMMAND ${CMAKE_COMMAND} -DMERA=${MERA} -DSOURCE=${PROJECT_SOURCE_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/show
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/show_scenario.cmake)
mera_cli_test(deadlines_unit_without_db 2 "--unit needs --db" ${MERA} deadlines examples/tomsk --unit org03 --period 2021Q4)
mera_cli_test(deadlines_model_and_db 2 "a model folder \\(MODEL\\) or a database \\(--db DB\\), one of them"
              ${MERA} deadlines examples/tomsk --db no-such.db --period 2021Q4)
mera_cli_test(deadlines_no_model 2 "deadlines needs a model" ${MERA} deadlines --period 2021Q4)
