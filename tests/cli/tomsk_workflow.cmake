# The Tomsk sample with its review workflow, as a new user builds it (README), and the question
# issue 5 promises an answer to: what is overdue on 2022-01-12? Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -P tomsk_workflow.cmake
# Each step checks its exit code and what it prints; the first mismatch fails the test.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(tomsk ${SOURCE}/examples/tomsk)
set(db ${WORK}/tomsk.db)

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

run(EXIT 0 MATCH "28 units" ARGS init --db ${db} ${tomsk})
run(EXIT 0 ARGS submit --db ${db} ${tomsk}/data/2021.jsonl ${tomsk}/data/2022.jsonl ${tomsk}/data/staff_2021.csv ${tomsk}/data/staff_2022.csv)
run(EXIT 0 MATCH "corrections.jsonl: 3 submissions stored" ARGS submit --db ${db} ${tomsk}/data/workflow/corrections.jsonl)
run(EXIT 0 MATCH "reviews.csv: 554 steps recorded \\(483 accepted, 4 returned, 67 forwarded\\)"
    ARGS review --db ${db} --file ${tomsk}/data/workflow/reviews.csv --user loader)

# What is overdue on 2022-01-12: org03's and org07's blood_families and org07's staff, two days
# each; org05's blood_families was returned the day before; nothing else is late or due (org18's
# lateness of 2021Q2 is history, shown with --history).
run(EXIT 0 ARGS status --db ${db} --on 2022-01-12 --history
    MATCH "Status on 2022-01-12 \\(Wednesday\\): every unit, model tomsk"
          "\norg03  [^\n]+\\(organization under platform_blood\\)\n  overdue    blood_families 2021Q4 to platform_blood: due 2022-01-10 \\(Monday\\), 2 days overdue\n\n"
          "\norg05  [^\n]+\n  returned   blood_families 2021Q4: returned by platform_blood \\(petrova\\) at 2022-01-11:\n +«Распределение семей по уровням риска"
          "\norg07  [^\n]+\n  overdue    blood_families 2021Q4 to platform_blood: due 2022-01-10 \\(Monday\\), 2 days overdue\n  overdue    staff 2021Q4 to platform_blood: due 2022-01-10 \\(Monday\\), 2 days overdue\n\n"
          "\norg18  [^\n]+\n  late       foster_support 2021Q2 to platform_foster_south: submitted 2021-07-08, due 2021-07-05, 3 days late\n"
          "\n +org03 +1/2 +50%"
    NOT "  due soon  ")
string(REGEX MATCHALL "\n  overdue " overdue "${last_output}")
list(LENGTH overdue n)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "on 2022-01-12 exactly three reports are overdue, the status lists ${n}:\n${last_output}")
endif()

# One platform and what is below it; the late forward of 2022Q3 and the report still returned.
run(EXIT 0 ARGS status --db ${db} --on 2023-01-26 --unit platform_foster_north
    MATCH "overdue    forward foster_support 2022Q4 to center: due 2023-01-25 \\(Wednesday\\), 1 day overdue; 5 of 6 reports below accepted, not yet: org21"
          "\norg21  [^\n]+\n  returned   foster_support 2022Q4: returned by platform_foster_north \\(kuznetsova\\) at 2023-01-07"
    NOT "\norg03 ")
run(EXIT 0 ARGS status --db ${db} --on 2023-01-26 --unit platform_blood --history
    MATCH "late       forward blood_families 2022Q3 to center: forwarded 2022-10-18, due 2022-10-15, 3 days late")

# The same review file again: every step already taken, nothing stored.
run(EXIT 1 ARGS review --db ${db} --file ${tomsk}/data/workflow/reviews.csv
    MATCH "reviews.csv:2:1: error: [^\n]+ is already accepted" "nothing of this file was stored")

# One report's history, and steps refused with the reason.
run(EXIT 0 ARGS submissions --db ${db} --form blood_families --unit org05 --period 2021Q4 --all)
string(REGEX MATCH "\n +([0-9]+)  blood_families" first "${last_output}")
set(v1 ${CMAKE_MATCH_1})
run(EXIT 0 ARGS review --db ${db} history ${v1}
    MATCH "blood_families of org05 for 2021Q4 «Работа с кровными семьями»\n"
          "returned   by platform_blood \\(petrova\\)" "version 2, submission [0-9]+, by [^\n]+: a correction" "accepted   by platform_blood"
          "forwarded  by platform_blood" "now: version 2 \\(submission [0-9]+\\): forwarded: accepted by platform_blood \\(petrova\\) at 2022-01-14")
run(EXIT 1 ARGS review --db ${db} accept ${v1} --as platform_blood
    MATCH "mera: error: submission ${v1} is version 1 of blood_families of org05 for 2021Q4, and version 2 replaced it")
run(EXIT 1 ARGS review --db ${db} accept 999999 --as platform_blood MATCH "no submission 999999 in")
run(EXIT 2 ARGS status --db ${db} --on 2022-01-12 --unit org99 MATCH "no unit 'org99'")
