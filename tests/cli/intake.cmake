# mera submit, units import and review with files that cannot be taken: a folder given as a data
# file, a missing file among good ones (nothing stored), a unit name with an unquoted comma.
mera_cli_test(submit_a_folder 2 "tests/golden/submit/model is a folder, not a file"
              ${MERA} submit --db no-such.db tests/golden/submit/model)
add_test(NAME cli.intake_files
         COMMAND ${CMAKE_COMMAND} -DMERA=${MERA} -DSOURCE=${PROJECT_SOURCE_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/intake-files
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/intake_files.cmake)
