# The Tomsk sample with its workflow and the case-management sample (records only), as a new user
# looks at them. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -P show_scenario.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(tomsk ${SOURCE}/examples/tomsk)
set(cm ${SOURCE}/examples/case_management)
set(db ${WORK}/tomsk.db)

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

run(EXIT 0 ARGS init --db ${db} ${tomsk})
run(EXIT 0 ARGS submit --db ${db} ${tomsk}/data/2021.jsonl ${tomsk}/data/2022.jsonl ${tomsk}/data/staff_2021.csv ${tomsk}/data/staff_2022.csv)
run(EXIT 0 ARGS submit --db ${db} ${tomsk}/data/workflow/corrections.jsonl)
run(EXIT 0 ARGS review --db ${db} --file ${tomsk}/data/workflow/reviews.csv --user loader)

# 12.4: org05's blood_families 2021Q4 was returned, corrected, accepted and forwarded; each version
# says where it stands, and the stored `status` column, always "submitted", is not shown.
run(EXIT 0 ARGS submissions --db ${db} --form blood_families --unit org05 --period 2021Q4 --all
    MATCH "^ +id  form +unit   period  version  state +submitted +warnings\n"
          "\n +([0-9]+)  blood_families  org05  2021Q4        1  superseded  [^\n]+\n +([0-9]+)  blood_families  org05  2021Q4        2  forwarded ")
string(REGEX MATCH "\n +([0-9]+)  blood_families  org05  2021Q4        1 [^\n]+\n +([0-9]+) " ids "${last_output}")
set(v1 ${CMAKE_MATCH_1})
set(v2 ${CMAKE_MATCH_2})
run(EXIT 0 ARGS submissions --db ${db} --id ${v1}
    MATCH "^submission ${v1}: blood_families of org05 for 2021Q4, version 1\n"
          "\n  state: +superseded by version 2 \\(submission ${v2}, submitted 2022-01-13\\); before that it was returned by platform_blood \\(petrova\\) at 2022-01-11: «Распределение"
          "\n    1 submission ${v1} at [^\n]+, superseded  <-\n    2 submission ${v2} at [^\n]+, forwarded\n"
    NOT "status:")
run(EXIT 0 ARGS submissions --db ${db} --id ${v2}
    MATCH "\n  state: +forwarded: accepted by platform_blood \\(petrova\\) at 2022-01-14, and sent up the route by platform_blood \\(petrova\\) at 2022-01-20\n")
run(EXIT 0 ARGS review --db ${db} history ${v1}
    MATCH "now: version 2 \\(submission ${v2}\\): forwarded: accepted by platform_blood \\(petrova\\) at 2022-01-14")
# org21's foster_support 2022Q4 is still returned.
run(EXIT 0 ARGS submissions --db ${db} --form foster_support --unit org21 --period 2022Q4 MATCH "  returned  ")
string(REGEX MATCH "\n +([0-9]+)  foster_support" row "${last_output}")
run(EXIT 0 ARGS submissions --db ${db} --id ${CMAKE_MATCH_1}
    MATCH "\n  state: +returned by platform_foster_north \\(kuznetsova\\) at 2023-01-07: «[^\n]+»; org21 corrects it and submits it again \\(mera submit --correct\\)\n")

# 12.9: what org03 owes next, however far: 2022Q1 of both its forms, due 2022-04-05; the old
# lateness of org18's 2021Q2 only with --history.
run(EXIT 0 ARGS status --db ${db} --on 2022-01-12 --unit org03
    MATCH "\n  overdue    blood_families 2021Q4 to platform_blood: due 2022-01-10 \\(Monday\\), 2 days overdue\n  next       blood_families 2022Q1 to platform_blood: due 2022-04-05 \\(Tuesday\\), in 83 days\n  next       staff 2022Q1 to platform_blood: due 2022-04-05 \\(Tuesday\\), in 83 days\n")
run(EXIT 0 ARGS status --db ${db} --on 2022-01-12 --unit platform_blood
    MATCH "\nplatform_blood  [^\n]+\n(  [^\n]+\n)*  next       forward blood_families 2021Q4 to center: due 2022-01-25 \\(Tuesday\\), in 13 days\n")
run(EXIT 0 ARGS status --db ${db} --on 2022-01-12
    MATCH "reports? of earlier periods came late [^\n]+; --history lists them"
    NOT "late       foster_support 2021Q2" "  next  ")
run(EXIT 0 ARGS status --db ${db} --on 2022-01-12 --history
    MATCH "\norg18  [^\n]+\n  late       foster_support 2021Q2 to platform_foster_south: submitted 2021-07-08, due 2021-07-05, 3 days late\n")

