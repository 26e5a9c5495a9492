# Issue 12.1: a model given to `mera init` by any path (".", "../x", absolute, a single .mera
# file) is kept whole in the database, so that every later command works from any folder, the
# model folder moved or gone. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -P store_model_paths.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/elsewhere)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)
set(data ${SOURCE}/examples/tomsk/data)
set(home ${WORK})

# run() from another folder than ${WORK}.
macro(run_in folder)
  set(WORK ${folder})
  run(${ARGN})
  set(WORK ${home})
endmacro()

# "." from inside a copy of examples/tomsk; then everything from another folder, and once more
# after the copy is gone.
file(COPY ${SOURCE}/examples/tomsk DESTINATION ${WORK}/copy)
run_in(${WORK}/copy/tomsk EXIT 0 MATCH "28 units" ARGS init --db ${WORK}/dot.db .)
run_in(${WORK}/elsewhere EXIT 0 MATCH "2021.jsonl: [0-9]+ submissions stored" ARGS submit --db ${WORK}/dot.db ${data}/2021.jsonl)
run_in(${WORK}/elsewhere EXIT 0 MATCH "Status on 2022-01-12" ARGS status --db ${WORK}/dot.db --on 2022-01-12)
file(REMOVE_RECURSE ${WORK}/copy)
run_in(${WORK}/elsewhere EXIT 0 MATCH "Кровные семьи: обслужено семей" ARGS eval --db ${WORK}/dot.db --period 2021)
run_in(${WORK}/elsewhere EXIT 0 MATCH "1 +approved +2020-06-10" NOT "no such file" ARGS model list --db ${WORK}/dot.db)

# "../tomsk" from a sibling folder, and the model folder by its absolute path.
file(COPY ${SOURCE}/examples/tomsk DESTINATION ${WORK}/copy)
file(MAKE_DIRECTORY ${WORK}/copy/sibling)
run_in(${WORK}/copy/sibling EXIT 0 MATCH "28 units" ARGS init --db ${WORK}/up.db ../tomsk)
run_in(${WORK}/copy/tomsk EXIT 0 MATCH "28 units" ARGS init --db ${WORK}/abs.db ${WORK}/copy/tomsk)
run_in(${WORK}/copy/tomsk EXIT 0 MATCH "28 units" ARGS init --db ${WORK}/dotdot.db ../tomsk/data/..)
file(REMOVE_RECURSE ${WORK}/copy)
foreach(db up abs dotdot)
  run_in(${WORK}/elsewhere EXIT 0 MATCH "2021.jsonl: [0-9]+ submissions stored" ARGS submit --db ${WORK}/${db}.db ${data}/2021.jsonl)
  run_in(${WORK}/elsewhere EXIT 0 MATCH "Status on 2022-01-12" ARGS status --db ${WORK}/${db}.db --on 2022-01-12)
endforeach()

# A single .mera file, given as ./file from its folder; then a draft of it published from
# elsewhere compares against it (the stored revision loads).
file(COPY ${SOURCE}/tests/cli/shifted.mera DESTINATION ${WORK}/single)
run_in(${WORK}/single EXIT 0 MATCH "created with model" ARGS init --db ${WORK}/single.db ./shifted.mera)
run_in(${WORK}/elsewhere EXIT 0 MATCH "no changes in meaning|changes in meaning" ARGS model diff --db ${WORK}/single.db 1 1)
