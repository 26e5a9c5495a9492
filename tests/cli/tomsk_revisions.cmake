# A revision of the Tomsk model as a new user makes one (docs/revisions.md): from 2022 the
# department raises the targets for positive dynamics to 65 % and counts families at medium and
# high risk together. Published as a draft it changes nothing; compared, it shows what it would
# change; approved, it governs 2022 and 2021 stays exactly as it was. Run as
#   cmake -DMERA=build/mera -DSOURCE=<repo> -DWORK=<empty folder> -P tomsk_revisions.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(tomsk ${SOURCE}/examples/tomsk)
set(db ${WORK}/tomsk.db)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

# The methodologist's edit, on a copy of the model: two changes of meaning, one of layout.
file(COPY ${tomsk} DESTINATION ${WORK}/edit)
set(next ${WORK}/edit/tomsk)
file(READ ${next}/model.mera text)
string(REPLACE "effective 2020-06-10" "effective 2022-01-01" text "${text}")
file(WRITE ${next}/model.mera "${text}")
file(READ ${next}/indicators.mera text)
string(REPLACE "value = sum(blood_families.by_risk[high]) / sum(blood_families.families)"
               "value = (sum(blood_families.by_risk[high]) + sum(blood_families.by_risk[medium]))\n        / sum(blood_families.families)"
               text "${text}")
string(REPLACE "доля семей с высоким уровнем риска\"" "доля семей со средним и высоким уровнем риска\"" text "${text}")
string(REPLACE "  format percent digits 1\n  target >= 60%" "  format percent digits 1\n  target >= 65%" text "${text}")
file(WRITE ${next}/indicators.mera "${text}")

run(EXIT 0 MATCH "28 units" ARGS init --db ${db} ${tomsk})
run(EXIT 0 ARGS submit --db ${db} ${tomsk}/data/2021.jsonl ${tomsk}/data/2022.jsonl ${tomsk}/data/staff_2021.csv ${tomsk}/data/staff_2022.csv)
run(EXIT 0 ARGS eval --db ${db} --period 2021 MATCH "revision 1 \\(in force from 2020-06-10\\), period 2021")
set(before_2021 "${last_output}")
run(EXIT 0 ARGS eval --db ${db} --period 2022 MATCH "revision 1 \\(in force from 2020-06-10\\), period 2022")
set(before_2022 "${last_output}")

# Refused before anything is stored: a date that disagrees with the model's, a model that
# does not check.
run(EXIT 1 ARGS model publish --db ${db} ${next} --effective 2023-01-01
    MATCH "model.mera:20:13: error: the model takes effect on 2022-01-01, and --effective says 2023-01-01: change the model's header"
          "\n +effective 2022-01-01  # [^\n]*\n +\\^~~~~~~~~~\n"
          "cannot publish [^\n]*: its effective date disagrees with --effective")
run(EXIT 1 ARGS model publish --db ${db} ${SOURCE}/tests/golden/check/unknown_field.mera --effective 2022-01-01
    MATCH "unknown_field.mera:[0-9]+:[0-9]+: error: " "the model has errors; nothing was published")

# What the edit changes, by meaning: the header's date, one formula and label, two targets.
run(EXIT 0 ARGS model diff ${tomsk} ${next}
    MATCH "^changes in meaning from [^\n]*examples/tomsk to [^\n]*edit/tomsk:\n"
          "\nchanged  model tomsk «Томская область»\n    effective: 2020-06-10 -> 2022-01-01\n"
          "\nchanged  indicator blood_high_risk_share «Кровные семьи: доля семей со средним и высоким уровнем риска»\n    label: [^\n]+\n    value: sum\\(blood_families.by_risk\\[high\\]\\) / sum\\(blood_families.families\\) -> \\(sum\\(blood_families.by_risk\\[high\\]\\) \\+ sum\\(blood_families.by_risk\\[medium\\]\\)\\) / sum\\(blood_families.families\\)\n"
          "\nchanged  indicator blood_positive_share [^\n]+\n    target: >= 60% -> >= 65%\n"
          "\n4 changes: 4 changed\n")
# Layout and comments mean nothing: the model indented otherwise and commented is the same.
file(COPY ${tomsk} DESTINATION ${WORK}/layout)
file(READ ${WORK}/layout/tomsk/indicators.mera text)
string(REPLACE "\n  " "\n        " text "${text}")
string(REPLACE "\nindicator " "\n# a comment\nindicator " text "${text}")
file(WRITE ${WORK}/layout/tomsk/indicators.mera "${text}")
run(EXIT 1 ARGS fmt --check ${WORK}/layout/tomsk MATCH "not in the canonical layout")
run(EXIT 0 ARGS model diff ${tomsk} ${WORK}/layout/tomsk MATCH "^no changes in meaning from ")