# 13.8: a day far beyond any reporting is refused at once, saying how far status looks.
run(EXIT 2 ARGS status --db ${db} --on 9999-12-31
    MATCH "^mera: 9999-12-31 is more than a year after today \\([0-9-]+\\): status looks at most 366 days ahead, to [0-9-]+; name a day up to then")
run(EXIT 2 ARGS status --db ${db} --soon 100000 MATCH "at most 366 days")

# 12.9: the deadlines of one unit, from the model in force in the database.
run(EXIT 0 ARGS deadlines --db ${db} --unit org03 --period 2021Q4
    MATCH "^tomsk: due dates for 2021Q4 \\(2021-10-01 .. 2021-12-31\\), revision 1 in force on 2021-10-01\nfor org03  [^\n]+  \\(organization\\): the forms it submits and the hops it forwards\n"
          "\nblood_families  [^\n]+\n  organization -> platform  2022-01-10  Monday\n"
    NOT "platform -> center" "foster_support")
run(EXIT 0 ARGS deadlines --db ${db} --unit platform_blood --period 2021Q4
    MATCH "\nblood_families  [^\n]+\n  platform -> center +2022-01-25  Tuesday\n"
    NOT "organization -> platform" "foster_support")
run(EXIT 0 ARGS deadlines --db ${db} --unit org03 --year 2021
    MATCH "\nblood_families +organization -> platform +2021-04-05 +2021-07-05 +2021-10-05 +2022-01-10\n"
    NOT "platform -> center")
run(EXIT 2 ARGS deadlines --db ${db} --unit org99 --period 2021Q4 MATCH "no unit 'org99'")

# 12.7: the units exist, but their memberships start later.
run(EXIT 2 ARGS eval --db ${db} --period 2020H2
    MATCH "no unit is in the tree on 2020-12-31, the last day of 2020H2: the memberships of the [0-9]+ units start on 2021-01-01 [^\n]+ as in --period 2021H1")

# 12.5, 12.6: records only. Their keys under `record`; the default period is the last complete
# year in which the records have dates, and eval says so.
set(cmdb ${WORK}/cm.db)
run(EXIT 0 ARGS init --db ${cmdb} ${cm})
file(GLOB cm_data ${cm}/data/*.jsonl)
run(EXIT 0 ARGS submit --db ${cmdb} ${cm_data})
run(EXIT 0 ARGS submissions --db ${cmdb} --form case --unit cm01
    MATCH "^ +id  form  unit  record +version  state +submitted +warnings\n" "\n +[0-9]+  case  cm01  С-2016-003  +[0-9]  submitted "
    NOT "period")
string(REGEX MATCH "\n +([0-9]+)  case  cm01  С-2016-003 " row "${last_output}")
run(EXIT 0 ARGS submissions --db ${cmdb} --id ${CMAKE_MATCH_1} MATCH "^submission [0-9]+: case of cm01, record С-2016-003, version [0-9]")
run(EXIT 0 ARGS eval --db ${cmdb}
    MATCH "period 2021\n\\(no --period given: 2021: the last complete year in which the records have dates \\(name another with --period\\)\\)\n")

# Issue 15: a range of periods is evaluated in one process (every form's rows read once) and
# gives exactly what each period gives alone: the CSV of 2021Q1..2022Q4 is the eight quarters'
# CSVs one after another, with one header; its JSON is an array of the eight documents.
run(EXIT 0 ARGS eval --db ${db} --all --period 2021Q1..2022Q4 --format csv)
set(range "${last_output}")
set(one_by_one "")
foreach(p 2021Q1 2021Q2 2021Q3 2021Q4 2022Q1 2022Q2 2022Q3 2022Q4)
  run(EXIT 0 ARGS eval --db ${db} --all --period ${p} --format csv)
  if(one_by_one STREQUAL "")
    set(one_by_one "${last_output}")
  else()
    string(FIND "${last_output}" "\n" header_end)  # not REGEX REPLACE "^...": its ^ matches again after each line
    math(EXPR rows_start "${header_end} + 1")
    string(SUBSTRING "${last_output}" ${rows_start} -1 rows)
    string(APPEND one_by_one "${rows}")
  endif()
endforeach()
if(NOT range STREQUAL one_by_one)
  message(FATAL_ERROR "eval --period 2021Q1..2022Q4 differs from the eight quarters evaluated one by one")
endif()
run(EXIT 0 ARGS eval --db ${db} --period 2021..2022 --format json MATCH "^.\n  {\n    \"model\"" "\n  },\n  {\n")
# (a JSON array: "." above, for a "[" would group the two patterns into one list item in CMake)
run(EXIT 2 ARGS eval --db ${db} --period 2021..2022 --explain families MATCH "--explain shows one value: name one period with --period, not a range")
