// Which devices exist and which one to open: lists every backend's devices best first
// and resolves a device spec (or HEMATITE_DEVICE, or "the best device") to one.
#pragma once

#include <memory>
#include <vector>

#include "backend.h"

namespace hm::rt {

// The backend instance for `backend`, or nullptr for HM_BACKEND_NONE and unknown values.
Backend* find_backend(hm_backend backend);

// Sort key: lower is better. CUDA GPUs first, then HIP GPUs, then Vulkan discrete,
// integrated, virtual, other, CPU devices.
int device_rank(const DeviceInfo& info);

// Every usable device of every backend that loads, best first. Backends that fail to
// load are skipped; their reasons are in *unavailable (one line each) if given.
hm_status list_devices(std::vector<DeviceInfo>* out, std::string* unavailable = nullptr);

// See hm_device_open.
hm_status open_device(const char* spec, std::shared_ptr<Device>* out);

}  // namespace hm::rt