# The draft: stored, listed, and without effect on validation or values.
run(EXIT 0 ARGS model publish --db ${db} ${next} --effective 2022-01-01 --user methodologist
    MATCH "revision 2 of model tomsk published as a draft, effective 2022-01-01" "mera eval --db [^\n]* --revision 2 --compare"
    NOT "Note: it means the same")
run(EXIT 1 ARGS model publish --db ${db} ${next} --effective 2022-01-01 MATCH "it is the same as revision 2 \\(draft, effective 2022-01-01\\)")
run(EXIT 0 ARGS model list --db ${db}
    MATCH "\n +1  approved  2020-06-10  2020-06-10 onwards " "\n +2  draft     2022-01-01  \\(a draft: nothing\\) +[0-9a-f]+  methodologist ")
run(EXIT 0 ARGS eval --db ${db} --period 2022)
if(NOT last_output STREQUAL before_2022)
  message(FATAL_ERROR "a draft changed the 2022 dashboard:\n${last_output}")
endif()

# What-if and the side-by-side comparison.
run(EXIT 0 ARGS eval --db ${db} --period 2022 --revision 2
    MATCH "revision 2 \\(draft, effective 2022-01-01; what-if: revision 1 is in force for this period, and nothing is stored\\)"
          "доля семей со средним и высоким уровнем риска +[0-9.]+ % +blood_high_risk_share")
run(EXIT 0 ARGS eval --db ${db} --period 2022 --revision 2 --compare
    MATCH "in force: revision 1 \\(in force from 2020-06-10\\)"
          "\n +Кровные семьи: доля семей со средним и высоким уровнем риска +23.[0-9] % +63.6 % +changed +blood_high_risk_share\n"
          "\n +Кровные семьи: доля семей с положительной динамикой +[0-9.]+ % +[0-9.]+ % +target +blood_positive_share\n"
          "\n1 of 42 values change, 2 are judged against a changed target, 0 are new and 0 gone under revision 2\\.")
run(EXIT 2 ARGS eval --db ${db} --period 2022 --compare MATCH "--compare requires --revision")

# Approval: only the department, only once, only what exists.
run(EXIT 1 ARGS model approve --db ${db} 2 --as platform_blood
    MATCH "cannot approve revision 2: a revision is approved at the top of the route, by a department «Департамент» \\(Regulation 1.5\\), and platform_blood is at level platform «Методическая площадка»: approve as department")
run(EXIT 1 ARGS model approve --db ${db} 5 --as department MATCH "cannot approve revision 5: [^\n]* has no such revision \\(it has 1, 2;")
run(EXIT 0 ARGS model approve --db ${db} 2 --as department --user head
    MATCH "revision 2 of model tomsk approved by head as department; it governs periods starting 2022-01-01 onwards"
          "[0-9]+ stored submissions of those periods were checked under an earlier revision")
run(EXIT 1 ARGS model approve --db ${db} 2 --as department MATCH "cannot approve revision 2: it was approved already, by head as department at ")
run(EXIT 0 ARGS model list --db ${db}
    MATCH "\n +1  approved  2020-06-10  2020-06-10 .. 2021-12-31 " "\n +2  approved  2022-01-01  2022-01-01 onwards ")

# A copy that differs only in layout and comments is a revision, but the publisher is told.
file(COPY ${next} DESTINATION ${WORK}/relaid)
file(APPEND ${WORK}/relaid/tomsk/indicators.mera "# Пересмотр 2022 года: утверждён приказом департамента.\n")
run(EXIT 0 ARGS model publish --db ${db} ${WORK}/relaid/tomsk --effective 2022-01-01
    MATCH "revision 3 of model tomsk published as a draft" "Note: it means the same as revision 2; only layout or comments differ")

# The stored revisions compare as the folders did; a revision with the folder it came from, not at all.
run(EXIT 0 ARGS model diff --db ${db} 1 2 MATCH "^changes in meaning from revision 1 \\(approved\\) to revision 2 \\(approved\\):\n" "\n4 changes: 4 changed\n")
run(EXIT 0 ARGS model diff --db ${db} 2 ${next} MATCH "^no changes in meaning from revision 2 \\(approved\\) to ")
run(EXIT 2 ARGS model diff --db ${db} 1 7 MATCH "has no revision 7")

# 2022 under the new revision; 2021 exactly as before.
run(EXIT 0 ARGS eval --db ${db} --period 2022
    MATCH "revision 2 \\(in force from 2022-01-01\\), period 2022" "доля семей со средним и высоким уровнем риска")
run(EXIT 0 ARGS eval --db ${db} --period 2021)
if(NOT last_output STREQUAL before_2021)
  message(FATAL_ERROR "approving a 2022 revision changed the 2021 dashboard:\nbefore:\n${before_2021}\nafter:\n${last_output}")
endif()
