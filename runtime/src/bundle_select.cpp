#include "bundle_select.h"

#include "status.h"

namespace hm::rt {
namespace {

static_assert(static_cast<int>(hematite::bundle::Format::kPtx) == HM_MODULE_FORMAT_PTX &&
                  static_cast<int>(hematite::bundle::Format::kCubin) == HM_MODULE_FORMAT_CUBIN &&
                  static_cast<int>(hematite::bundle::Format::kHsaco) == HM_MODULE_FORMAT_HSACO &&
                  static_cast<int>(hematite::bundle::Format::kSpirv) == HM_MODULE_FORMAT_SPIRV,
              "bundle formats are hm_module_format values (docs/bundle.md)");

using hematite::bundle::Format;
using hematite::bundle::Image;
using hematite::bundle::Target;

// How well an image suits the device: -1 when it cannot run there (with the reason),
// else higher is better.
int score(const Image& image, const Target& device, const std::string& device_target,
          std::string* why_not) {
  Target target;
  std::string ignored;
  if (!hematite::bundle::parse_target(image.target, target, ignored)) {  // read() checked
    *why_not = "not a valid target name";
    return -1;
  }
  if (target.family != device.family) {
    static const char* const kFamily[] = {"NVIDIA GPUs (CUDA)", "AMD GPUs (HIP)",
                                          "Vulkan devices"};
    *why_not = str("for ", kFamily[static_cast<int>(target.family)], ", and the device is ",
                   device_target);
    return -1;
  }
  switch (target.family) {
    case Target::Family::kCuda:
      if (image.format == Format::kCubin) {
        if (target.sm != device.sm) {
          *why_not = str("a cubin runs only on the SM it was compiled for, and the device is ",
                         device_target);
          return -1;
        }
        return 1000000;  // exact machine code beats any PTX
      }
      if (target.sm > device.sm) {
        *why_not = str("PTX for a newer GPU than the device (", device_target,
                       "); PTX runs on its SM and later ones");
        return -1;
      }
      if (!target.sm_suffix.empty() && target.sm != device.sm) {
        *why_not = str("architecture-specific PTX (sm_", target.sm, target.sm_suffix,
                       ") runs only on sm_", target.sm, ", and the device is ", device_target);
        return -1;
      }
      // The newest PTX; at equal SM, the architecture-specific one (more instructions).
      return static_cast<int>(target.sm) * 2 + (target.sm_suffix.empty() ? 0 : 1);
    case Target::Family::kAmd:
      if (target.processor != device.processor) {
        *why_not = str("an hsaco runs only on the processor it was compiled for, and the "
                       "device is ", device_target);
        return -1;
      }
      return 1;
    case Target::Family::kVulkan:
      if (target.vulkan_minor > device.vulkan_minor) {
        *why_not = str("needs Vulkan 1.", target.vulkan_minor, " and the device offers 1.",
                       device.vulkan_minor);
        return -1;
      }
      return static_cast<int>(target.vulkan_minor);
  }
  return -1;
}

}  // namespace

hm_status select_bundle_image(const std::vector<Image>& images, const DeviceInfo& device,
                              size_t* chosen) {
  const std::string who = str(device.spec(), " (", device.name, ", ", device.target, ")");
  Target device_target;
  std::string error;
  if (!hematite::bundle::parse_target(device.target, device_target, error))
    return fail(HM_ERROR_UNSUPPORTED,
                str("cannot choose a bundle image for ", who, ": ", error));
  int best_score = -1;
  std::string rejected;
  for (size_t i = 0; i < images.size(); ++i) {
    std::string why_not;
    const int s = score(images[i], device_target, device.target, &why_not);
    if (s < 0) {
      rejected += str("\n  ", images[i].target, " ", format_name(images[i].format), ": ",
                      why_not);
    } else if (s > best_score) {
      best_score = s;
      *chosen = i;
    }
  }
  if (best_score >= 0) return HM_SUCCESS;
  return fail(HM_ERROR_INVALID_MODULE,
              str("the bundle has no image for ", who, "; its images:", rejected));
}

hm_status open_bundle(const DeviceInfo& device, const void* data, size_t bytes,
                      bool* is_bundle, std::string* image, hm_module_format* declared,
                      std::string* target) {
  *is_bundle = hematite::bundle::has_magic(data, bytes);
  if (!*is_bundle) return HM_SUCCESS;
  std::vector<Image> images;
  std::string error;
  if (!hematite::bundle::read(data, bytes, images, error))
    return fail(HM_ERROR_INVALID_MODULE, error);
  size_t chosen = 0;
  HM_TRY(select_bundle_image(images, device, &chosen));
  *image = std::move(images[chosen].bytes);
  *declared = static_cast<hm_module_format>(images[chosen].format);
  *target = images[chosen].target;
  return HM_SUCCESS;
}

}  // namespace hm::rt
