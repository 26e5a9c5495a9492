# Workbooks (issue 17): `mera template` for Tomsk's blood_families, org01, 2023Q1, filled in by
# python3-openpyxl (a writer that is not mera's), `mera submit` of it, and the stored values
# read back with `mera submissions`; a wrong value pointed at its cell with nothing stored; and
# the refusals of files that are no workbook of mera's. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -DPYTHON=/usr/bin/python3 -P sheets.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(tomsk ${SOURCE}/examples/tomsk)
set(db ${WORK}/tomsk.db)
set(fill ${SOURCE}/tests/cli/sheets_fill.py)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

function(python)
  execute_process(COMMAND ${PYTHON} ${fill} ${ARGN} WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT exit EQUAL 0)
    message(FATAL_ERROR "sheets_fill.py ${ARGN}: exit ${exit}\n${out}${err}")
  endif()
  set(python_output "${out}" PARENT_SCOPE)
endfunction()

run(EXIT 0 MATCH "28 units" ARGS init --db ${db} ${tomsk})
run(EXIT 0 MATCH "blood.xlsx: the workbook of form 'blood_families'"
    ARGS template --db ${db} --form blood_families --unit org01 --period 2023Q1 -o blood.xlsx)
run(EXIT 1 MATCH "no form 'blood_familes'; did you mean 'blood_families'" ARGS template --db ${db} --form blood_familes -o x.xlsx)
run(EXIT 1 MATCH "no unit 'org1' in the unit tree" ARGS template --db ${db} --form blood_families --unit org1 -o x.xlsx)
run(EXIT 1 MATCH "unit 'platform_blood' is platform, and form 'blood_families' is submitted by organization"
    ARGS template --db ${db} --form blood_families --unit platform_blood -o x.xlsx)
run(EXIT 1 MATCH "submitted per quarter" ARGS template --db ${db} --form blood_families --period 2023 -o x.xlsx)

# A wrong value: its cell named, every other problem too, and nothing stored.
python(fill blood.xlsx wrong.xlsx wrong)
string(REGEX MATCH "children at ([A-Z]+[0-9]+)" _ "${python_output}")
set(cell ${CMAKE_MATCH_1})
run(EXIT 1 ARGS submit --db ${db} wrong.xlsx
    MATCH "wrong.xlsx:Лист1!${cell}: error: [^\n]*-5"
          "wrong.xlsx: refused: 1 error in 1 of 1 submissions" "nothing of this file was stored")
run(EXIT 0 MATCH "\n0 submissions\n$" ARGS submissions --db ${db} --form blood_families --unit org01 --period 2023Q1)
# The same in Russian (LANG=ru_RU.UTF-8): the cell, then the model's words and mera's.
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES LANG=ru_RU.UTF-8 ${MERA} submit --db ${db} wrong.xlsx
                WORKING_DIRECTORY ${WORK} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 1 OR NOT "${out}${err}" MATCHES "wrong.xlsx:Лист1!${cell}: ошибка: blood_families, org01, 2023Q1: поле «children» \\(«Обслужено детей за период»\\): -5 меньше 0\n")
  message(FATAL_ERROR "in Russian: exit ${exit}\n${out}${err}")
endif()

# The right values: stored, and equal to what was written.
python(fill blood.xlsx filled.xlsx)
run(EXIT 0 MATCH "filled.xlsx: 1 submission stored" ARGS submit --db ${db} filled.xlsx)
python(check ${MERA} ${db})
run(EXIT 0 MATCH "from: +filled.xlsx:Лист1!A3" ARGS submissions --db ${db} --id 1)
run(EXIT 1 MATCH "filled.xlsx:Лист1!A3: error: blood_families, org01, 2023Q1: already submitted" ARGS submit --db ${db} filled.xlsx)

# Cells as other programs write them (rich-text shared strings, inline strings, 1.0E1, a
# formula's cached value, cells without a reference) read as the values they show.
python(handmade filled.xlsx handmade.xlsx)
run(EXIT 0 MATCH "handmade.xlsx: 1 submission stored" ARGS submit --db ${db} handmade.xlsx)
run(EXIT 0 MATCH "values: +\\{\"families\":10,\"children\":20,\"by_risk\":\\{\"low\":5,\"medium\":3,\"high\":2\\},\"new_families\":4,"
    ARGS submissions --db ${db} --id 2)
run(EXIT 0 MATCH "2 +blood_families +org02 +2023Q2" ARGS submissions --db ${db} --unit org02)

# A record form: a row per record, dates as Excel's dates, an enum by its label, yes as true.
set(cm ${WORK}/cm.db)
run(EXIT 0 ARGS init --db ${cm} ${SOURCE}/examples/case_management)
run(EXIT 0 ARGS template --db ${cm} --form case --unit cm01 -o case.xlsx)
python(case case.xlsx case_filled.xlsx cm01)
run(EXIT 0 MATCH "case_filled.xlsx: 1 submission stored" ARGS submit --db ${cm} case_filled.xlsx)
run(EXIT 0 ARGS submissions --db ${cm} --id 1
    MATCH "\"family_id\":\"F-001\",\"opened\":\"2021-03-01\",\"situation\":\"[a-z_]+\",\"children\":2,\"closed\":\"2021-09-30\""
          "\"safe\":true,\"children_improved\":1")

# A template sent as it is, with nothing filled in (no unit or period given): refused, saying where the values go.
run(EXIT 0 ARGS template --db ${db} --form blood_families -o blank.xlsx)
run(EXIT 1 MATCH "blank.xlsx: error: the sheet Лист1 has no values to submit: fill in the rows from row 3 on" ARGS submit --db ${db} blank.xlsx)

# Files that are no workbook of mera's: refused whole, in words, never a crash.
file(WRITE ${WORK}/text.xlsx "unit,period\norg01,2023Q1\n")
run(EXIT 1 MATCH "text.xlsx: error: the file is not an Excel workbook \\(.xlsx\\): it is not a zip archive" ARGS submit --db ${db} text.xlsx)
python(bomb bomb.xlsx)
run(EXIT 1 MATCH "bomb.xlsx: error: the part xl/worksheets/sheet1.xml of the workbook inflates to more than 64 MB" ARGS submit --db ${db} bomb.xlsx)
python(drop-sheet filled.xlsx no_mera.xlsx mera)
run(EXIT 1 MATCH "no_mera.xlsx: error: the workbook has no sheet 'mera'" ARGS submit --db ${db} no_mera.xlsx)
python(drop-sheet filled.xlsx no_data.xlsx Лист1)
run(EXIT 1 MATCH "no_data.xlsx: error: the workbook has no sheet 'Лист1', where the form's values belong" ARGS submit --db ${db} no_data.xlsx)
python(malformed filled.xlsx malformed.xlsx)
run(EXIT 1 MATCH "malformed.xlsx: error: the part xl/worksheets/sheet1.xml of the workbook is not well-formed XML \\(line 1: mismatched tag\\)"
    ARGS submit --db ${db} malformed.xlsx)
python(doctype filled.xlsx doctype.xlsx)
run(EXIT 1 MATCH "doctype.xlsx: error: [^\n]*not well-formed XML \\(line 2: a document type declaration, which no workbook has\\)"
    ARGS submit --db ${db} doctype.xlsx)
python(sparse filled.xlsx sparse.xlsx)
run(EXIT 1 MATCH "sparse.xlsx: error: the sheet Лист1 holds values in more rows and columns \\(16384 columns wide\\) than mera reads at once"
    ARGS submit --db ${db} sparse.xlsx)
run(EXIT 0 MATCH "\n2 submissions\n$" ARGS submissions --db ${db})
