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

# libdevice (the CUDA toolkit's math library as LLVM bitcode): the PTX backend links
# it when a kernel uses sin, exp, powf, ... Its path is compiled into the compiler
# (backends/ptx/ptx_backend.cpp); HEMATITE_LIBDEVICE in the environment overrides it
# at run time. Without it, those kernels are refused (H0900) on sm_XX targets.
find_file(HEMATITE_LIBDEVICE libdevice.10.bc
  HINTS "${HEMATITE_CUDA_HOME}/nvvm/libdevice" NO_DEFAULT_PATH
  DOC "libdevice.10.bc for CUDA math on PTX (default: beside the CUDA toolkit)")
if(HEMATITE_LIBDEVICE)
  message(STATUS "libdevice: ${HEMATITE_LIBDEVICE}")
  # Only ptx_backend.cpp sees the path, so changing it rebuilds one file. The
  # property is set once backends/ has been processed (deferred to the end of the
  # top-level CMakeLists.txt, which includes this file before add_subdirectory).
  function(hematite_define_libdevice)
    set_source_files_properties("${PROJECT_SOURCE_DIR}/backends/ptx/ptx_backend.cpp"
      DIRECTORY "${PROJECT_SOURCE_DIR}/backends"
      PROPERTIES COMPILE_DEFINITIONS "HEMATITE_DEFAULT_LIBDEVICE=\"${HEMATITE_LIBDEVICE}\"")
  endfunction()
  cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL hematite_define_libdevice)
else()
  message(STATUS "libdevice: not found; sin/exp/... will be refused on sm_XX targets")
  set(HEMATITE_LIBDEVICE "")
endif()
