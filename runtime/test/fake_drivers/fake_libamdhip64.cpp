// A FAKE libamdhip64.so for the runtime's tests: the HIP backend (device discovery,
// module globals, launches, panic records, streams and events) runs against it on
// machines without an AMD GPU, which is every machine this project has. One device,
// "gfx942". A module is a 64-byte ELF header (e_machine EM_AMDGPU, so the runtime
// takes it for an hsaco) followed by NUL-terminated text in fake_module.h's format.
// It is declared from the runtime's own hip_api.h, so it has HIP's exact signatures
// and hipDeviceProp_t layout whenever the runtime was built with HIP's headers.
// Loaded through LD_LIBRARY_PATH by the tests only; never installed.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "fake_module.h"
#include "hip/hip_api.h"

using namespace hm::rt::hip;

namespace {

// HIP's codes for what the fake reports beyond hip_api.h's constants.
constexpr int kInvalidImage = 200, kInvalidHandle = 400;
constexpr const char* kArch = "gfx942:sramecc+:xnack-";  // as ROCm spells gcnArchName
constexpr size_t kElfHeaderBytes = 64;

HipError code(int value) { return static_cast<HipError>(value); }

std::vector<fake::Function*> g_functions;  // never freed; a test process is short

struct FakeStream {
  int id;
};
int g_live_streams = 0;
int g_live_events = 0;
HipStream g_last_launch_stream = nullptr;

HipError fill_properties(HipDeviceProp* properties, int device) {
  if (device != 0) return k_hipErrorInvalidDevice;
#ifdef HEMATITE_RT_HIP_HEADERS
  std::snprintf(properties->gcnArchName, sizeof(properties->gcnArchName), "%s", kArch);
#else
  // The runtime does not know the layout either: it looks for a "gfx" string.
  std::strcpy(reinterpret_cast<char*>(properties) + 256, kArch);
#endif
  return k_hipSuccess;
}

}  // namespace

