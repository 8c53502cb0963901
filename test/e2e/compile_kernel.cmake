# One ctest step of the language e2e tests: compiles a kernel file with hematite.
#   cmake -DHEMATITE=... -DSOURCE=... -DTARGET=... -DOUTPUT=... -P compile_kernel.cmake
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
execute_process(COMMAND ${HEMATITE} ${SOURCE} --target=${TARGET} -o ${OUTPUT}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hematite ${SOURCE} --target=${TARGET} failed (exit ${rc})")
endif()
