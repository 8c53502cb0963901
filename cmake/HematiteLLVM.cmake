# Finds LLVM/MLIR/LLD 22 and SPIRV-Tools and sets up the compiler's build flags.
# Everything links the shared libLLVM.so / libMLIR.so: a relink takes a fraction of
# a second instead of seconds, which matters for CI on 2 cores.

set(HEMATITE_LLVM_ROOT "/usr/lib/llvm-22" CACHE PATH "LLVM/MLIR 22 installation prefix")
find_package(MLIR REQUIRED CONFIG PATHS "${HEMATITE_LLVM_ROOT}/lib/cmake/mlir" NO_DEFAULT_PATH)
find_package(LLD REQUIRED CONFIG PATHS "${HEMATITE_LLVM_ROOT}/lib/cmake/lld" NO_DEFAULT_PATH)
message(STATUS "Using LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

list(APPEND CMAKE_MODULE_PATH "${MLIR_CMAKE_DIR}" "${LLVM_CMAKE_DIR}")
set(LLVM_RUNTIME_OUTPUT_INTDIR "${CMAKE_BINARY_DIR}/bin")
set(LLVM_LIBRARY_OUTPUT_INTDIR "${CMAKE_BINARY_DIR}/lib")
set(MLIR_BINARY_DIR "${CMAKE_BINARY_DIR}")
include(TableGen)
include(AddLLVM)
include(AddMLIR)
include(HandleLLVMOptions)

# MLIRConfig.cmake does not set this although libMLIR.so exists.
set(MLIR_LINK_MLIR_DYLIB ON)

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS} ${LLD_INCLUDE_DIRS})
separate_arguments(HEMATITE_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")
add_definitions(${HEMATITE_LLVM_DEFINITIONS})

find_package(SPIRV-Tools REQUIRED CONFIG)
find_package(SPIRV-Tools-opt REQUIRED CONFIG)
find_package(CLI11 QUIET CONFIG)
if(NOT CLI11_FOUND)
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()

# The repository's own headers: #include "frontend/lex/lexer.h", "backends/backend.h", ...
include_directories(${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})

# hematite_compiler_library(name SOURCES ... LINK ...): a compiler-side library that
# links MLIR/LLVM through the shared libraries.
function(hematite_compiler_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK;DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_link_libraries(${name} PUBLIC ${ARG_LINK} MLIR LLVM)
  # LLVM is built without exceptions; RTTI stays on as in LLVM's build.
  target_compile_options(${name} PRIVATE -fno-exceptions)
endfunction()
