#include "cuda/cuda_api.h"

#include <mutex>
#include <string>

#include "dynamic_library.h"
#include "status.h"

namespace hm::rt::cuda {
namespace {

constexpr const char* kHowToGetCuda =
    "install the NVIDIA driver (it provides the CUDA driver library; the CUDA toolkit is "
    "not needed), or use a Vulkan device";

struct LoadedApi {
  DynamicLibrary library;
  CudaApi api;
  hm_status status = HM_SUCCESS;
  std::string error;
};

void load(LoadedApi& loaded) {
  auto failed = [&](hm_status status) {
    loaded.status = status;
    loaded.error = last_error_message();
  };
  if (loaded.library.open("libcuda.so.1", kHowToGetCuda) != HM_SUCCESS) return failed(HM_ERROR_LIBRARY_NOT_FOUND);

#define HM_CUDA_LOAD_REQUIRED(member, symbol, ret, params)                                \
  loaded.api.member = reinterpret_cast<ret(*) params>(loaded.library.find(symbol));       \
  if (loaded.api.member == nullptr) {                                                     \
    fail(HM_ERROR_LIBRARY_NOT_FOUND,                                                      \
         str("libcuda.so.1 has no ", symbol, ": the NVIDIA driver is too old; update it")); \
    return failed(HM_ERROR_LIBRARY_NOT_FOUND);                                            \
  }
  HM_CUDA_REQUIRED_FUNCTIONS(HM_CUDA_LOAD_REQUIRED)
#undef HM_CUDA_LOAD_REQUIRED
#define HM_CUDA_LOAD_OPTIONAL(member, symbol, ret, params) \
  loaded.api.member = reinterpret_cast<ret(*) params>(loaded.library.find(symbol));
  HM_CUDA_OPTIONAL_FUNCTIONS(HM_CUDA_LOAD_OPTIONAL)
#undef HM_CUDA_LOAD_OPTIONAL
  if (loaded.api.cuEventElapsedTime == nullptr)
    loaded.api.cuEventElapsedTime = loaded.api.cuEventElapsedTimeV1;

  CUresult result = loaded.api.cuInit(0);
  if (result != CUDA_SUCCESS) {
    fail(result == CUDA_ERROR_NO_DEVICE ? HM_ERROR_NO_DEVICE : HM_ERROR_BACKEND,
         str("cuInit failed: ", describe_cuda_result(loaded.api, result)));
    return failed(result == CUDA_ERROR_NO_DEVICE ? HM_ERROR_NO_DEVICE : HM_ERROR_BACKEND);
  }
}

}  // namespace

hm_status load_cuda_api(const CudaApi** out) {
  static LoadedApi* loaded = [] {
    auto* l = new LoadedApi();  // never freed: see DynamicLibrary
    load(*l);
    return l;
  }();
  if (loaded->status != HM_SUCCESS) return fail(loaded->status, loaded->error);
  *out = &loaded->api;
  return HM_SUCCESS;
}

hm_status missing_function(const char* symbol) {
  return fail(HM_ERROR_UNSUPPORTED,
              str("libcuda.so.1 has no ", symbol, ": the NVIDIA driver is too old (or not "
                  "the real driver); update it"));
}

std::string describe_cuda_result(const CudaApi& api, CUresult result) {
  const char* name = nullptr;
  const char* text = nullptr;
  if (api.cuGetErrorName) api.cuGetErrorName(result, &name);
  if (api.cuGetErrorString) api.cuGetErrorString(result, &text);
  return str(name ? name : "CUDA error", " (", text ? text : str("code ", result), ")");
}

}  // namespace hm::rt::cuda
