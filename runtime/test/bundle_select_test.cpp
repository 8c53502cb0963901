// Which bundle image the runtime picks for a device, and the error when none fits.
#include "bundle_select.h"

#include <gtest/gtest.h>

#include "status.h"

namespace hm::rt {
namespace {

using hematite::bundle::Format;
using hematite::bundle::Image;

DeviceInfo device(hm_backend backend, const char* target) {
  DeviceInfo info;
  info.backend = backend;
  info.name = "Test GPU";
  info.target = target;
  return info;
}

// The chosen image's "target format", or the error.
std::string pick(const std::vector<Image>& images, const DeviceInfo& info) {
  size_t chosen = 0;
  if (select_bundle_image(images, info, &chosen) != HM_SUCCESS) return last_error_message();
  return images[chosen].target + " " + format_name(images[chosen].format);
}

TEST(BundleSelect, CudaPrefersTheExactCubinThenTheNewestPtxNotAboveTheDevice) {
  const DeviceInfo sm90 = device(HM_BACKEND_CUDA, "sm_90");
  EXPECT_EQ(pick({{"sm_80", Format::kPtx, ""}, {"sm_90", Format::kCubin, ""},
                  {"sm_100", Format::kPtx, ""}},
                 sm90),
            "sm_90 cubin");
  EXPECT_EQ(pick({{"sm_70", Format::kPtx, ""}, {"sm_86", Format::kPtx, ""},
                  {"sm_80", Format::kCubin, ""}, {"sm_100", Format::kPtx, ""}},
                 sm90),
            "sm_86 PTX");
  // Architecture-specific PTX: preferred on its own SM, refused elsewhere.
  EXPECT_EQ(pick({{"sm_90", Format::kPtx, ""}, {"sm_90a", Format::kPtx, ""}}, sm90),
            "sm_90a PTX");
  EXPECT_EQ(pick({{"sm_80", Format::kPtx, ""}, {"sm_80a", Format::kPtx, ""}}, sm90),
            "sm_80 PTX");
  EXPECT_EQ(pick({{"sm_90a", Format::kCubin, ""}}, sm90), "sm_90a cubin");
  EXPECT_EQ(pick({{"vulkan1.2", Format::kSpirv, ""}, {"sm_52", Format::kPtx, ""}}, sm90),
            "sm_52 PTX");
}

TEST(BundleSelect, HipNeedsTheExactProcessor) {
  const DeviceInfo gfx942 = device(HM_BACKEND_HIP, "gfx942");
  EXPECT_EQ(pick({{"gfx90a", Format::kHsaco, ""}, {"gfx942:xnack+", Format::kHsaco, ""}},
                 gfx942),
            "gfx942:xnack+ hsaco");
}

TEST(BundleSelect, VulkanTakesTheNewestSpirvTheDeviceSupports) {
  const DeviceInfo vk12 = device(HM_BACKEND_VULKAN, "vulkan1.2");
  EXPECT_EQ(pick({{"vulkan1.0", Format::kSpirv, ""}, {"vulkan1.2", Format::kSpirv, ""},
                  {"vulkan1.3", Format::kSpirv, ""}},
                 vk12),
            "vulkan1.2 SPIR-V");
}

TEST(BundleSelect, NothingFitsListsEveryImageAndWhy) {
  DeviceInfo sm80 = device(HM_BACKEND_CUDA, "sm_80");
  sm80.index = 1;
  EXPECT_EQ(pick({{"sm_90", Format::kCubin, ""}, {"sm_90", Format::kPtx, ""},
                  {"sm_75a", Format::kPtx, ""}, {"gfx942", Format::kHsaco, ""},
                  {"vulkan1.2", Format::kSpirv, ""}},
                 sm80),
            "the bundle has no image for cuda:1 (Test GPU, sm_80); its images:\n"
            "  sm_90 cubin: a cubin runs only on the SM it was compiled for, and the device "
            "is sm_80\n"
            "  sm_90 PTX: PTX for a newer GPU than the device (sm_80); PTX runs on its SM and "
            "later ones\n"
            "  sm_75a PTX: architecture-specific PTX (sm_75a) runs only on sm_75, and the "
            "device is sm_80\n"
            "  gfx942 hsaco: for AMD GPUs (HIP), and the device is sm_80\n"
            "  vulkan1.2 SPIR-V: for Vulkan devices, and the device is sm_80");
  EXPECT_EQ(pick({{"gfx90a", Format::kHsaco, ""}, {"vulkan1.3", Format::kSpirv, ""},
                  {"sm_90", Format::kPtx, ""}},
                 device(HM_BACKEND_VULKAN, "vulkan1.2")),
            "the bundle has no image for vulkan:0 (Test GPU, vulkan1.2); its images:\n"
            "  gfx90a hsaco: for AMD GPUs (HIP), and the device is vulkan1.2\n"
            "  vulkan1.3 SPIR-V: needs Vulkan 1.3 and the device offers 1.2\n"
            "  sm_90 PTX: for NVIDIA GPUs (CUDA), and the device is vulkan1.2");
  EXPECT_EQ(pick({{"gfx90a", Format::kHsaco, ""}}, device(HM_BACKEND_HIP, "gfx942")),
            "the bundle has no image for hip:0 (Test GPU, gfx942); its images:\n"
            "  gfx90a hsaco: an hsaco runs only on the processor it was compiled for, and "
            "the device is gfx942");
}

}  // namespace
}  // namespace hm::rt
