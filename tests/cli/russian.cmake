# The CLI in Russian (LANG=ru_RU.UTF-8, nothing in LC_ALL or LC_MESSAGES): mera submit's frame and the
# messages of a refused file (the same file with LC_ALL=C.UTF-8 is English); status, eval, deadlines,
# units, users and review history over the Tomsk demo.
# cmake -DMERA=... -DSOURCE=... -DWORK=... -P russian.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(golden ${SOURCE}/tests/golden/submit)
execute_process(COMMAND ${MERA} init --db ${WORK}/r.db ${golden}/model RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 0)
  message(FATAL_ERROR "mera init: exit ${exit}\n${out}${err}")
endif()

function(submit expected_exit pattern)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${ARGN} ${MERA} submit --db ${WORK}/r.db ${golden}/types.ru.jsonl
                  WORKING_DIRECTORY ${golden} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT exit EQUAL expected_exit OR NOT "${out}${err}" MATCHES "${pattern}")
    message(FATAL_ERROR "with ${ARGN}: exit ${exit} (expected ${expected_exit}), output does not match '${pattern}':\n${out}${err}")
  endif()
endfunction()

submit(1 "types.ru.jsonl:1:[0-9]+: ошибка: families, org1, 2021Q2: поле «[a-z_]+»[^\n]*\n.*types.ru.jsonl: отказано: [0-9]+ ошиб[а-я]+ в 2 из 2 отчётов; из этого файла ничего не сохранено"
       --unset=LC_ALL --unset=LC_MESSAGES LANG=ru_RU.UTF-8)
submit(1 "types.ru.jsonl:1:[0-9]+: error: families, org1, 2021Q2: field '[a-z_]+'.*refused: [0-9]+ errors in 2 of 2 submissions"
       LC_ALL=C.UTF-8 LANG=ru_RU.UTF-8)
# A mistyped file name, before any database is read: the CLI's own words.
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL LC_MESSAGES=ru_RU.UTF-8 ${MERA} submit --db ${WORK}/r.db no-such.jsonl
                RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 2 OR NOT "${err}" MATCHES "mera: ошибка: [^\n]+\nmera: ничего не отправлено: исправьте имена файлов выше и отправьте снова")
  message(FATAL_ERROR "a missing file in Russian: exit ${exit}\n${out}${err}")
endif()

