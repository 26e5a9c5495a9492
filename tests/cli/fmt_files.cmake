# mera fmt and the file it rewrites (issue 13.8): a symlink is written through (the link stays a
# link, the target keeps its mode), a read-only file is refused and left byte for byte as it
# was, and no temporary file is left behind. Arguments: -DMERA= -DSOURCE= -DWORK=.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/models)
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)
set(unformatted ${SOURCE}/tests/cli/unformatted.mera)
file(READ ${unformatted} original)

function(mode_of file out)
  execute_process(COMMAND stat -c %a ${file} OUTPUT_VARIABLE mode OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(${out} "${mode}" PARENT_SCOPE)
endfunction()

# A link to a file in another folder, the target with an unusual mode.
file(COPY_FILE ${unformatted} ${WORK}/models/target.mera)
file(CHMOD ${WORK}/models/target.mera FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
file(CREATE_LINK models/target.mera ${WORK}/link.mera SYMBOLIC)
run(EXIT 0 MATCH "^formatted link.mera\n$" ARGS fmt link.mera)
if(NOT IS_SYMLINK ${WORK}/link.mera)
  message(FATAL_ERROR "mera fmt link.mera replaced the link with a file")
endif()
run(EXIT 0 MATCH "^$" ARGS fmt --check models/target.mera)
mode_of(${WORK}/models/target.mera mode)
if(NOT mode STREQUAL "640")
  message(FATAL_ERROR "mera fmt changed the target's mode from 640 to ${mode}")
endif()

# A read-only file: refused, unchanged (even for root, who may write it).
file(COPY_FILE ${unformatted} ${WORK}/models/locked.mera)
file(CHMOD ${WORK}/models/locked.mera FILE_PERMISSIONS OWNER_READ GROUP_READ WORLD_READ)
run(EXIT 2 MATCH "^mera: error: models/locked.mera: the file is read-only: make it writable \\(chmod u\\+w\\) to format it. the file is left as it is\n$"
    ARGS fmt models/locked.mera)
file(READ ${WORK}/models/locked.mera after)
mode_of(${WORK}/models/locked.mera mode)
if(NOT after STREQUAL original OR NOT mode STREQUAL "444")
  message(FATAL_ERROR "mera fmt changed a read-only file (mode now ${mode})")
endif()
# --check reads it as any other file.
run(EXIT 1 MATCH "models/locked.mera: not in the canonical layout" ARGS fmt --check models/locked.mera)
# A link to a read-only file names the target.
file(CREATE_LINK models/locked.mera ${WORK}/locked-link.mera SYMBOLIC)
run(EXIT 2 MATCH "locked-link.mera: the file \\(a link to [^\n]*/models/locked.mera\\) is read-only" ARGS fmt locked-link.mera)

file(GLOB leftovers ${WORK}/models/.*tmp* ${WORK}/models/.*mera-fmt* ${WORK}/.*mera-fmt*)
if(leftovers)
  message(FATAL_ERROR "mera fmt left temporary files: ${leftovers}")
endif()
