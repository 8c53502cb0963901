// The errors the issue lists, through the C API on a real Vulkan device (lavapipe on
// CI): wrong arguments, an unknown kernel, out of memory, modules that are not modules.
// Each is a status with a message, nothing is launched, and the device stays usable.
// (Bad bundles: bundle_load_test.cpp; panics: panic_backend_test.cpp.)
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "hematite/runtime.h"

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class VulkanErrors : public ::testing::Test {
 protected:
  void SetUp() override {
#ifndef HM_TEST_PANIC_SPV
    GTEST_SKIP() << "spirv-as was not found when building: no test SPIR-V";
#else
    if (hm_device_open("vulkan", &device_) != HM_SUCCESS) GTEST_SKIP() << "no Vulkan device";
    ASSERT_EQ(hm_module_load_file(device_, HM_TEST_PANIC_SPV, &module_), HM_SUCCESS)
        << hm_last_error();
    ASSERT_EQ(hm_kernel_get(module_, "bump", kParams, 2, &bump_), HM_SUCCESS) << hm_last_error();
    ASSERT_EQ(hm_buffer_alloc(device_, 64 * 4, 0, &xs_), HM_SUCCESS);
    ASSERT_EQ(hm_buffer_alloc(device_, 64 * 4, HM_BUFFER_READ_ONLY, &read_only_), HM_SUCCESS);
#endif
  }
  void TearDown() override {
    hm_buffer_free(xs_);
    hm_buffer_free(read_only_);
    hm_kernel_release(bump_);
    hm_module_unload(module_);
    hm_device_close(device_);
  }
  hm_status launch(const std::vector<hm_arg>& args, uint32_t threads = 64) {
    const uint32_t grid[3] = {1, 1, 1}, block[3] = {threads, 1, 1};
    return hm_launch(bump_, grid, block, args.data(), args.size());
  }
  // The device still runs a correct launch.
  void expect_still_usable() {
    std::vector<uint32_t> zeros(64, 0);
    ASSERT_EQ(hm_buffer_write(xs_, 0, zeros.data(), 256), HM_SUCCESS) << hm_last_error();
    ASSERT_EQ(launch({hm_arg_slice(xs_, 0, 64, 4), hm_arg_scalar(&at_, 4)}), HM_SUCCESS)
        << hm_last_error();
    ASSERT_EQ(hm_synchronize(device_), HM_SUCCESS) << hm_last_error();
    std::vector<uint32_t> xs(64);
    ASSERT_EQ(hm_buffer_read(xs_, 0, xs.data(), 256), HM_SUCCESS);
    EXPECT_EQ(xs[0], 1u);
    EXPECT_EQ(xs[63], 1u);
  }

  static constexpr hm_param_desc kParams[2] = {{HM_PARAM_SLICE_RW, 4, 4, "xs"},
                                               {HM_PARAM_SCALAR, 4, 4, "at"}};
  hm_device device_ = nullptr;
  hm_module module_ = nullptr;
  hm_kernel bump_ = nullptr;
  hm_buffer xs_ = nullptr, read_only_ = nullptr;
  uint32_t at_ = 0;
};