# mera status in Russian over the Tomsk demo: the headings, the kinds, due dates with weekdays,
# day counts in their plural forms, a return with its reason; the table aligned by characters.
execute_process(COMMAND ${MERA} demo --db ${WORK}/demo.db RESULT_VARIABLE exit OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT exit EQUAL 0)
  message(FATAL_ERROR "mera demo: exit ${exit}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES LANG=ru_RU.UTF-8
                        ${MERA} status --db ${WORK}/demo.db --on 2022-01-12 --unit platform_blood
                RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
foreach(part "^Состояние на 2022-01-12 \\(среда\\): platform_blood и подчинённые ему подразделения"
             "\n  просрочено blood_families 2021Q4 уровню platform_blood: срок 2022-01-10 \\(понедельник\\), просрочено на 2 дня\n"
             "\n  возвращён  blood_families 2021Q4: возвращён: platform_blood \\(petrova\\), 2022-01-11:\n             «"
             "\n             исправьте отчёт и отправьте его снова \\(mera submit --correct\\)\n"
             "\n  далее      quality_report 2021H2 уровню center: срок 2022-01-25 \\(вторник\\), через 13 дней\n"
             "\n7 подразделений: ничего не просрочено"
             "\n +получено +в срок +получено")
  if(NOT exit EQUAL 0 OR NOT "${out}" MATCHES "${part}")
    message(FATAL_ERROR "mera status in Russian: exit ${exit}, no match for '${part}':\n${out}${err}")
  endif()
endforeach()

# mera eval in Russian: the heading, the chosen period's note, the table's column names.
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES LANG=ru_RU.UTF-8 ${MERA} eval --db ${WORK}/demo.db --unit org03
                RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
foreach(part "^tomsk «Томская область», редакция 1 \\(действует с [0-9-]+\\), период 2022\n\\(--period не указан: 2022: последний завершённый год"
             "\n  показатель +значение +цель +оценка +имя\n  Кровные семьи: обслужено семей +229 "
             "\n`mera eval --explain ИМЯ` показывает, как получилось значение.\n$")
  if(NOT exit EQUAL 0 OR NOT "${out}" MATCHES "${part}")
    message(FATAL_ERROR "mera eval in Russian: exit ${exit}, no match for '${part}':\n${out}${err}")
  endif()
endforeach()

# mera deadlines, units, users and review history in Russian over the same demo: each run's exit
# and every pattern it must match (its standard output and error together).
function(russian expected_exit)
  cmake_parse_arguments(R "" "INPUT" "ARGS;MATCH" ${ARGN})
  set(input_option)
  if(R_INPUT)
    file(WRITE ${WORK}/input.txt "${R_INPUT}")
    set(input_option INPUT_FILE ${WORK}/input.txt)
  else()
    file(WRITE ${WORK}/empty.txt "")
    set(input_option INPUT_FILE ${WORK}/empty.txt)
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES LANG=ru_RU.UTF-8 ${MERA} ${R_ARGS}
                  ${input_option} RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  foreach(part ${R_MATCH})
    if(NOT exit EQUAL expected_exit OR NOT "${out}${err}" MATCHES "${part}")
      message(FATAL_ERROR "mera ${R_ARGS} in Russian: exit ${exit} (expected ${expected_exit}), no match for '${part}':\n${out}${err}")
    endif()
  endforeach()
endfunction()

russian(0 ARGS deadlines --db ${WORK}/demo.db --period 2021Q4 --unit org01
        MATCH "^tomsk: сроки сдачи за 2021Q4 \\(2021-10-01 .. 2021-12-31\\), редакция 1, действующая на 2021-10-01\nдля org01  "
              "\\(organization\\): формы, которые оно сдаёт, и этапы, на которых оно передаёт отчёты выше\n"
              "\nblood_families  Работа с кровными семьями\n  organization -> platform  2022-01-10  понедельник\n")
russian(0 ARGS deadlines --db ${WORK}/demo.db --year 2021
        MATCH "^tomsk: сроки сдачи в 2021 году, редакция 1, действующая на 2021-01-01\n\nформа +этап +2021Q1 +2021Q2")
russian(2 ARGS deadlines --db ${WORK}/demo.db --year 20x1 MATCH "^mera: «20x1» — не год: запишите год как 2021\n$")
russian(2 ARGS deadlines --db ${WORK}/demo.db MATCH "^mera: для deadlines укажите --period \\(2021Q4\\) или --year \\(2021\\), что-то одно\n$")
russian(1 ARGS deadlines --db ${WORK}/demo.db --year 2019 MATCH "^mera: ошибка: на 2019-01-01 не действует ни одна утверждённая редакция модели")
# The same under LC_ALL=C.UTF-8: English, whatever LANG says.
execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 LANG=ru_RU.UTF-8 ${MERA} deadlines --db ${WORK}/demo.db --period 2021Q4
                RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 0 OR NOT "${out}" MATCHES "^tomsk: due dates for 2021Q4 .*2022-01-10  Monday\n")
  message(FATAL_ERROR "mera deadlines under LC_ALL=C.UTF-8: exit ${exit}\n${out}${err}")
endif()

russian(0 ARGS units list --db ${WORK}/demo.db --on 2021-03-31
        MATCH "^дерево подразделений на 2021-03-31: [0-9]+ подразделени(й|я)\n  department  Департамент")
russian(2 ARGS units list --db ${WORK}/demo.db --on 2021-13-01 MATCH "^mera: ошибка: «2021-13-01» — не дата; запишите дату как 2021-03-31\n$")
file(WRITE ${WORK}/units_bad.csv "id,name,level,parent,from,to\norg99,Центр,organisation,platform_blood,2022-01-01,\n")
russian(1 ARGS units import --db ${WORK}/demo.db ${WORK}/units_bad.csv
        MATCH "units_bad.csv:2:[0-9]+: ошибка: в модели «tomsk» нет уровня «organisation»; может быть, имелось в виду «organization»\\?\n"
              "units_bad.csv: 1 ошибка; ничего не загружено: исправьте их и загрузите файл снова\n$")

russian(0 ARGS users add --db ${WORK}/demo.db --login petrov --unit org01 --role submitter INPUT "pw of petrov 7Xq!\n"
        MATCH "^учётная запись petrov добавлена: роль submitter, подразделение org01\n$")
russian(2 ARGS users add --db ${WORK}/demo.db --login petrov --unit org01 --role submitter INPUT "pw of petrov 7Xq!\n"
        MATCH "^mera: ошибка: учётная запись «petrov» в [^\n]+ уже есть; выберите другой логин\n$")
russian(2 ARGS users add --db ${WORK}/demo.db --login sidorov --unit org01 --role boss
        MATCH "^mera: ошибка: --role boss: роль — одно из: submitter, reviewer")
russian(2 ARGS users add --db ${WORK}/demo.db --login sidorov --unit org01 --role submitter
        MATCH "^mera: ошибка: на стандартном вводе нет пароля: передайте его одной строкой")
