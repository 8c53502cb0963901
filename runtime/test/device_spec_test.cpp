#include "device_spec.h"

#include <gtest/gtest.h>

#include "device_registry.h"
#include "status.h"

namespace hm::rt {
namespace {

TEST(DeviceSpec, BackendAndIndex) {
  DeviceSpec spec;
  ASSERT_EQ(parse_device_spec("cuda:0", &spec), HM_SUCCESS);
  EXPECT_EQ(spec.backend, HM_BACKEND_CUDA);
  EXPECT_TRUE(spec.has_index);
  EXPECT_EQ(spec.index, 0u);
  ASSERT_EQ(parse_device_spec("vulkan:12", &spec), HM_SUCCESS);
  EXPECT_EQ(spec.backend, HM_BACKEND_VULKAN);
  EXPECT_EQ(spec.index, 12u);
  ASSERT_EQ(parse_device_spec("vulkan", &spec), HM_SUCCESS);
  EXPECT_FALSE(spec.has_index);
  ASSERT_EQ(parse_device_spec("hip:1", &spec), HM_SUCCESS);
  EXPECT_EQ(spec.backend, HM_BACKEND_HIP);
}

TEST(DeviceSpec, Malformed) {
  DeviceSpec spec;
  for (const char* bad : {"", "gpu", "cuda:", "cuda:x", "cuda:-1", "vulkan:99999999999", ":0",
                          "CUDA:0", "cuda:0:1"}) {
    EXPECT_EQ(parse_device_spec(bad, &spec), HM_ERROR_INVALID_ARGUMENT) << bad;
    EXPECT_NE(std::string(last_error_message()).find("invalid device spec"), std::string::npos);
  }
}

TEST(DeviceRank, CudaThenVulkanGpusThenCpu) {
  DeviceInfo cuda{HM_BACKEND_CUDA, 0, HM_DEVICE_TYPE_DISCRETE_GPU, "", ""};
  DeviceInfo discrete{HM_BACKEND_VULKAN, 1, HM_DEVICE_TYPE_DISCRETE_GPU, "", ""};
  DeviceInfo integrated{HM_BACKEND_VULKAN, 2, HM_DEVICE_TYPE_INTEGRATED_GPU, "", ""};
  DeviceInfo cpu{HM_BACKEND_VULKAN, 0, HM_DEVICE_TYPE_CPU, "", ""};
  EXPECT_LT(device_rank(cuda), device_rank(discrete));
  EXPECT_LT(device_rank(discrete), device_rank(integrated));
  EXPECT_LT(device_rank(integrated), device_rank(cpu));
  EXPECT_EQ(cpu.spec(), "vulkan:0");
}

}  // namespace
}  // namespace hm::rt
