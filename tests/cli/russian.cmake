# mera submit in Russian (LANG=ru_RU.UTF-8, nothing in LC_ALL or LC_MESSAGES): the frame and the
# messages of a refused file are Russian; the same file with LC_ALL=C.UTF-8 is English.
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
