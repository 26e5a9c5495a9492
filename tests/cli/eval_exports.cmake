# Exports of `mera eval` for spreadsheets (issue 17.4): the Tomsk demo's dashboard of every unit
# as XLSX and as CSV for Excel, for one period and for the range 2021..2022, read back by
# openpyxl and Python's csv module, equal to `--format json` number for number. Run as
#   cmake -DMERA=build/mera -DWORK=<empty folder> -DPYTHON=/usr/bin/python3 -DSCRIPT=eval_exports.py -P eval_exports.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(db ${WORK}/tomsk.db)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

function(check)
  execute_process(COMMAND ${PYTHON} ${SCRIPT} ${ARGN} WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT exit EQUAL 0)
    message(FATAL_ERROR "eval_exports.py ${ARGN}: exit ${exit}\n${out}${err}")
  endif()
  message(STATUS "${ARGN}: ${out}")
endfunction()

run(EXIT 0 ARGS demo --db ${db})
foreach(period 2021 2021..2022 2022Q1..2022Q4)
  string(REPLACE "." "_" name ${period})
  run(EXIT 0 ARGS eval --db ${db} --all --period ${period} --format json -o ${name}.json)
  run(EXIT 0 ARGS eval --db ${db} --all --period ${period} --format xlsx -o ${name}.xlsx)
  run(EXIT 0 ARGS eval --db ${db} --all --period ${period} --format csv-excel -o ${name}.csv)
  check(xlsx ${name}.json ${name}.xlsx)
  check(csv-excel ${name}.json ${name}.csv)
endforeach()

# Without -o the workbook goes to the standard output (redirected here), the same bytes' values.
execute_process(COMMAND ${MERA} eval --db ${db} --all --period 2021 --format xlsx OUTPUT_FILE ${WORK}/piped.xlsx WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit)
if(NOT exit EQUAL 0)
  message(FATAL_ERROR "eval --format xlsx > piped.xlsx: exit ${exit}")
endif()
check(xlsx 2021.json piped.xlsx)

# The machine CSV stays as it was: `,`, a decimal point, no BOM.
run(EXIT 0 MATCH "^unit,period,indicator,label,value,display,target,status,reason,detail\n" "\n[a-z_0-9]+,2021,[a-z_]+,[^\n]*,0\\.[0-9]+,"
    ARGS eval --db ${db} --all --period 2021 --format csv)
# What is refused, before anything is read.
run(EXIT 2 MATCH "--format xlsx exports a dashboard: --compare and --explain" ARGS eval --db ${db} --format xlsx --explain x -o x.xlsx)
run(EXIT 2 MATCH "unknown format 'xls': use table, json, csv, csv-excel or xlsx" ARGS eval --db ${db} --format xls)