russian(2 ARGS users add --db ${WORK}/demo.db --login sidorov --unit org01 --role submitter INPUT "short\n"
        MATCH "^mera: ошибка: пароль слишком короткий: нужно не меньше [0-9]+ символов\n$")
russian(2 ARGS users passwd --db ${WORK}/demo.db --login nobody INPUT "pw of nobody 7Xq!\n"
        MATCH "^mera: ошибка: учётной записи «nobody» нет в ")
russian(0 ARGS users disable --db ${WORK}/demo.db --login petrov MATCH "^учётная запись petrov отключена; завершено 0 сеансов\n$")
russian(0 ARGS users list --db ${WORK}/demo.db
        MATCH "^логин                 роль            подразделение           состояние\n"
              "\npetrov                submitter       org01                   отключена [0-9T:-]+Z\n")

russian(0 ARGS review history --db ${WORK}/demo.db 1
        MATCH "\n  [0-9-]+ +отправлен  версия 1, отчёт 1, от "
              "\n  [0-9-]+ +принят     [a-z_]+ \\([a-z]+\\)\n"
              "\nсейчас: версия 1 \\(отчёт 1\\): ")

# The model's revisions and diff, a review file's refusals and --explain in Russian: the
# methodologist's words (поле, форма, редакция), the file's own text (quarter, int >= 0) as written.
russian(0 ARGS model list --db ${WORK}/demo.db
        MATCH "^модель tomsk в [^\n]+\n  редакция  состояние   вступает в силу  действует для периодов с  хеш +опубликована +утверждена\n"
              "\n +1  утверждена  2020-06-10       с 2020-06-10  ")
russian(0 ARGS model diff ${SOURCE}/tests/golden/diff/forms/old.mera ${SOURCE}/tests/golden/diff/forms/new.mera
        MATCH "\nудалено    форма foster_school «Школа приёмных родителей \\(ШПР\\)»: период quarter, сдаёт уровень organization, 3 поля, 1 проверка\n"
              "\nизменено   форма staff «Кадровый состав»\n    период: quarter -> half_year\n    сдаёт уровень: organization -> platform\n"
              "\n3 изменения: добавлено 1, удалено 1, изменено 1\n$")
russian(0 ARGS model diff --db ${WORK}/demo.db 1 1 MATCH "^по смыслу редакция 1 \\(утверждена\\) и редакция 1 \\(утверждена\\) не различаются\n$")
russian(2 ARGS model diff --db ${WORK}/demo.db 1 7 MATCH "^mera: ошибка: в [^\n]+ нет редакции 7 \\(их список: mera model list --db ")
russian(0 ARGS check ${SOURCE}/examples/tomsk MATCH "^tomsk: 5 форм, [0-9]+ полей, [0-9]+ показател(ь|я|ей), [0-9]+ срок(а|ов)?, 4 уровня\n$")
file(WRITE ${WORK}/reviews_header.csv "form,unit,period,action,as,reasn\nblood_families,org01,2021Q1,accept,platform_blood,\n")
russian(1 ARGS review --db ${WORK}/demo.db --file ${WORK}/reviews_header.csv
        MATCH "reviews_header.csv:1:[0-9]+: ошибка: неизвестный столбец «reasn»; может быть, имелось в виду «reason»\\?; в файле решений такие столбцы: "
              "reviews_header.csv: отказано: 1 ошибка в 0 строках; из этого файла ничего не сохранено\n$")
file(WRITE ${WORK}/reviews_action.csv "form,unit,period,action,as\nblood_families,org01,2021Q1,acept,platform_blood\n")
russian(1 ARGS review --db ${WORK}/demo.db --file ${WORK}/reviews_action.csv
        MATCH "reviews_action.csv:2:[0-9]+: ошибка: неизвестное действие «acept»; может быть, имелось в виду «accept»\\?; напишите accept \\(принять\\)"
              "reviews_action.csv: отказано: 1 ошибка в 1 строке; из этого файла ничего не сохранено\n$")
russian(1 ARGS review --db ${WORK}/demo.db accept 99999 --as platform_blood MATCH "^mera: ошибка: [^\n]*99999[^\n]*; ничего не записано\n$")
russian(0 ARGS eval --db ${WORK}/demo.db --unit org03 --explain blood_families_served
        MATCH "\nдля org03 «[^\n]+», период 2022, по редакции 1 модели tomsk\n"
              "\n  значение  = sum\\(blood_families.on_support\\) \\+ sum\\(blood_families.closed\\)\n            = 229 \\(показывается как 229\\)\n"
              "\n  подразделение  отчётов +вклад  номера отчётов\n"
              "\n`mera submissions --db DB --id N` показывает отчёт целиком.\n$")