extern "C" {

HipError hipInit(unsigned int) { return k_hipSuccess; }
HipError hipGetDeviceCount(int* count) {
  *count = 1;
  return k_hipSuccess;
}
HipError hipDeviceGetName(char* name, int len, int device) {
  if (device != 0) return k_hipErrorInvalidDevice;
  std::snprintf(name, static_cast<size_t>(len), "Fake HIP device");
  return k_hipSuccess;
}
HipError hipDeviceGetAttribute(int* value, HipDeviceAttribute attribute, int device) {
  if (device != 0) return k_hipErrorInvalidDevice;
  if (attribute == k_hipDeviceAttributeMaxThreadsPerBlock) *value = 1024;
  else if (attribute == k_hipDeviceAttributeMaxBlockDimX) *value = 1024;
  else if (attribute == k_hipDeviceAttributeMaxBlockDimY) *value = 1024;
  else if (attribute == k_hipDeviceAttributeMaxBlockDimZ) *value = 1024;
  else if (attribute == k_hipDeviceAttributeMaxGridDimX) *value = 2147483647;
  else if (attribute == k_hipDeviceAttributeMaxGridDimY) *value = 65536;
  else if (attribute == k_hipDeviceAttributeMaxGridDimZ) *value = 65536;
  else if (attribute == k_hipDeviceAttributeWarpSize) *value = 64;  // gfx942: wave64
  else return k_hipErrorInvalidValue;
  return k_hipSuccess;
}
// The properties query under the name the runtime was built to load (hip_api.h).
#if defined(HEMATITE_RT_HIP_HEADERS) && HIP_VERSION_MAJOR >= 6
HipError hipGetDevicePropertiesR0600(HipDeviceProp* properties, int device) {
  return fill_properties(properties, device);
}
#else
HipError hipGetDeviceProperties(HipDeviceProp* properties, int device) {
  return fill_properties(properties, device);
}
#endif
HipError hipSetDevice(int device) { return device == 0 ? k_hipSuccess : k_hipErrorInvalidDevice; }
HipError hipDeviceSynchronize() { return k_hipSuccess; }

HipError hipModuleLoadData(HipModule* out, const void* image) {
  const auto* bytes = static_cast<const unsigned char*>(image);
  // A 64-bit AMDGPU ELF, as every code object is.
  if (std::memcmp(bytes, "\x7f" "ELF", 4) != 0 || bytes[4] != 2 || bytes[18] != 224 ||
      bytes[19] != 0)
    return code(kInvalidImage);
  const char* text = reinterpret_cast<const char*>(bytes + kElfHeaderBytes);
  *out = reinterpret_cast<HipModule>(fake::parse_module(text));
  return k_hipSuccess;
}
HipError hipModuleUnload(HipModule module) {
  delete reinterpret_cast<fake::Module*>(module);
  return k_hipSuccess;
}
HipError hipModuleGetFunction(HipFunction* function, HipModule m, const char* name) {
  auto* module = reinterpret_cast<fake::Module*>(m);
  if (!module->has_kernel(name)) return k_hipErrorNotFound;
  g_functions.push_back(new fake::Function{module, name});
  *function = reinterpret_cast<HipFunction>(g_functions.back());
  return k_hipSuccess;
}
HipError hipModuleGetGlobal(HipDeviceptr* address, size_t* bytes, HipModule m,
                            const char* name) {
  void* found = nullptr;
  if (!reinterpret_cast<fake::Module*>(m)->global(name, &found, bytes))
    return k_hipErrorNotFound;
  *address = static_cast<HipDeviceptr>(found);
  return k_hipSuccess;
}
HipError hipModuleLaunchKernel(HipFunction f, unsigned int gx, unsigned int gy,
                               unsigned int gz, unsigned int bx, unsigned int by,
                               unsigned int bz, unsigned int, HipStream stream,
                               void** params, void** extra) {
  g_last_launch_stream = stream;
  if (params == nullptr || extra != nullptr) return k_hipErrorInvalidValue;
  auto* function = reinterpret_cast<fake::Function*>(f);
  const unsigned grid[3] = {gx, gy, gz}, block[3] = {bx, by, bz};
  return fake::run_kernel(*function->module, function->name, grid, block, params)
             ? k_hipSuccess
             : k_hipErrorInvalidValue;
}

HipError hipMalloc(void** address, size_t bytes) {
  *address = std::calloc(bytes, 1);
  return *address ? k_hipSuccess : k_hipErrorOutOfMemory;
}
HipError hipFree(void* address) {
  std::free(address);
  return k_hipSuccess;
}
HipError hipMemcpyHtoD(HipDeviceptr dst, void* src, size_t bytes) {
  std::memcpy(dst, src, bytes);
  return k_hipSuccess;
}
HipError hipMemcpyDtoH(void* dst, HipDeviceptr src, size_t bytes) {
  std::memcpy(dst, src, bytes);
  return k_hipSuccess;
}
HipError hipMemcpyHtoDAsync(HipDeviceptr dst, void* src, size_t bytes, HipStream) {
  return hipMemcpyHtoD(dst, src, bytes);
}
HipError hipMemcpyDtoHAsync(void* dst, HipDeviceptr src, size_t bytes, HipStream) {
  return hipMemcpyDtoH(dst, src, bytes);
}

HipError hipStreamCreate(HipStream* stream) {
  static int next_id = 1;
  *stream = reinterpret_cast<HipStream>(new FakeStream{next_id++});
  ++g_live_streams;
  return k_hipSuccess;
}
HipError hipStreamDestroy(HipStream stream) {
  if (stream == nullptr) return k_hipErrorInvalidValue;
  delete reinterpret_cast<FakeStream*>(stream);
  --g_live_streams;
  return k_hipSuccess;
}
HipError hipStreamSynchronize(HipStream) { return k_hipSuccess; }

HipError hipEventCreate(HipEvent* event) {
  *event = reinterpret_cast<HipEvent>(new fake::Event());
  ++g_live_events;
  return k_hipSuccess;
}
HipError hipEventDestroy(HipEvent event) {
  delete reinterpret_cast<fake::Event*>(event);
  --g_live_events;
  return k_hipSuccess;
}
HipError hipEventRecord(HipEvent event, HipStream) {
  reinterpret_cast<fake::Event*>(event)->record();
  return k_hipSuccess;
}
HipError hipEventSynchronize(HipEvent) { return k_hipSuccess; }
HipError hipEventElapsedTime(float* ms, HipEvent start, HipEvent end) {
  return fake::Event::elapsed_ms(*reinterpret_cast<fake::Event*>(start),
                                 *reinterpret_cast<fake::Event*>(end), ms)
             ? k_hipSuccess
             : code(kInvalidHandle);
}

const char* hipGetErrorName(HipError error) {
  return error == k_hipErrorNotFound ? "hipErrorNotFound" : "hipErrorFake";
}
const char* hipGetErrorString(HipError) { return "error from the fake libamdhip64"; }

// Test hooks (not part of the HIP API).
HipStream fake_hip_last_launch_stream() { return g_last_launch_stream; }
int fake_hip_live_streams() { return g_live_streams; }
int fake_hip_live_events() { return g_live_events; }

}  // extern "C"
