# Workbooks as LibreOffice writes them (issue 17, "done when"): the Tomsk blood_families
# template for org01, 2023Q1, filled in by openpyxl and saved again by LibreOffice Calc
# (headless: its own XML, styles and shared strings, not openpyxl's), then submitted: a wrong
# value pointed at its cell with nothing stored, the right ones stored as written. And the
# region's dashboard for 2021..2022 exported as a workbook that LibreOffice opens: converted by
# it to CSV (the values, not as shown), the Russian labels and the numbers of --format json are there. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -DPYTHON=/usr/bin/python3 -DSOFFICE=/usr/bin/soffice -P sheets_libreoffice.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(db ${WORK}/tomsk.db)
set(fill ${SOURCE}/tests/cli/sheets_fill.py)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)
if(NOT EXISTS ${SOFFICE})
  message(FATAL_ERROR "${SOFFICE} is missing: install Debian's libreoffice-calc-nogui (.ci/install)")
endif()

function(python)
  execute_process(COMMAND ${PYTHON} ${fill} ${ARGN} WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT exit EQUAL 0)
    message(FATAL_ERROR "sheets_fill.py ${ARGN}: exit ${exit}\n${out}${err}")
  endif()
  set(python_output "${out}" PARENT_SCOPE)
endfunction()

# LibreOffice converts IN to the filter's format into ${WORK}/lo, with a profile of its own.
function(libreoffice in filter)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env HOME=${WORK}
                          ${SOFFICE} --headless --norestore -env:UserInstallation=file://${WORK}/lo-profile
                          --convert-to ${filter} --outdir ${WORK}/lo ${in}
                  WORKING_DIRECTORY ${WORK} TIMEOUT 120 RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  get_filename_component(name ${in} NAME_WE)
  if(NOT exit EQUAL 0 OR NOT EXISTS ${WORK}/lo/${name}.${LO_EXT})
    message(FATAL_ERROR "soffice --convert-to ${filter} ${in}: exit ${exit}\n${out}${err}")
  endif()
endfunction()

run(EXIT 0 ARGS demo --db ${db})
run(EXIT 0 ARGS template --db ${db} --form blood_families --unit org01 --period 2023Q1 -o blood.xlsx)

python(fill blood.xlsx wrong.xlsx wrong)
string(REGEX MATCH "children at ([A-Z]+[0-9]+)" _ "${python_output}")
set(cell ${CMAKE_MATCH_1})
python(fill blood.xlsx right.xlsx)
set(LO_EXT xlsx)
libreoffice(${WORK}/wrong.xlsx "xlsx:Calc MS Excel 2007 XML")
libreoffice(${WORK}/right.xlsx "xlsx:Calc MS Excel 2007 XML")

run(EXIT 1 ARGS submit --db ${db} lo/wrong.xlsx MATCH "lo/wrong.xlsx:Лист1!${cell}: error: [^\n]*-5" "nothing of this file was stored")
run(EXIT 0 MATCH "\n0 submissions\n$" ARGS submissions --db ${db} --form blood_families --unit org01 --period 2023Q1)
run(EXIT 0 MATCH "lo/right.xlsx: 1 submission stored" ARGS submit --db ${db} lo/right.xlsx)
python(check ${MERA} ${db})

# The region's dashboard as a workbook, opened by LibreOffice (its first sheet, the series, as CSV).
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES LANG=ru_RU.UTF-8
                        ${MERA} eval --db ${db} --all --period 2021..2022 --format xlsx -o dashboard.xlsx
                WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 0)
  message(FATAL_ERROR "mera eval --format xlsx: exit ${exit}\n${out}${err}")
endif()
set(LO_EXT csv)
libreoffice(${WORK}/dashboard.xlsx "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false")
file(READ ${WORK}/lo/dashboard.csv series)
run(EXIT 0 ARGS eval --db ${db} --unit department --period 2021 --format json)
string(REGEX MATCH "\"blood_families_served\"[^}]*\"value\": *([0-9.]+)" _ "${last_output}")
string(REGEX REPLACE "\\.0$" "" served_2021 "${CMAKE_MATCH_1}")  # 1521.0 in JSON, 1521 in a sheet
if(served_2021 STREQUAL "")
  message(FATAL_ERROR "no value of blood_families_served in --format json:\n${last_output}")
endif()
foreach(expected "Подразделение,Наименование подразделения,Показатель,Имя,2021,2022"
                 "department,Департамент по вопросам семьи и детей Томской области,Кровные семьи: обслужено семей,blood_families_served,${served_2021},")
  string(FIND "${series}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "LibreOffice's CSV of the dashboard workbook lacks '${expected}':\n${series}")
  endif()
endforeach()
