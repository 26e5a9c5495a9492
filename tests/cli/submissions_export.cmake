# Exports to correct (issue 17.4): `mera submissions --format json|csv|xlsx` writes a stored
# Tomsk report as `mera submit` reads it; one value is changed by a writer that is not mera's
# (python's json and csv, openpyxl), the file goes back with `mera submit --correct`, and the
# current version (read with sqlite3) has the new value and every other value unchanged. For
# blood_families (a breakdown) and staff (a text with commas, a calculated field left out). Run as
#   cmake -DMERA=build/mera -DWORK=<empty folder> -DFIX=tests/cli/submissions_fix.py -DPYTHON=/usr/bin/python3 -P submissions_export.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(db ${WORK}/tomsk.db)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

function(python)
  execute_process(COMMAND ${PYTHON} ${FIX} ${ARGN} WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT exit EQUAL 0)
    message(FATAL_ERROR "submissions_fix.py ${ARGN}: exit ${exit}\n${out}${err}")
  endif()
endfunction()

run(EXIT 0 ARGS demo --db ${db})

# round_trip(FORM FORMAT FIELD VALUE [CALCULATED...]): org01's report of 2021Q1, exported,
# changed, corrected; the calculated fields may change with it.
function(round_trip form format field value)
  set(before ${form}_before.${format})
  set(after ${form}_after.${format})
  run(EXIT 0 MATCH "${before}: 1 report as mera submit reads them; fixed, send them back with: mera submit --db [^\n]* --correct ${before}"
      ARGS submissions --db ${db} --form ${form} --unit org01 --period 2021Q1 --format ${format} -o ${before})
  python(edit ${format} ${before} ${after} ${field} ${value})
  run(EXIT 0 MATCH "${after}: 1 submission stored" ARGS submit --db ${db} --correct ${after})
  python(check ${db} ${form} org01 2021Q1 ${field} ${value} ${ARGN})
endfunction()

round_trip(blood_families json long_work 13)
round_trip(blood_families csv long_work 14)
round_trip(blood_families xlsx long_work 15)
round_trip(staff json cases 66 caseload)
round_trip(staff csv cases 67 caseload)
round_trip(staff xlsx cases 68 caseload)

# JSON and CSV to stdout: the header members and the columns `mera submit` reads, no calculated
# field, no date of receipt; a text with commas quoted.
run(EXIT 0 ARGS submissions --db ${db} --form staff --unit org01 --period 2021Q2 --format json
    MATCH "^\\{\"form\":\"staff\",\"unit\":\"org01\",\"period\":\"2021Q2\",\"values\":\\{\"specialists\":[0-9]+,"
    NOT "caseload" "submitted_at" "correction")
run(EXIT 0 ARGS submissions --db ${db} --form blood_families --period 2021Q1 --format csv
    MATCH "^form,unit,period,families,children,by_risk\\[low\\],by_risk\\[medium\\],by_risk\\[high\\],new_families,"
          "\nblood_families,org01,2021Q1,84,194,25,36,23,22,53,19,46,65,148,41,4,1,15\n")
run(EXIT 0 ARGS submissions --db ${db} --form staff --unit org01 --period 2021Q1 --format csv
    MATCH "^form,unit,period,specialists,higher_education,vacancies,trained,new_specialists,new_trained,cases,training_needs\n"
          ",68,\"Оценка безопасности ребёнка, ведение документации по случаю\"\n$")
# Many forms go to JSON only; nothing matched, --all, an unknown format: each said in words.
run(EXIT 0 MATCH "\"form\":\"blood_families\"" "\"form\":\"staff\"" ARGS submissions --db ${db} --unit org01 --period 2021Q1 --format json)
run(EXIT 1 MATCH "error: the submissions are of 2 forms \\(blood_families, staff\\), and a CSV file or a workbook holds the reports of one: give --form"
    ARGS submissions --db ${db} --unit org01 --period 2021Q1 --format csv)
run(EXIT 1 MATCH "error: no stored submission matches: nothing to export" ARGS submissions --db ${db} --period 2030Q1 --format json)
run(EXIT 2 MATCH "error: --all cannot be exported" ARGS submissions --db ${db} --all --format json)
run(EXIT 2 MATCH "error: unknown format 'yaml': use table, json, csv or xlsx" ARGS submissions --db ${db} --format yaml)
# A workbook without -o: named as `mera template` names it.
run(EXIT 0 MATCH "blood_families_org02_2021Q1.xlsx: 1 report as mera submit reads them"
    ARGS submissions --db ${db} --form blood_families --unit org02 --period 2021Q1 --format xlsx)
