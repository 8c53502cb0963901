// The HIP backend where there is no AMD GPU (CI, the development machine): whether
// libamdhip64 is missing or loads and finds no device, the backend check, "hip:0" and
// HEMATITE_DEVICE=hip:0 are clean errors that say which library or device is missing.
// On a machine with an AMD GPU these tests only check that the device opens.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "hematite/runtime.h"

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The reason HIP cannot be used here must name the library or the missing GPU.
void expect_clean_hip_error(hm_status status, const std::string& message) {
  ASSERT_TRUE(status == HM_ERROR_LIBRARY_NOT_FOUND || status == HM_ERROR_NO_DEVICE)
      << hm_status_name(status) << ": " << message;
  if (status == HM_ERROR_LIBRARY_NOT_FOUND) {
    EXPECT_TRUE(contains(message, "the HIP runtime (libamdhip64) was not found")) << message;
    EXPECT_TRUE(contains(message, "libamdhip64-5")) << message;  // how to get it
    EXPECT_TRUE(contains(message, "libamdhip64.so.6")) << message;  // what was tried
  } else {
    EXPECT_TRUE(contains(message, "libamdhip64")) << message;
    EXPECT_TRUE(contains(message, "found no AMD GPU")) << message;
  }
}

TEST(HipBackend, CheckSaysWhatIsMissing) {
  const hm_status status = hm_backend_check(HM_BACKEND_HIP);
  if (status == HM_SUCCESS) GTEST_SKIP() << "this machine has a HIP device";
  expect_clean_hip_error(status, hm_last_error());
  // The same answer every time (the library is loaded once).
  const std::string first = hm_last_error();
  EXPECT_EQ(hm_backend_check(HM_BACKEND_HIP), status);
  EXPECT_EQ(first, hm_last_error());
}

TEST(HipBackend, OpeningHip0IsACleanError) {
  if (hm_backend_check(HM_BACKEND_HIP) == HM_SUCCESS) GTEST_SKIP() << "HIP device present";
  for (const char* spec : {"hip:0", "hip"}) {
    hm_device device = nullptr;
    const hm_status status = hm_device_open(spec, &device);
    EXPECT_EQ(device, nullptr);
    expect_clean_hip_error(status, hm_last_error());
  }
}

TEST(HipBackend, HematiteDeviceHip0Parses) {
  if (hm_backend_check(HM_BACKEND_HIP) == HM_SUCCESS) GTEST_SKIP() << "HIP device present";
  const char* old = std::getenv("HEMATITE_DEVICE");
  const std::string saved = old ? old : "";
  setenv("HEMATITE_DEVICE", "hip:0", 1);
  hm_device device = nullptr;
  const hm_status status = hm_device_open(nullptr, &device);
  const std::string message = hm_last_error();
  if (old) setenv("HEMATITE_DEVICE", saved.c_str(), 1);
  else unsetenv("HEMATITE_DEVICE");
  EXPECT_EQ(device, nullptr);
  EXPECT_EQ(message.rfind("HEMATITE_DEVICE='hip:0': ", 0), 0u) << message;
  EXPECT_FALSE(contains(message, "invalid device spec")) << message;
  expect_clean_hip_error(status, message);
}

TEST(HipBackend, DeviceListStillWorksWithoutHip) {
  size_t count = 0;
  EXPECT_EQ(hm_device_list(nullptr, 0, &count), HM_SUCCESS) << hm_last_error();
}

}  // namespace
