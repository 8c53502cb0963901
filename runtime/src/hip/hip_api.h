// The slice of the HIP runtime API the runtime uses, loaded from libamdhip64 at run
// time. Where ROCm's headers were found at build time (Debian: libamdhip64-dev;
// HEMATITE_RT_HIP_HEADERS), the types, constants and function-pointer types come from
// <hip/hip_runtime_api.h>, so a signature that disagrees with HIP's is a compile
// error; otherwise the declarations below (values as in HIP 5.2 and 6.x) are used.
#pragma once

#include <cstddef>
#include <string>

#include "hematite/runtime.h"

#ifdef HEMATITE_RT_HIP_HEADERS
#ifndef __HIP_PLATFORM_AMD__
#define __HIP_PLATFORM_AMD__ 1
#endif
#include <hip/hip_runtime_api.h>
#endif

namespace hm::rt::hip {

#ifdef HEMATITE_RT_HIP_HEADERS
using HipError = ::hipError_t;
using HipDeviceptr = ::hipDeviceptr_t;
using HipModule = ::hipModule_t;
using HipFunction = ::hipFunction_t;
using HipStream = ::hipStream_t;
using HipEvent = ::hipEvent_t;
using HipDeviceAttribute = ::hipDeviceAttribute_t;
using HipDeviceProp = ::hipDeviceProp_t;
constexpr bool kHaveHipHeaders = true;
#define HM_HIP_CONSTANT(name, value) constexpr auto k_##name = ::name;
#else
using HipError = int;
using HipDeviceptr = void*;
using HipModule = struct ihipModule_t*;
using HipFunction = struct ihipModuleSymbol_t*;
using HipStream = struct ihipStream_t*;
using HipEvent = struct ihipEvent_t*;
using HipDeviceAttribute = int;
struct HipDeviceProp;  // layout unknown without the headers (see hip_backend.cpp)
constexpr bool kHaveHipHeaders = false;
#define HM_HIP_CONSTANT(name, value) constexpr int k_##name = value;
#endif

// name, value without the headers
#define HM_HIP_CONSTANTS(X)                             \
  X(hipSuccess, 0)                                      \
  X(hipErrorInvalidValue, 1)                            \
  X(hipErrorOutOfMemory, 2)                             \
  X(hipErrorNoDevice, 100)                              \
  X(hipErrorInvalidDevice, 101)                         \
  X(hipErrorNotFound, 500)                              \
  X(hipDeviceAttributeMaxBlockDimX, 26)                 \
  X(hipDeviceAttributeMaxBlockDimY, 27)                 \
  X(hipDeviceAttributeMaxBlockDimZ, 28)                 \
  X(hipDeviceAttributeMaxGridDimX, 29)                  \
  X(hipDeviceAttributeMaxGridDimY, 30)                  \
  X(hipDeviceAttributeMaxGridDimZ, 31)                  \
  X(hipDeviceAttributeMaxThreadsPerBlock, 56)           \
  X(hipDeviceAttributeWarpSize, 87)
HM_HIP_CONSTANTS(HM_HIP_CONSTANT)
#undef HM_HIP_CONSTANT

// HIP 6 renamed the properties query when hipDeviceProp_t changed layout; load the
// symbol that matches the layout we were compiled with.
#if defined(HEMATITE_RT_HIP_HEADERS) && HIP_VERSION_MAJOR >= 6
#define HM_HIP_PROPERTIES_SYMBOL "hipGetDevicePropertiesR0600"
#else
#define HM_HIP_PROPERTIES_SYMBOL "hipGetDeviceProperties"
#endif

// X(member name, exported symbol, return type, parameters)
#define HM_HIP_FUNCTIONS(X)                                                              \
  X(hipInit, "hipInit", HipError, (unsigned int flags))                                  \
  X(hipGetDeviceCount, "hipGetDeviceCount", HipError, (int* count))                      \
  X(hipDeviceGetName, "hipDeviceGetName", HipError, (char* name, int len, int device))   \
  X(hipDeviceGetAttribute, "hipDeviceGetAttribute", HipError,                            \
    (int* value, HipDeviceAttribute attribute, int device))                              \
  X(hipGetDeviceProperties, HM_HIP_PROPERTIES_SYMBOL, HipError,                          \
    (HipDeviceProp * properties, int device))                                            \
  X(hipSetDevice, "hipSetDevice", HipError, (int device))                                \
  X(hipDeviceSynchronize, "hipDeviceSynchronize", HipError, ())                          \
  X(hipModuleLoadData, "hipModuleLoadData", HipError,                                    \
    (HipModule * module, const void* image))                                             \
  X(hipModuleUnload, "hipModuleUnload", HipError, (HipModule module))                    \
  X(hipModuleGetFunction, "hipModuleGetFunction", HipError,                              \
    (HipFunction * function, HipModule module, const char* name))                        \
  X(hipModuleGetGlobal, "hipModuleGetGlobal", HipError,                                  \
    (HipDeviceptr * address, size_t * bytes, HipModule module, const char* name))        \
  X(hipModuleLaunchKernel, "hipModuleLaunchKernel", HipError,                            \
    (HipFunction f, unsigned int grid_x, unsigned int grid_y, unsigned int grid_z,       \
     unsigned int block_x, unsigned int block_y, unsigned int block_z,                   \
     unsigned int shared_mem_bytes, HipStream stream, void** params, void** extra))      \
  X(hipMalloc, "hipMalloc", HipError, (void** address, size_t bytes))                    \
  X(hipFree, "hipFree", HipError, (void* address))                                       \
  X(hipMemcpyHtoD, "hipMemcpyHtoD", HipError,                                            \
    (HipDeviceptr dst, void* src, size_t bytes))                                         \
  X(hipMemcpyDtoH, "hipMemcpyDtoH", HipError,                                            \
    (void* dst, HipDeviceptr src, size_t bytes))                                         \
  X(hipMemcpyHtoDAsync, "hipMemcpyHtoDAsync", HipError,                                  \
    (HipDeviceptr dst, void* src, size_t bytes, HipStream stream))                       \
  X(hipMemcpyDtoHAsync, "hipMemcpyDtoHAsync", HipError,                                  \
    (void* dst, HipDeviceptr src, size_t bytes, HipStream stream))                       \
  X(hipStreamCreate, "hipStreamCreate", HipError, (HipStream * stream))                  \
  X(hipStreamDestroy, "hipStreamDestroy", HipError, (HipStream stream))                  \
  X(hipStreamSynchronize, "hipStreamSynchronize", HipError, (HipStream stream))          \
  X(hipEventCreate, "hipEventCreate", HipError, (HipEvent * event))                      \
  X(hipEventDestroy, "hipEventDestroy", HipError, (HipEvent event))                      \
  X(hipEventRecord, "hipEventRecord", HipError, (HipEvent event, HipStream stream))      \
  X(hipEventSynchronize, "hipEventSynchronize", HipError, (HipEvent event))              \
  X(hipEventElapsedTime, "hipEventElapsedTime", HipError,                                \
    (float* ms, HipEvent start, HipEvent end))                                           \
  X(hipGetErrorName, "hipGetErrorName", const char*, (HipError error))                   \
  X(hipGetErrorString, "hipGetErrorString", const char*, (HipError error))

struct HipApi {
#define HM_HIP_DECLARE(member, symbol, ret, params) ret(*member) params = nullptr;
  HM_HIP_FUNCTIONS(HM_HIP_DECLARE)
#undef HM_HIP_DECLARE
};

// The library names tried, in order: the unversioned name (ROCm installs, Debian's
// -dev package), then the sonames of ROCm 7, 6 and 5.
constexpr const char* kHipLibraryNames[] = {"libamdhip64.so", "libamdhip64.so.7",
                                            "libamdhip64.so.6", "libamdhip64.so.5"};

// Loads libamdhip64 and every function above (once per process) and calls hipInit.
// The error names the library (or symbol) missing and how to get it, or says that the
// runtime loaded but found no AMD GPU.
hm_status load_hip_api(const HipApi** out);

// "hipErrorOutOfMemory (out of memory)" for messages.
std::string describe_hip_error(const HipApi& api, HipError error);

}  // namespace hm::rt::hip
