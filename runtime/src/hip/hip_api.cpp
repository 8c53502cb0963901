#include "hip/hip_api.h"

#include <type_traits>

#include "dynamic_library.h"
#include "status.h"

namespace hm::rt::hip {
namespace {

#ifdef HEMATITE_RT_HIP_HEADERS
// Our declarations must be HIP's own: a mismatch would call the driver wrongly. Taking
// HIP's function's address as our pointer type compiles only if HIP declares a function
// of exactly that type (this also picks it among HIP's C++ overloads, e.g. hipMalloc's
// template). A type, not a variable: a pointer variable, even unused, is emitted
// without optimization (-O0) and then needs libamdhip64 at link time.
#define HM_HIP_CHECK_SIGNATURE(member, symbol, ret, params) \
  using check_##member = std::integral_constant<ret(*) params, &::member>;
HM_HIP_FUNCTIONS(HM_HIP_CHECK_SIGNATURE)
#undef HM_HIP_CHECK_SIGNATURE
#endif

constexpr const char* kHowToGetHip =
    "install AMD's HIP runtime (ROCm; Debian/Ubuntu package libamdhip64-5, or "
    "rocm-hip-runtime from repo.radeon.com) and the amdgpu kernel driver, or use a "
    "Vulkan device";

struct LoadedApi {
  DynamicLibrary library;
  HipApi api;
  hm_status status = HM_SUCCESS;
  std::string error;
};

hm_status open_hip_library(DynamicLibrary& library) {
  std::string tried;
  for (const char* name : kHipLibraryNames) {
    if (library.open(name, kHowToGetHip) == HM_SUCCESS) return HM_SUCCESS;
    tried += str("\n  ", last_error_message());
  }
  return fail(HM_ERROR_LIBRARY_NOT_FOUND,
              str("the HIP runtime (libamdhip64) was not found: ", kHowToGetHip,
                  ". Tried:", tried));
}

hm_status load(LoadedApi& loaded) {
  HM_TRY(open_hip_library(loaded.library));
  const std::string& file = loaded.library.file_name();
#define HM_HIP_LOAD(member, symbol, ret, params)                                          \
  loaded.api.member = reinterpret_cast<ret(*) params>(loaded.library.find(symbol));       \
  if (loaded.api.member == nullptr)                                                       \
    return fail(HM_ERROR_LIBRARY_NOT_FOUND,                                               \
                str(file, " has no ", symbol, ": the HIP runtime is too old or not "      \
                    "ROCm's; update ROCm"));
  HM_HIP_FUNCTIONS(HM_HIP_LOAD)
#undef HM_HIP_LOAD

  const HipError result = loaded.api.hipInit(0);
  if (result == k_hipSuccess) return HM_SUCCESS;
  // Without a GPU (or without access to /dev/kfd) ROCm's hipInit reports
  // hipErrorNoDevice or hipErrorInvalidDevice.
  if (result == k_hipErrorNoDevice || result == k_hipErrorInvalidDevice)
    return fail(HM_ERROR_NO_DEVICE,
                str(file, " loaded, but hipInit found no AMD GPU (",
                    describe_hip_error(loaded.api, result),
                    "): HIP needs a supported AMD GPU, the amdgpu kernel driver and access "
                    "to /dev/kfd and /dev/dri (the video and render groups)"));
  return fail(HM_ERROR_BACKEND,
              str("hipInit failed: ", describe_hip_error(loaded.api, result)));
}

}  // namespace

hm_status load_hip_api(const HipApi** out) {
  static LoadedApi* loaded = [] {
    auto* l = new LoadedApi();  // never freed: see DynamicLibrary
    l->status = load(*l);
    if (l->status != HM_SUCCESS) l->error = last_error_message();
    return l;
  }();
  if (loaded->status != HM_SUCCESS) return fail(loaded->status, loaded->error);
  *out = &loaded->api;
  return HM_SUCCESS;
}

std::string describe_hip_error(const HipApi& api, HipError error) {
  const char* name = api.hipGetErrorName ? api.hipGetErrorName(error) : nullptr;
  const char* text = api.hipGetErrorString ? api.hipGetErrorString(error) : nullptr;
  return str(name ? name : "HIP error", " (",
             text ? std::string(text) : str("code ", static_cast<int>(error)), ")");
}

}  // namespace hm::rt::hip
