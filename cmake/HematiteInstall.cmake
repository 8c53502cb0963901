# `cmake --install <build> --prefix P`: a relocatable install of the compiler, the
# runtime and the CMake package (docs/cmake.md):
#   P/bin/hematite
#   P/lib/libhematite_rt.so            the runtime as a shared library (C ABI hm_* only)
#   P/include/hematite/*.h, *.hpp      runtime.h, runtime.hpp, launch.hpp
#   P/lib/cmake/Hematite/              HematiteConfig.cmake (+ version, targets,
#                                      HematiteAddKernels.cmake)
# (lib is CMAKE_INSTALL_LIBDIR: lib/x86_64-linux-gnu under /usr on Debian.)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(HEMATITE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Hematite)

# The runtime, shared: the static hematite_rt (built for the tests, which reach its
# internals) whole, exporting only the C ABI. The C++ layer is header-only over it.
add_library(hematite_rt_shared SHARED ${PROJECT_SOURCE_DIR}/runtime/include/hematite/runtime.h)
target_link_libraries(hematite_rt_shared PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,hematite_rt>")
target_include_directories(hematite_rt_shared INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/runtime/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(hematite_rt_shared INTERFACE cxx_std_17)
set_target_properties(hematite_rt_shared PROPERTIES
  OUTPUT_NAME hematite_rt
  EXPORT_NAME runtime
  LINKER_LANGUAGE CXX
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(version_script ${PROJECT_SOURCE_DIR}/cmake/hematite_rt.map)
  target_link_options(hematite_rt_shared PRIVATE "LINKER:--version-script=${version_script}"
                      "LINKER:--no-undefined")
  set_property(TARGET hematite_rt_shared APPEND PROPERTY LINK_DEPENDS ${version_script})
endif()

install(TARGETS hematite_rt_shared EXPORT HematiteTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/hematite
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

if(TARGET hematite)
  set_target_properties(hematite PROPERTIES EXPORT_NAME compiler
    # LLVM/MLIR's shared libraries stay where the system has them (/usr/lib/llvm-22/lib).
    INSTALL_RPATH_USE_LINK_PATH TRUE)
  install(TARGETS hematite EXPORT HematiteTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT HematiteTargets NAMESPACE Hematite:: DESTINATION ${HEMATITE_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/HematiteConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/HematiteConfig.cmake
  INSTALL_DESTINATION ${HEMATITE_INSTALL_CMAKEDIR})
# 0.x: a minor version may break the package, so only the same 0.minor is compatible.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/HematiteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/cmake/HematiteConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/HematiteConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/HematiteAddKernels.cmake
  DESTINATION ${HEMATITE_INSTALL_CMAKEDIR})

# The package as a user meets it: install this build into a temporary prefix, build
# examples/cmake-consumer against it (Ninja and Makefiles) and run it, and check that
# touching its `mod` file regenerates only that kernel's header.
if(HEMATITE_BUILD_TESTS AND TARGET hematite)
  add_test(NAME cmake.consumer
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test-cmake-consumer.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(cmake.consumer PROPERTIES SKIP_RETURN_CODE 77
    ENVIRONMENT "CXX=${CMAKE_CXX_COMPILER}" TIMEOUT 600)
endif()
