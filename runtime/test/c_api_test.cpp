// The C API's behaviour that needs no device: NULL handling, names, error messages.
#include "hematite/runtime.h"

#include <gtest/gtest.h>

#include <string>

namespace {

TEST(CApi, NullArgumentsAreErrorsWithMessages) {
  EXPECT_EQ(hm_device_open(nullptr, nullptr), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(hm_last_error()).find("out_device is NULL"), std::string::npos);
  hm_buffer buffer = reinterpret_cast<hm_buffer>(1);
  EXPECT_EQ(hm_buffer_alloc(nullptr, 16, 0, &buffer), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(buffer, nullptr);
  EXPECT_EQ(hm_buffer_write(nullptr, 0, "x", 1), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(hm_synchronize(nullptr), HM_ERROR_INVALID_ARGUMENT);
  const uint32_t dims[3] = {1, 1, 1};
  EXPECT_EQ(hm_launch(nullptr, dims, dims, nullptr, 0), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(hm_device_list(nullptr, 0, nullptr), HM_ERROR_INVALID_ARGUMENT);
  hm_module module = nullptr;
  EXPECT_EQ(hm_kernel_get(module, "k", nullptr, 0, nullptr), HM_ERROR_INVALID_ARGUMENT);
  // Destroying NULL handles is allowed.
  hm_device_close(nullptr);
  hm_buffer_free(nullptr);
  hm_module_unload(nullptr);
  hm_kernel_release(nullptr);
}

TEST(CApi, InvalidDeviceSpecSaysWhatIsExpected) {
  hm_device device = nullptr;
  EXPECT_EQ(hm_device_open("gpu:0", &device), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(device, nullptr);
  EXPECT_NE(std::string(hm_last_error()).find("unknown backend 'gpu'"), std::string::npos);
  // "hip" is a backend (whether this machine can open it is hip_backend_test.cpp's).
  if (hm_device_open("hip", &device) != HM_SUCCESS) {
    EXPECT_EQ(std::string(hm_last_error()).find("invalid device spec"), std::string::npos);
  }
  hm_device_close(device);
  EXPECT_EQ(hm_backend_check(HM_BACKEND_NONE), HM_ERROR_UNSUPPORTED);
}

TEST(CApi, Names) {
  EXPECT_STREQ(hm_status_name(HM_ERROR_NO_DEVICE), "HM_ERROR_NO_DEVICE");
  EXPECT_STREQ(hm_status_name(HM_ERROR_KERNEL_PANIC), "HM_ERROR_KERNEL_PANIC");
  EXPECT_STREQ(hm_status_name(static_cast<hm_status>(1234)), "HM_STATUS_UNKNOWN");
  EXPECT_STREQ(hm_backend_name(HM_BACKEND_VULKAN), "vulkan");
  EXPECT_STREQ(hm_module_format_name(HM_MODULE_FORMAT_PTX), "PTX");
}

TEST(CApi, DeviceListCountsWithoutCapacity) {
  size_t count = 12345;
  ASSERT_EQ(hm_device_list(nullptr, 0, &count), HM_SUCCESS);  // whatever is installed
  EXPECT_NE(count, 12345u);
}

}  // namespace
