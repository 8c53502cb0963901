# The CUDA toolkit is optional. With it, ptxas checks every PTX we emit and libdevice
# provides CUDA's math functions; without it, PTX is still emitted and the tests that
# need ptxas say they were skipped.
set(HEMATITE_CUDA_HOME "" CACHE PATH "CUDA toolkit (default: $CUDA_HOME, then /usr/local/cuda)")
if(NOT HEMATITE_CUDA_HOME)
  if(DEFINED ENV{CUDA_HOME} AND EXISTS "$ENV{CUDA_HOME}")
    set(HEMATITE_CUDA_HOME "$ENV{CUDA_HOME}")
  elseif(EXISTS "/usr/local/cuda")
    set(HEMATITE_CUDA_HOME "/usr/local/cuda")
  endif()
endif()
find_program(HEMATITE_PTXAS ptxas HINTS "${HEMATITE_CUDA_HOME}/bin" NO_DEFAULT_PATH)
if(HEMATITE_PTXAS)
  message(STATUS "CUDA toolkit: ${HEMATITE_CUDA_HOME} (ptxas: ${HEMATITE_PTXAS})")
else()
  message(STATUS "CUDA toolkit: not found; ptxas checks will be skipped")
  set(HEMATITE_PTXAS "")
endif()
