#include "device_registry.h"

#include <algorithm>
#include <cstdlib>

#include "device_spec.h"
#include "status.h"

namespace hm::rt {
namespace {

constexpr hm_backend kBackendsInPreferenceOrder[] = {HM_BACKEND_CUDA, HM_BACKEND_HIP,
                                                     HM_BACKEND_VULKAN};

// Best device first. device_rank separates the backends, so equal ranks come
// from one backend, where the device index keeps the driver's order. (A total
// order and std::sort: libstdc++ 12's stable_sort calls its own deprecated
// get_temporary_buffer, which clang reports at every use.)
void sort_best_first(std::vector<DeviceInfo>& devices) {
  std::sort(devices.begin(), devices.end(), [](const DeviceInfo& a, const DeviceInfo& b) {
    return std::pair(device_rank(a), a.index) < std::pair(device_rank(b), b.index);
  });
}

// Enumerates one backend, best device first.
hm_status list_backend_devices(Backend& backend, std::vector<DeviceInfo>* out) {
  HM_TRY(backend.initialize());
  std::vector<DeviceInfo> devices;
  HM_TRY(backend.enumerate(&devices));
  sort_best_first(devices);
  *out = std::move(devices);
  return HM_SUCCESS;
}

hm_status open_best_of_backend(Backend& backend, const std::string& context,
                               std::shared_ptr<Device>* out) {
  std::vector<DeviceInfo> devices;
  hm_status status = list_backend_devices(backend, &devices);
  if (status != HM_SUCCESS)
    return fail(status, str(context, last_error_message()));
  if (devices.empty())
    return fail(HM_ERROR_NO_DEVICE,
                str(context, "the ", hm_backend_name(backend.kind()),
                    " driver loaded but reports no usable device"));
  return backend.open(devices.front().index, out);
}

hm_status open_spec(const std::string& text, const std::string& context,
                    std::shared_ptr<Device>* out) {
  DeviceSpec spec;
  hm_status status = parse_device_spec(text, &spec);
  if (status != HM_SUCCESS) return fail(status, str(context, last_error_message()));
  Backend* backend = find_backend(spec.backend);
  if (backend == nullptr)
    return fail(HM_ERROR_UNSUPPORTED,
                str(context, "device '", text, "': the ", hm_backend_name(spec.backend),
                    " backend is not implemented yet"));
  if (!spec.has_index) return open_best_of_backend(*backend, context, out);
  status = backend->initialize();
  if (status != HM_SUCCESS) return fail(status, str(context, last_error_message()));
  status = backend->open(spec.index, out);
  if (status != HM_SUCCESS) return fail(status, str(context, last_error_message()));
  return HM_SUCCESS;
}

}  // namespace

std::string DeviceInfo::spec() const {
  return str(hm_backend_name(backend), ":", index);
}

Backend* find_backend(hm_backend backend) {
  switch (backend) {
    case HM_BACKEND_CUDA: return &cuda_backend();
    case HM_BACKEND_HIP: return &hip_backend();
    case HM_BACKEND_VULKAN: return &vulkan_backend();
    default: return nullptr;
  }
}

int device_rank(const DeviceInfo& info) {
  // Native GPU APIs before Vulkan: CUDA, then HIP.
  int backend_rank = info.backend == HM_BACKEND_CUDA ? 0 : info.backend == HM_BACKEND_HIP ? 5 : 10;
  int type_rank = 4;
  switch (info.type) {
    case HM_DEVICE_TYPE_DISCRETE_GPU: type_rank = 0; break;
    case HM_DEVICE_TYPE_INTEGRATED_GPU: type_rank = 1; break;
    case HM_DEVICE_TYPE_VIRTUAL_GPU: type_rank = 2; break;
    case HM_DEVICE_TYPE_OTHER: type_rank = 3; break;
    case HM_DEVICE_TYPE_CPU: type_rank = 4; break;
  }
  return backend_rank + type_rank;
}

hm_status list_devices(std::vector<DeviceInfo>* out, std::string* unavailable) {
  std::vector<DeviceInfo> all;
  std::string reasons;
  for (hm_backend kind : kBackendsInPreferenceOrder) {
    std::vector<DeviceInfo> devices;
    if (list_backend_devices(*find_backend(kind), &devices) != HM_SUCCESS) {
      reasons += str(hm_backend_name(kind), ": ", last_error_message(), "\n");
      continue;
    }
    if (devices.empty())
      reasons += str(hm_backend_name(kind), ": the driver loaded but reports no usable device\n");
    all.insert(all.end(), devices.begin(), devices.end());
  }
  sort_best_first(all);
  *out = std::move(all);
  if (unavailable) *unavailable = reasons;
  return HM_SUCCESS;
}

hm_status open_device(const char* spec, std::shared_ptr<Device>* out) {
  if (spec != nullptr) return open_spec(spec, "", out);

  const char* env = std::getenv("HEMATITE_DEVICE");
  if (env != nullptr && env[0] != '\0')
    return open_spec(env, str("HEMATITE_DEVICE='", env, "': "), out);

  std::vector<DeviceInfo> devices;
  std::string unavailable;
  HM_TRY(list_devices(&devices, &unavailable));
  if (devices.empty())
    return fail(HM_ERROR_NO_DEVICE, str("no GPU or Vulkan device found:\n", unavailable));
  return find_backend(devices.front().backend)->open(devices.front().index, out);
}

}  // namespace hm::rt
