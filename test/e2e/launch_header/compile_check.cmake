# One compile test of a generated launch header:
#   cmake -DCXX=... -DSOURCE=... -DINCLUDES="a;b" -DCASE=N [-DEXPECT=regex] -P compile_check.cmake
# Without EXPECT the snippet must compile; with it, it must fail and the compiler's
# output must match EXPECT (so a test cannot pass by failing for another reason).
foreach(var CXX SOURCE INCLUDES CASE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compile_check.cmake: -D${var}=... is required")
  endif()
endforeach()
set(flags -std=c++17 -fsyntax-only -DCASE=${CASE})
foreach(dir ${INCLUDES})
  list(APPEND flags -I${dir})
endforeach()
execute_process(COMMAND ${CXX} ${flags} ${SOURCE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT DEFINED EXPECT OR EXPECT STREQUAL "")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "CASE ${CASE} should compile but did not:\n${out}")
  endif()
  message(STATUS "CASE ${CASE} compiles")
else()
  if(rc EQUAL 0)
    message(FATAL_ERROR "CASE ${CASE} compiled, but it should be a compile error")
  endif()
  if(NOT out MATCHES "${EXPECT}")
    message(FATAL_ERROR "CASE ${CASE} failed, but not with '${EXPECT}':\n${out}")
  endif()
  message(STATUS "CASE ${CASE} is a compile error, as it should be")
endif()