TEST_F(VulkanErrors, WrongArguments) {
  const uint64_t wide = 0;
  struct Case {
    std::vector<hm_arg> args;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{hm_arg_slice(xs_, 0, 64, 4)},
       "launch of 'bump': the kernel takes 2 arguments but 1 was given"},
      {{hm_arg_scalar(&at_, 4), hm_arg_scalar(&at_, 4)},
       "launch of 'bump': argument 0 'xs' (&mut [T] with 4-byte T): given a scalar, expected "
       "a slice"},
      {{hm_arg_slice(xs_, 0, 64, 4), hm_arg_scalar(&wide, 8)},
       "launch of 'bump': argument 1 'at' (4-byte scalar): given a value of 8 bytes, "
       "expected 4 bytes"},
      {{hm_arg_slice(xs_, 0, 64, 8), hm_arg_scalar(&at_, 4)},
       "launch of 'bump': argument 0 'xs' (&mut [T] with 4-byte T): given a slice of 8-byte "
       "elements, expected 4-byte elements"},
      {{hm_arg_slice(read_only_, 0, 64, 4), hm_arg_scalar(&at_, 4)},
       "launch of 'bump': argument 0 'xs' (&mut [T] with 4-byte T): the buffer was allocated "
       "HM_BUFFER_READ_ONLY but the kernel takes this slice as &mut"},
      {{hm_arg_slice(xs_, 10, 64, 4), hm_arg_scalar(&at_, 4)},
       "launch of 'bump': argument 0 'xs' (&mut [T] with 4-byte T): elements [10, 10 + 64) "
       "are outside the buffer, which holds 64 elements (256 bytes)"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(launch(c.args), HM_ERROR_INVALID_ARGUMENT) << c.message;
    EXPECT_STREQ(hm_last_error(), c.message);
  }
  // Dimensions: an empty block, and one over the device's limit.
  EXPECT_EQ(launch({hm_arg_slice(xs_, 0, 64, 4), hm_arg_scalar(&at_, 4)}, 0),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(contains(hm_last_error(), "launch of 'bump'")) << hm_last_error();
  EXPECT_EQ(launch({hm_arg_slice(xs_, 0, 64, 4), hm_arg_scalar(&at_, 4)}, 1u << 20),
            HM_ERROR_INVALID_ARGUMENT);
  // A signature that does not fit the device's push constants is refused at lookup.
  std::vector<hm_param_desc> huge(300, hm_param_desc{HM_PARAM_SCALAR, 8, 8, nullptr});
  hm_kernel kernel = nullptr;
  EXPECT_EQ(hm_kernel_get(module_, "bump", huge.data(), huge.size(), &kernel),
            HM_ERROR_UNSUPPORTED);
  EXPECT_TRUE(contains(hm_last_error(), "bytes of push constants")) << hm_last_error();
  expect_still_usable();
}

TEST_F(VulkanErrors, UnknownKernel) {
  hm_kernel kernel = nullptr;
  EXPECT_EQ(hm_kernel_get(module_, "saxpy", kParams, 2, &kernel), HM_ERROR_NOT_FOUND);
  EXPECT_EQ(kernel, nullptr);
  EXPECT_STREQ(hm_last_error(),
               "the SPIR-V module has no compute entry point named 'saxpy' (it has 'bump', "
               "'bump_limited', 'big_shared')");
  expect_still_usable();
}

TEST_F(VulkanErrors, OutOfMemory) {
  // SIZE_MAX once wrapped to a 16-byte buffer when rounded up.
  for (size_t bytes : {size_t{1} << 50, SIZE_MAX / 2, SIZE_MAX}) {
    hm_buffer buffer = reinterpret_cast<hm_buffer>(1);
    EXPECT_EQ(hm_buffer_alloc(device_, bytes, 0, &buffer), HM_ERROR_OUT_OF_MEMORY) << bytes;
    EXPECT_EQ(buffer, nullptr);
    const std::string error = hm_last_error();
    EXPECT_TRUE(contains(error, "a buffer of " + std::to_string(bytes) + " bytes is larger "
                                "than") ||
                contains(error, "VK_ERROR_OUT_OF_DEVICE_MEMORY") ||
                contains(error, "VK_ERROR_OUT_OF_HOST_MEMORY"))
        << error;
  }
  expect_still_usable();
}

TEST_F(VulkanErrors, NotAModule) {
  hm_module module = nullptr;
  const std::string garbage = "this is not a module";
  EXPECT_EQ(hm_module_load_data(device_, garbage.data(), garbage.size(), &module),
            HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(), "the 20-byte module is not a bundle, PTX, cubin, hsaco or "
                                "SPIR-V (its first bytes match none of them)");
  const std::string ptx = "//\n.version 8.0\n.target sm_90\n";
  EXPECT_EQ(hm_module_load_data(device_, ptx.data(), ptx.size(), &module),
            HM_ERROR_INVALID_MODULE);
  EXPECT_TRUE(contains(hm_last_error(), "Vulkan devices take SPIR-V")) << hm_last_error();
  // A SPIR-V header with nothing valid after it.
  const uint32_t words[8] = {0x07230203, 0x00010500, 0, 100, 0, 0xFFFFFFFF, 0, 0};
  EXPECT_EQ(hm_module_load_data(device_, words, sizeof(words), &module), HM_ERROR_INVALID_MODULE);
  EXPECT_EQ(module, nullptr);
  EXPECT_EQ(hm_module_load_file(device_, "/nonexistent/k.spv", &module), HM_ERROR_IO);
  EXPECT_TRUE(contains(hm_last_error(), "cannot open module file '/nonexistent/k.spv'"))
      << hm_last_error();
  expect_still_usable();
}

TEST(CudaErrors, OutOfMemory) {
  hm_device device = nullptr;
  if (hm_device_open("cuda:0", &device) != HM_SUCCESS ||
      !contains(hm_device_name(device), "Fake CUDA")) {
    hm_device_close(device);
    GTEST_SKIP() << "the fake libcuda is not on LD_LIBRARY_PATH (run through ctest)";
  }
  hm_buffer buffer = nullptr;
  EXPECT_EQ(hm_buffer_alloc(device, SIZE_MAX / 2, 0, &buffer), HM_ERROR_OUT_OF_MEMORY);
  EXPECT_EQ(buffer, nullptr);
  EXPECT_TRUE(contains(hm_last_error(), "cuMemAlloc of 9223372036854775807 bytes failed on "
                                        "cuda:0"))
      << hm_last_error();
  EXPECT_EQ(hm_buffer_alloc(device, 64, 0, &buffer), HM_SUCCESS) << hm_last_error();
  hm_buffer_free(buffer);
  hm_device_close(device);
}

}  // namespace
