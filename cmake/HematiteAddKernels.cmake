# hematite_add_kernels: compile Rust kernel files with hematite into typed C++ launch
# headers (docs/cmake.md). Part of the Hematite CMake package (find_package(Hematite)).
#
#   hematite_add_kernels(<name>
#     SOURCES k.rs [more.rs ...]          kernel files (relative: to the current source dir)
#     TARGETS sm_90 gfx942 vulkan1.2      what the embedded bundle holds code for
#     [OPTIONS -O2 -C overflow-checks=on ...])   more hematite arguments
#
# For each source `k.rs` it runs, at build time,
#   hematite --target=sm_90,gfx942,vulkan1.2 --emit=header [OPTIONS]
#            -o <build>/<name>/k.hpp -MD -MF <build>/<name>/k.hpp.d k.rs
# and creates <name>, an INTERFACE library: linking it adds <build>/<name> to the include
# path (so `#include "k.hpp"`), links Hematite::runtime and makes the headers be
# generated before anything that links it is compiled. The depfile lists every file
# the compiler read (the `mod x;` files too), so editing a file recompiles exactly the
# kernels that use it (Ninja and Makefile generators, CMake >= 3.20).
include_guard(GLOBAL)

function(hematite_add_kernels name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES;TARGETS;OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "hematite_add_kernels(${name}): unknown arguments: "
                        "${ARG_UNPARSED_ARGUMENTS} (expected SOURCES, TARGETS, OPTIONS)")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "hematite_add_kernels(${name}): no SOURCES (the kernel .rs files)")
  endif()
  if(NOT ARG_TARGETS)
    message(FATAL_ERROR "hematite_add_kernels(${name}): no TARGETS (e.g. TARGETS "
                        "sm_90 gfx942 vulkan1.2; hematite --help lists them)")
  endif()
  if(NOT TARGET Hematite::compiler)
    message(FATAL_ERROR "hematite_add_kernels(${name}): Hematite::compiler is missing "
                        "(this Hematite was installed without its compiler)")
  endif()
  if(NOT CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
    message(WARNING "hematite_add_kernels(${name}): the ${CMAKE_GENERATOR} generator "
                    "ignores depfiles: editing a `mod` file will not rebuild its kernels")
  endif()

  list(JOIN ARG_TARGETS "," target_list)
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${name})
  set(headers "")
  set(stems "")
  foreach(source IN LISTS ARG_SOURCES)
    get_filename_component(source_abs "${source}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    get_filename_component(stem "${source}" NAME_WE)
    if(stem IN_LIST stems)
      message(FATAL_ERROR "hematite_add_kernels(${name}): two sources named ${stem}.rs; "
                          "their headers would both be ${out_dir}/${stem}.hpp")
    endif()
    list(APPEND stems ${stem})
    set(header ${out_dir}/${stem}.hpp)
    set(depfile ${out_dir}/${stem}.hpp.d)
    add_custom_command(
      OUTPUT ${header}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${out_dir}
      COMMAND Hematite::compiler --target=${target_list} --emit=header ${ARG_OPTIONS}
              -o ${header} -MD -MF ${depfile} ${source_abs}
      DEPENDS ${source_abs} $<TARGET_FILE:Hematite::compiler>
      DEPFILE ${depfile}
      COMMENT "hematite: ${stem}.rs -> ${name}/${stem}.hpp (${target_list})"
      VERBATIM COMMAND_EXPAND_LISTS)
    list(APPEND headers ${header})
  endforeach()

  add_custom_target(${name}_headers DEPENDS ${headers})
  add_library(${name} INTERFACE)
  add_dependencies(${name} ${name}_headers)
  target_include_directories(${name} INTERFACE ${out_dir})
  target_link_libraries(${name} INTERFACE Hematite::runtime)
  target_compile_features(${name} INTERFACE cxx_std_17)
  set_target_properties(${name} PROPERTIES HEMATITE_KERNEL_HEADERS "${headers}")
endfunction()
