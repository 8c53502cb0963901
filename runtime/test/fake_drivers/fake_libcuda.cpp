// A FAKE libcuda.so.1 for the runtime's tests (panic_backend_test.cpp and the others
// in hematite_rt_panic_tests): the CUDA backend's module globals, panic records,
// max_threads checks, streams and events run against it on machines without an
// NVIDIA GPU. The e2e suite's saxpy tests run against it too (e2e.runtime-fake-cuda:
// argument packing, copies, checks). A module is "PTX" text in fake_module.h's format; work runs at once (see
// there). fake_cuda_last_launch_stream() (found with dlsym) tells a test which stream
// the last launch went to. Loaded through LD_LIBRARY_PATH by those tests only; never
// installed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cuda/cuda_api.h"
#include "fake_module.h"

using namespace hm::rt::cuda;

namespace {

// Two more of cuda.h's codes, which the runtime reports but never tests for.
constexpr CUresult CUDA_ERROR_INVALID_DEVICE = 101, CUDA_ERROR_INVALID_HANDLE = 400;

std::vector<fake::Function*> g_functions;  // never freed; a test process is short

struct FakeStream {
  int id;
};
int g_live_streams = 0;
CUstream g_last_launch_stream = nullptr;

int g_live_events = 0;

}  // namespace

extern "C" {

CUresult cuInit(unsigned int) { return CUDA_SUCCESS; }
CUresult cuDriverGetVersion(int* v) { *v = 13000; return CUDA_SUCCESS; }
CUresult cuDeviceGetCount(int* count) { *count = 1; return CUDA_SUCCESS; }
CUresult cuDeviceGet(CUdevice* device, int ordinal) {
  if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
  *device = 0;
  return CUDA_SUCCESS;
}
CUresult cuDeviceGetName(char* name, int len, CUdevice) {
  std::snprintf(name, static_cast<size_t>(len), "Fake CUDA device for panic tests");
  return CUDA_SUCCESS;
}
CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice) {
  switch (attribute) {
    case 1: *value = 1024; break;          // max threads per block
    case 2: case 3: *value = 1024; break;  // max block x, y
    case 4: *value = 64; break;            // max block z
    case 5: *value = 2147483647; break;    // max grid x
    case 6: case 7: *value = 65535; break; // max grid y, z
    case 10: *value = 32; break;           // warp size
    case 75: *value = 9; break;            // compute capability 9.0
    default: *value = 0;
  }
  return CUDA_SUCCESS;
}
CUresult cuDevicePrimaryCtxRetain(CUcontext* ctx, CUdevice) {
  *ctx = reinterpret_cast<CUcontext>(0x1);
  return CUDA_SUCCESS;
}
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice) { return CUDA_SUCCESS; }
CUresult cuCtxSetCurrent(CUcontext) { return CUDA_SUCCESS; }
CUresult cuCtxSynchronize() { return CUDA_SUCCESS; }

CUresult cuModuleLoadDataEx(CUmodule* out, const void* image, unsigned int, int*, void**) {
  *out = reinterpret_cast<CUmodule>(fake::parse_module(static_cast<const char*>(image)));
  return CUDA_SUCCESS;
}
CUresult cuModuleUnload(CUmodule module) {
  delete reinterpret_cast<fake::Module*>(module);
  return CUDA_SUCCESS;
}
CUresult cuModuleGetFunction(CUfunction* function, CUmodule m, const char* name) {
  auto* module = reinterpret_cast<fake::Module*>(m);
  if (!module->has_kernel(name)) return CUDA_ERROR_NOT_FOUND;
  g_functions.push_back(new fake::Function{module, name});
  *function = reinterpret_cast<CUfunction>(g_functions.back());
  return CUDA_SUCCESS;
}
// The kernel's parameters (fake_module.h). The real driver answers a query past the
// last one with CUDA_ERROR_INVALID_VALUE, an API error that compute-sanitizer and
// cuda-gdb report; for a module whose metadata lists its kernels' parameters the
// runtime knows the count and must not ask, so the fake aborts.
CUresult cuFuncGetParamInfo(CUfunction f, size_t index, size_t* offset, size_t* size) {
  auto* function = reinterpret_cast<fake::Function*>(f);
  const fake::Params params = fake::kernel_params(function->name);
  if (index < params.count) {
    *offset = params.offsets[index];
    *size = params.sizes[index];
    return CUDA_SUCCESS;
  }
  if (function->module->metadata.find("\nparam\t") != std::string::npos) {
    std::fprintf(stderr, "fake libcuda: cuFuncGetParamInfo asked for parameter %zu of '%s', "
                 "whose module's metadata lists its %zu\n", index, function->name.c_str(),
                 params.count);
    std::abort();
  }
  return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuModuleGetGlobal_v2(CUdeviceptr* dptr, size_t* bytes, CUmodule m, const char* name) {
  void* address = nullptr;
  if (!reinterpret_cast<fake::Module*>(m)->global(name, &address, bytes)) return CUDA_ERROR_NOT_FOUND;
  *dptr = reinterpret_cast<CUdeviceptr>(address);
  return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr* ptr, size_t bytes) {
  void* memory = std::calloc(bytes, 1);
  if (memory == nullptr) return 2;  // CUDA_ERROR_OUT_OF_MEMORY
  *ptr = reinterpret_cast<CUdeviceptr>(memory);
  return CUDA_SUCCESS;
}
CUresult cuMemFree_v2(CUdeviceptr ptr) {
  std::free(reinterpret_cast<void*>(ptr));
  return CUDA_SUCCESS;
}
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
  std::memcpy(reinterpret_cast<void*>(dst), src, bytes);
  return CUDA_SUCCESS;
}
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
  std::memcpy(dst, reinterpret_cast<const void*>(src), bytes);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t bytes, CUstream) {
  return cuMemcpyHtoD_v2(dst, src, bytes);
}
CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t bytes, CUstream) {
  return cuMemcpyDtoH_v2(dst, src, bytes);
}

