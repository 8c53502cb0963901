// Device spec strings ("cuda:0", "vulkan", ...), as hm_device_open and HEMATITE_DEVICE
// take them.
#pragma once

#include <cstdint>
#include <string>

#include "hematite/runtime.h"

namespace hm::rt {

struct DeviceSpec {
  hm_backend backend = HM_BACKEND_NONE;
  bool has_index = false;  // "cuda" (best CUDA device) vs "cuda:1"
  uint32_t index = 0;
};

// Parses "<backend>" or "<backend>:<index>"; backend is cuda, vulkan or hip.
hm_status parse_device_spec(const std::string& text, DeviceSpec* out);

}  // namespace hm::rt
