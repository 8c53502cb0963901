// The slice of the CUDA driver API the runtime uses, declared here (values and
// signatures as in CUDA 13's cuda.h) so the runtime builds without the CUDA toolkit.
// The functions are loaded from libcuda.so.1 at run time. Where cuda.h #defines a name
// to a versioned symbol (cuMemAlloc -> cuMemAlloc_v2), the versioned symbol is loaded.
#pragma once

#include <cstddef>
#include <string>

#include "hematite/runtime.h"

namespace hm::rt::cuda {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = struct CUctx_st*;
using CUmodule = struct CUmod_st*;
using CUfunction = struct CUfunc_st*;
using CUstream = struct CUstream_st*;
using CUevent = struct CUevent_st*;
using CUjit_option = int;
using CUdevice_attribute = int;

constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_INVALID_VALUE = 1;
constexpr CUresult CUDA_ERROR_OUT_OF_MEMORY = 2;
constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;
constexpr CUresult CUDA_ERROR_INVALID_IMAGE = 200;
constexpr CUresult CUDA_ERROR_INVALID_PTX = 218;
constexpr CUresult CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;
constexpr CUresult CUDA_ERROR_NOT_FOUND = 500;
constexpr CUresult CUDA_ERROR_NOT_READY = 600;

constexpr unsigned int CU_STREAM_DEFAULT = 0;  // blocking: orders with the legacy stream
constexpr unsigned int CU_EVENT_DEFAULT = 0;   // timing enabled

constexpr CUjit_option CU_JIT_INFO_LOG_BUFFER = 3;
constexpr CUjit_option CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
constexpr CUjit_option CU_JIT_ERROR_LOG_BUFFER = 5;
constexpr CUjit_option CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;

constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X = 2;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y = 3;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z = 4;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X = 5;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y = 6;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z = 7;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_WARP_SIZE = 10;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

// X(member name, exported symbol, return type, parameters)
#define HM_CUDA_REQUIRED_FUNCTIONS(X)                                                     \
  X(cuInit, "cuInit", CUresult, (unsigned int flags))                                     \
  X(cuDriverGetVersion, "cuDriverGetVersion", CUresult, (int* version))                  \
  X(cuDeviceGetCount, "cuDeviceGetCount", CUresult, (int* count))                        \
  X(cuDeviceGet, "cuDeviceGet", CUresult, (CUdevice * device, int ordinal))              \
  X(cuDeviceGetName, "cuDeviceGetName", CUresult, (char* name, int len, CUdevice dev))   \
  X(cuDeviceGetAttribute, "cuDeviceGetAttribute", CUresult,                              \
    (int* value, CUdevice_attribute attrib, CUdevice dev))                               \
  X(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain", CUresult,                      \
    (CUcontext * ctx, CUdevice dev))                                                     \
  X(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2", CUresult, (CUdevice dev)) \
  X(cuCtxSetCurrent, "cuCtxSetCurrent", CUresult, (CUcontext ctx))                       \
  X(cuCtxSynchronize, "cuCtxSynchronize", CUresult, ())                                  \
  X(cuModuleLoadDataEx, "cuModuleLoadDataEx", CUresult,                                  \
    (CUmodule * module, const void* image, unsigned int num_options,                     \
     CUjit_option* options, void** option_values))                                       \
  X(cuModuleUnload, "cuModuleUnload", CUresult, (CUmodule module))                       \
  X(cuModuleGetFunction, "cuModuleGetFunction", CUresult,                                \
    (CUfunction * function, CUmodule module, const char* name))                          \
  X(cuMemAlloc, "cuMemAlloc_v2", CUresult, (CUdeviceptr * dptr, size_t bytes))           \
  X(cuMemFree, "cuMemFree_v2", CUresult, (CUdeviceptr dptr))                             \
  X(cuMemcpyHtoD, "cuMemcpyHtoD_v2", CUresult,                                           \
    (CUdeviceptr dst, const void* src, size_t bytes))                                    \
  X(cuMemcpyDtoH, "cuMemcpyDtoH_v2", CUresult,                                           \
    (void* dst, CUdeviceptr src, size_t bytes))                                          \
  X(cuLaunchKernel, "cuLaunchKernel", CUresult,                                          \
    (CUfunction f, unsigned int grid_x, unsigned int grid_y, unsigned int grid_z,        \
     unsigned int block_x, unsigned int block_y, unsigned int block_z,                   \
     unsigned int shared_mem_bytes, CUstream stream, void** params, void** extra))       \
  X(cuGetErrorName, "cuGetErrorName", CUresult, (CUresult error, const char** name))     \
  X(cuGetErrorString, "cuGetErrorString", CUresult, (CUresult error, const char** text))

// Loaded when present, checked for nullptr before use.
#define HM_CUDA_OPTIONAL_FUNCTIONS(X)                                                   \
  /* CUDA 12.4+: lets the runtime check a kernel's parameter list against the */       \
  /* signature it is given. */                                                         \
  X(cuFuncGetParamInfo, "cuFuncGetParamInfo", CUresult,                                \
    (CUfunction func, size_t index, size_t* offset, size_t* size))                     \
  /* Every real driver has it; optional only so that test doubles of libcuda need */   \
  /* not. Without it modules have no metadata and panics are not reported. */          \
  X(cuModuleGetGlobal, "cuModuleGetGlobal_v2", CUresult,                               \
    (CUdeviceptr * dptr, size_t * bytes, CUmodule module, const char* name))            \
  /* Streams, events and asynchronous copies: in every driver, optional so that the */ \
  /* test doubles of libcuda need not have them (using them then is an error). */      \
  X(cuStreamCreate, "cuStreamCreate", CUresult, (CUstream * stream, unsigned int flags)) \
  X(cuStreamDestroy, "cuStreamDestroy_v2", CUresult, (CUstream stream))                \
  X(cuStreamSynchronize, "cuStreamSynchronize", CUresult, (CUstream stream))           \
  X(cuEventCreate, "cuEventCreate", CUresult, (CUevent * event, unsigned int flags))   \
  X(cuEventDestroy, "cuEventDestroy_v2", CUresult, (CUevent event))                    \
  X(cuEventRecord, "cuEventRecord", CUresult, (CUevent event, CUstream stream))        \
  X(cuEventSynchronize, "cuEventSynchronize", CUresult, (CUevent event))               \
  /* CUDA 13's cuda.h maps cuEventElapsedTime to _v2 (12.8+); older drivers have */    \
  /* only the first version, which the loader falls back to. */                        \
  X(cuEventElapsedTime, "cuEventElapsedTime_v2", CUresult,                             \
    (float* ms, CUevent start, CUevent end))                                           \
  X(cuEventElapsedTimeV1, "cuEventElapsedTime", CUresult,                              \
    (float* ms, CUevent start, CUevent end))                                           \
  X(cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2", CUresult,                               \
    (CUdeviceptr dst, const void* src, size_t bytes, CUstream stream))                 \
  X(cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2", CUresult,                               \
    (void* dst, CUdeviceptr src, size_t bytes, CUstream stream))

struct CudaApi {
#define HM_CUDA_DECLARE(member, symbol, ret, params) ret(*member) params = nullptr;
  HM_CUDA_REQUIRED_FUNCTIONS(HM_CUDA_DECLARE)
  HM_CUDA_OPTIONAL_FUNCTIONS(HM_CUDA_DECLARE)
#undef HM_CUDA_DECLARE
};

// HM_SUCCESS when an optional function was loaded; else an error saying the driver
// lacks `symbol`.
hm_status missing_function(const char* symbol);
template <typename Function>
hm_status require_function(Function* function, const char* symbol) {
  return function != nullptr ? HM_SUCCESS : missing_function(symbol);
}

// Loads libcuda.so.1 and every function above (once per process) and calls cuInit.
// The error says which library or symbol is missing and how to get it.
hm_status load_cuda_api(const CudaApi** out);

// "CUDA_ERROR_OUT_OF_MEMORY (out of memory)" for messages.
std::string describe_cuda_result(const CudaApi& api, CUresult result);

}  // namespace hm::rt::cuda
