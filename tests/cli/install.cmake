# `cmake --install` gives a mera that runs its demo from anywhere (issue 12.2): install into a
# prefix, move the prefix, run `bin/mera demo` from another folder; then, with the examples
# gone, the demo says every place it looked. Arguments: -DBUILD=<build folder> -DWORK=<scratch>.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/elsewhere)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 0)
  message(FATAL_ERROR "cmake --install: exit ${exit}\n${out}${err}")
endif()
file(RENAME ${WORK}/prefix ${WORK}/moved)  # nothing may depend on where it was installed

function(demo expected_exit)
  execute_process(COMMAND ${WORK}/moved/bin/mera demo WORKING_DIRECTORY ${WORK}/elsewhere
                  RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(all "${out}${err}" PARENT_SCOPE)
  if(NOT exit EQUAL expected_exit)
    message(FATAL_ERROR "moved/bin/mera demo: exit ${exit}, expected ${expected_exit}\n${out}${err}")
  endif()
endfunction()

demo(0)
set(examples "${WORK}/moved/share/mera/examples/tomsk")
if(NOT all MATCHES "^mera demo: tomsk: 5 forms[^\n]* with 28 units from ${examples} in a temporary database\n"
   OR NOT all MATCHES "Кровные семьи: обслужено семей +1532 ")
  message(FATAL_ERROR "moved/bin/mera demo did not run the installed example:\n${all}")
endif()

# The web pages mera serve serves, installed beside it (service/src/routes_web.cpp looks there).
file(GLOB scripts ${WORK}/moved/share/mera/web/*.js)
if(NOT EXISTS ${WORK}/moved/share/mera/web/index.html OR NOT scripts)
  message(FATAL_ERROR "cmake --install did not install the web pages (index.html and the bundle) in share/mera/web")
endif()

file(REMOVE_RECURSE ${WORK}/moved/share)
demo(2)
if(NOT all MATCHES "mera: error: mera demo needs the bundled example examples/tomsk and found it nowhere. it looked in\n  ${examples} \\(beside this mera, ${WORK}/moved/bin/mera\\)\n  not the source tree [^\n]+examples/tomsk: only the mera in its build folder [^\n]+ reads it\ninstall mera with its examples \\(cmake --install BUILD --prefix P gives P/bin/mera and P/share/mera/examples\\)")
  message(FATAL_ERROR "without its examples, moved/bin/mera demo does not say where it looked:\n${all}")
endif()
