// A FAKE libcuda.so.1 for testing hematite_rt's CUDA backend on machines without an
// NVIDIA GPU: one "device" whose memory is host memory and which knows one kernel,
// saxpy(f32, ptr, u64, ptr, u64) as docs/abi.md lays it out, run on the CPU over the
// whole grid. It checks what the runtime passes (parameter packing, grid/block, copies)
// exactly as the real driver would see it. Loaded only by the e2e.runtime-fake-cuda
// test, through LD_LIBRARY_PATH; never installed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = struct CUctx_st*;
using CUmodule = struct CUmod_st*;
using CUfunction = struct CUfunc_st*;
using CUstream = struct CUstream_st*;

namespace {
constexpr CUresult kSuccess = 0, kInvalidValue = 1, kOutOfMemory = 2, kInvalidDevice = 101,
                   kInvalidPtx = 218, kNotFound = 500;
constexpr int kJitErrorLogBuffer = 5;
CUmodule const kModule = reinterpret_cast<CUmodule>(0x10);
CUfunction const kSaxpy = reinterpret_cast<CUfunction>(0x20);
// saxpy's PTX parameters: f32 a, u64 x_ptr, u64 x_len, u64 y_ptr, u64 y_len.
constexpr size_t kParamSizes[] = {4, 8, 8, 8, 8};
constexpr size_t kParamOffsets[] = {0, 8, 16, 24, 32};
}  // namespace

extern "C" {

CUresult cuInit(unsigned int) { return kSuccess; }
CUresult cuDriverGetVersion(int* v) { *v = 13000; return kSuccess; }
CUresult cuDeviceGetCount(int* count) { *count = 1; return kSuccess; }
CUresult cuDeviceGet(CUdevice* device, int ordinal) {
  if (ordinal != 0) return kInvalidDevice;
  *device = 0;
  return kSuccess;
}
CUresult cuDeviceGetName(char* name, int len, CUdevice) {
  std::snprintf(name, static_cast<size_t>(len), "Fake CUDA device (test stub, runs on the CPU)");
  return kSuccess;
}
CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice) {
  switch (attribute) {
    case 1: *value = 1024; break;                 // max threads per block
    case 2: case 3: *value = 1024; break;         // max block x, y
    case 4: *value = 64; break;                   // max block z
    case 5: *value = 2147483647; break;           // max grid x
    case 6: case 7: *value = 65535; break;        // max grid y, z
    case 10: *value = 32; break;                  // warp size
    case 75: *value = 9; break;                   // compute capability 9.0
    case 76: *value = 0; break;
    default: *value = 0;
  }
  return kSuccess;
}
CUresult cuDevicePrimaryCtxRetain(CUcontext* ctx, CUdevice) {
  *ctx = reinterpret_cast<CUcontext>(0x1);
  return kSuccess;
}
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice) { return kSuccess; }
CUresult cuCtxSetCurrent(CUcontext) { return kSuccess; }
CUresult cuCtxSynchronize() { return kSuccess; }

CUresult cuModuleLoadDataEx(CUmodule* module, const void* image, unsigned int n, int* options,
                            void** values) {
  const char* text = static_cast<const char*>(image);
  if (std::strstr(text, ".entry saxpy") == nullptr) {
    for (unsigned i = 0; i < n; ++i)
      if (options[i] == kJitErrorLogBuffer)
        std::strcpy(static_cast<char*>(values[i]), "fake libcuda: no '.entry saxpy' in PTX");
    return kInvalidPtx;
  }
  *module = kModule;
  return kSuccess;
}
CUresult cuModuleUnload(CUmodule) { return kSuccess; }
CUresult cuModuleGetFunction(CUfunction* function, CUmodule, const char* name) {
  if (std::strcmp(name, "saxpy") != 0) return kNotFound;
  *function = kSaxpy;
  return kSuccess;
}
CUresult cuFuncGetParamInfo(CUfunction, size_t index, size_t* offset, size_t* size) {
  if (index >= 5) return kInvalidValue;
  *offset = kParamOffsets[index];
  *size = kParamSizes[index];
  return kSuccess;
}

CUresult cuMemAlloc_v2(CUdeviceptr* ptr, size_t bytes) {
  void* p = std::malloc(bytes);
  if (p == nullptr) return kOutOfMemory;
  *ptr = reinterpret_cast<CUdeviceptr>(p);
  return kSuccess;
}
CUresult cuMemFree_v2(CUdeviceptr ptr) {
  std::free(reinterpret_cast<void*>(ptr));
  return kSuccess;
}
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
  std::memcpy(reinterpret_cast<void*>(dst), src, bytes);
  return kSuccess;
}
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
  std::memcpy(dst, reinterpret_cast<const void*>(src), bytes);
  return kSuccess;
}

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                        unsigned by, unsigned bz, unsigned shared, CUstream, void** params,
                        void** extra) {
  if (f != kSaxpy || params == nullptr || extra != nullptr || shared != 0) return kInvalidValue;
  if (gy != 1 || gz != 1 || by != 1 || bz != 1) return kInvalidValue;  // saxpy is 1-D
  const float a = *static_cast<const float*>(params[0]);
  const auto* x = reinterpret_cast<const float*>(*static_cast<const uint64_t*>(params[1]));
  const uint64_t x_len = *static_cast<const uint64_t*>(params[2]);
  auto* y = reinterpret_cast<float*>(*static_cast<const uint64_t*>(params[3]));
  const uint64_t y_len = *static_cast<const uint64_t*>(params[4]);
  for (uint64_t block = 0; block < gx; ++block)
    for (uint64_t thread = 0; thread < bx; ++thread) {
      const uint64_t i = block * bx + thread;
      if (i < y_len && i < x_len) y[i] = a * x[i] + y[i];
    }
  return kSuccess;
}

CUresult cuGetErrorName(CUresult error, const char** name) {
  *name = error == kNotFound ? "CUDA_ERROR_NOT_FOUND" : "CUDA_ERROR_FAKE";
  return kSuccess;
}
CUresult cuGetErrorString(CUresult, const char** text) {
  *text = "error from the fake libcuda";
  return kSuccess;
}

}  // extern "C"