CUresult cuStreamCreate(CUstream* stream, unsigned int flags) {
  if (flags != 0) return CUDA_ERROR_INVALID_VALUE;  // the runtime wants blocking streams
  static int next_id = 1;
  *stream = reinterpret_cast<CUstream>(new FakeStream{next_id++});
  ++g_live_streams;
  return CUDA_SUCCESS;
}
CUresult cuStreamDestroy_v2(CUstream stream) {
  if (stream == nullptr) return CUDA_ERROR_INVALID_VALUE;
  delete reinterpret_cast<FakeStream*>(stream);
  --g_live_streams;
  return CUDA_SUCCESS;
}
CUresult cuStreamSynchronize(CUstream) { return CUDA_SUCCESS; }

CUresult cuEventCreate(CUevent* event, unsigned int) {
  *event = reinterpret_cast<CUevent>(new fake::Event());
  ++g_live_events;
  return CUDA_SUCCESS;
}
CUresult cuEventDestroy_v2(CUevent event) {
  delete reinterpret_cast<fake::Event*>(event);
  --g_live_events;
  return CUDA_SUCCESS;
}
CUresult cuEventRecord(CUevent event, CUstream) {
  reinterpret_cast<fake::Event*>(event)->record();
  return CUDA_SUCCESS;
}
CUresult cuEventSynchronize(CUevent) { return CUDA_SUCCESS; }
CUresult cuEventElapsedTime_v2(float* ms, CUevent start, CUevent end) {
  return fake::Event::elapsed_ms(*reinterpret_cast<fake::Event*>(start),
                                 *reinterpret_cast<fake::Event*>(end), ms)
             ? CUDA_SUCCESS
             : CUDA_ERROR_INVALID_HANDLE;
}

// Test hooks (not part of the driver API).
CUstream fake_cuda_last_launch_stream() { return g_last_launch_stream; }
int fake_cuda_live_streams() { return g_live_streams; }
int fake_cuda_live_events() { return g_live_events; }

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                        unsigned by, unsigned bz, unsigned shared, CUstream stream,
                        void** params, void** extra) {
  g_last_launch_stream = stream;
  auto* function = reinterpret_cast<fake::Function*>(f);
  // The runtime passes parameters as pointers, no `extra` and no dynamic shared memory.
  if (params == nullptr || extra != nullptr || shared != 0) return CUDA_ERROR_INVALID_VALUE;
  const unsigned grid[3] = {gx, gy, gz}, block[3] = {bx, by, bz};
  return fake::run_kernel(*function->module, function->name, grid, block, params)
             ? CUDA_SUCCESS
             : CUDA_ERROR_INVALID_VALUE;
}

CUresult cuGetErrorName(CUresult error, const char** name) {
  *name = error == CUDA_ERROR_NOT_FOUND ? "CUDA_ERROR_NOT_FOUND" : "CUDA_ERROR_FAKE";
  return CUDA_SUCCESS;
}
CUresult cuGetErrorString(CUresult, const char** text) {
  *text = "error from the fake libcuda";
  return CUDA_SUCCESS;
}

}  // extern "C"
