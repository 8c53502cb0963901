# One ctest step of the language e2e tests: compiles a kernel file with hematite.
#   cmake -DHEMATITE=... -DSOURCE=... -DTARGET=... -DOUTPUT=... [-DFLAGS=...] -P compile_kernel.cmake
# FLAGS (optional): more hematite arguments, one string split like a shell command
# line, e.g. "-C target-feature=+int64-atomics,+float-atomic-add".
# The old output is removed first, so a kernel that no longer compiles cannot leave a
# stale module behind for the run step; hematite's diagnostics go to the test log.
foreach(var HEMATITE SOURCE TARGET OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compile_kernel.cmake: -D${var}=... is required")
  endif()
endforeach()
file(REMOVE ${OUTPUT})
get_filename_component(dir ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
execute_process(COMMAND ${HEMATITE} ${SOURCE} --target=${TARGET} ${flags} -o ${OUTPUT}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hematite ${SOURCE} --target=${TARGET} ${FLAGS} failed (exit ${rc})")
endif()
