# Every file of `mera submit` is checked before any is stored: a missing one among good ones
# stores nothing, says which one is missing, and exits 2. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -P intake_files.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(db ${WORK}/golden.db)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

file(WRITE ${WORK}/good.jsonl
     "{\"form\": \"families\", \"unit\": \"org1\", \"period\": \"2021Q1\", \"values\": {\"families\": 2, \"children\": 3, \"by_risk\": {\"low\": 1, \"medium\": 1, \"high\": 0}}}\n")
run(EXIT 0 ARGS init --db ${db} ${SOURCE}/tests/golden/submit/model)
run(EXIT 2 MATCH "mera: error: cannot open missing.jsonl: No such file or directory\n" "nothing was submitted"
    NOT "stored" ARGS submit --db ${db} good.jsonl missing.jsonl)
run(EXIT 2 MATCH "mera: error: ${WORK} is a folder, not a file" NOT "stored" ARGS submit --db ${db} good.jsonl ${WORK})
# Nothing of good.jsonl was stored: it is taken now as a first report, not refused as a repeat.
run(EXIT 0 MATCH "good.jsonl: 1 submission stored" ARGS submit --db ${db} good.jsonl)

# A folder given where a table or a review file belongs says so, too.
run(EXIT 2 MATCH "mera: error: ${WORK} is a folder, not a file" ARGS units import --db ${db} ${WORK})
run(EXIT 2 MATCH "mera: error: ${WORK} is a folder, not a file" ARGS review --db ${db} --file ${WORK})
