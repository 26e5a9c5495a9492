# Issue 13, item 8: what a file, a unit name or a reason says reaches the terminal escaped, so an
# escape sequence in it cannot act on the terminal (clear the screen, recolour, move the cursor).
# A unit whose id and name hold ESC c (reset the terminal), a report of it, a return reason with
# ESC c, a data file with a raw ESC (no '[' in them: CMake lists do not split inside brackets): every command shows them as \x1b and prints no ESC byte at all. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -P escapes_scenario.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(COPY ${SOURCE}/tests/golden/submit/model DESTINATION ${WORK})
string(ASCII 27 esc)
file(APPEND ${WORK}/model/units.csv "org${esc}cX,Орг${esc}cX${esc}7,organization,north,2021-01-01,\n")
set(db ${WORK}/t.db)
set(values "\"values\": {\"families\": 1, \"children\": 1, \"by_risk\": {\"low\": 1, \"medium\": 0, \"high\": 0}}")
file(WRITE ${WORK}/good.jsonl "{\"form\": \"families\", \"unit\": \"org\\u001bcX\", \"period\": \"2021Q1\", ${values}}\n")
file(WRITE ${WORK}/bad.jsonl "{\"form\": \"families\", \"unit\": \"org\\u001bcY\", \"period\": \"2021Q1\", ${values}}\n"
                             "{\"form\": \"x${esc}c\"}\n")

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)
# run() and then: no ESC byte anywhere in what mera printed.
function(run_escaped)  # a function: a macro would undo one level of the patterns' backslashes
  run(${ARGN})
  if(last_output MATCHES "${esc}")
    message(FATAL_ERROR "mera printed a raw ESC:\n${last_output}")
  endif()
endfunction()

set(id "org\\\\x1bcX")  # as shown: org\x1bcX
run_escaped(EXIT 0 ARGS init --db ${db} model)
run_escaped(EXIT 0 ARGS units list --db ${db} --on 2021-06-01 MATCH "\n +${id}  Орг\\\\x1bcX\\\\x1b7  \\(organization\\)\n")
run_escaped(EXIT 0 ARGS submit --db ${db} good.jsonl)
run_escaped(EXIT 0 ARGS submissions --db ${db} MATCH "\n +1  families  ${id}  2021Q1 ")
run_escaped(EXIT 0 ARGS review --db ${db} return 1 --as north --reason "исправьте${esc}c сумму"
            MATCH "returned families of ${id} for 2021Q1" "«исправьте\\\\x1bc сумму»")
run_escaped(EXIT 0 ARGS submissions --db ${db} --id 1 MATCH "state: +returned by north [^\n]+: «исправьте\\\\x1bc сумму»; ${id} corrects it")
run_escaped(EXIT 0 ARGS review --db ${db} history 1 MATCH "исправьте\\\\x1bc сумму")
run_escaped(EXIT 0 ARGS status --db ${db} MATCH "\n${id}  Орг\\\\x1bcX\\\\x1b7  \\(organization under north\\)\n"
            "«исправьте\\\\x1bc сумму»")
run_escaped(EXIT 0 ARGS status --db ${db} --unit "org${esc}cX" MATCH "^Status on [^\n]+: ${id} and the units below it")
run_escaped(EXIT 0 ARGS eval --db ${db} --unit "org${esc}cX" --period 2021Q1 MATCH "${id} «Орг\\\\x1bcX\\\\x1b7»")
# The data file: the decoded escape in a message, the raw one in the excerpt.
run_escaped(EXIT 1 ARGS submit --db ${db} bad.jsonl
            MATCH "no unit 'org\\\\x1bcY' in the unit tree; did you mean '${id}'\\?"
                  "bad.jsonl:2:12: error: [^\n]+\n  {\"form\": \"x\\\\x1bc\"}\n             \\^~~~\n")
