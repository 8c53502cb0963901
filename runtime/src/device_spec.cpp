#include "device_spec.h"

#include "status.h"

namespace hm::rt {
namespace {

constexpr const char* kExpected =
    "expected 'cuda', 'vulkan', 'hip', or one of them followed by ':' and a device "
    "index, e.g. 'cuda:0' or 'vulkan:1'";

}  // namespace

hm_status parse_device_spec(const std::string& text, DeviceSpec* out) {
  auto bad = [&](const std::string& why) {
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str("invalid device spec '", text, "': ", why, "; ", kExpected));
  };
  size_t colon = text.find(':');
  std::string name = text.substr(0, colon);
  DeviceSpec spec;
  if (name == "cuda") spec.backend = HM_BACKEND_CUDA;
  else if (name == "vulkan") spec.backend = HM_BACKEND_VULKAN;
  else if (name == "hip") spec.backend = HM_BACKEND_HIP;
  else return bad(name.empty() ? "no backend name" : str("unknown backend '", name, "'"));

  if (colon != std::string::npos) {
    std::string digits = text.substr(colon + 1);
    if (digits.empty()) return bad("no device index after ':'");
    uint64_t index = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return bad(str("device index '", digits, "' is not a number"));
      index = index * 10 + static_cast<uint64_t>(c - '0');
      if (index > UINT32_MAX) return bad(str("device index '", digits, "' is too large"));
    }
    spec.has_index = true;
    spec.index = static_cast<uint32_t>(index);
  }
  *out = spec;
  return HM_SUCCESS;
}

}  // namespace hm::rt
