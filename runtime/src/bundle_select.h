// Picking a bundle's image for a device (docs/runtime.md, "Bundles"): the exact cubin,
// else the newest PTX the device can JIT, the exact hsaco, the newest SPIR-V the Vulkan
// device supports. When nothing fits, the error lists every image and why it was
// rejected.
#pragma once

#include <string>
#include <vector>

#include "backend.h"
#include "hematite/bundle.h"

namespace hm::rt {

// `device.target` is the device's own target name ("sm_90", "gfx942", "vulkan1.2").
// Sets *chosen to an index into `images`.
hm_status select_bundle_image(const std::vector<hematite::bundle::Image>& images,
                              const DeviceInfo& device, size_t* chosen);

// If `data` is a bundle, reads it and selects the image for `device`: `*image` receives
// its bytes and `*declared` its format. Returns HM_SUCCESS with *is_bundle = false (and
// nothing else set) when `data` is not a bundle.
hm_status open_bundle(const DeviceInfo& device, const void* data, size_t bytes,
                      bool* is_bundle, std::string* image, hm_module_format* declared,
                      std::string* target);

}  // namespace hm::rt
