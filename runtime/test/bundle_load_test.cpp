// Loading bundles through the C API on real backends: CUDA and HIP against the fake
// libcuda and libamdhip64 (fake_drivers/), Vulkan on lavapipe or any Vulkan device. The image the device needs is
// loaded and runs; bad and unsuitable bundles are clean errors.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "hematite/bundle.h"
#include "fake_drivers/fake_hsaco.h"
#include "hematite/runtime.h"

namespace {

using hematite::bundle::Format;
using hematite::bundle::Image;

// "PTX" the fake libcuda understands: kernel bump(xs: &mut [u32], at: u32).
const char* const kFakePtx =
    "//\n.version 8.0\n.target sm_90\n.address_size 64\n"
    ".visible .entry bump(.param .u64 a, .param .u64 b, .param .u32 c) { ret; }\n";

std::string bundle_of(const std::vector<Image>& images) {
  std::string bytes, error;
  EXPECT_TRUE(hematite::bundle::write(images, bytes, error)) << error;
  return bytes;
}

std::string read_file(const char* path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

class BundleLoad : public ::testing::Test {
 protected:
  ~BundleLoad() override {
    hm_kernel_release(kernel_);
    hm_module_unload(module_);
    hm_device_close(device_);
  }
  bool open(const char* spec) {
    if (hm_device_open(spec, &device_) != HM_SUCCESS) device_ = nullptr;
    return device_ != nullptr;
  }
  hm_status load(const std::string& bytes) {
    hm_module_unload(module_);
    module_ = nullptr;
    return hm_module_load_data(device_, bytes.data(), bytes.size(), &module_);
  }
  // Runs bump on 64 elements and checks they were incremented.
  void expect_bump_runs() {
    const hm_param_desc params[] = {{HM_PARAM_SLICE_RW, 4, 4, "xs"},
                                    {HM_PARAM_SCALAR, 4, 4, "at"}};
    ASSERT_EQ(hm_kernel_get(module_, "bump", params, 2, &kernel_), HM_SUCCESS)
        << hm_last_error();
    hm_buffer xs = nullptr;
    ASSERT_EQ(hm_buffer_alloc(device_, 64 * 4, 0, &xs), HM_SUCCESS);
    std::vector<uint32_t> host(64, 7);
    ASSERT_EQ(hm_buffer_write(xs, 0, host.data(), 64 * 4), HM_SUCCESS);
    const uint32_t at = 0, grid[3] = {1, 1, 1}, block[3] = {64, 1, 1};
    const hm_arg args[] = {hm_arg_slice(xs, 0, 64, 4), hm_arg_scalar(&at, 4)};
    ASSERT_EQ(hm_launch(kernel_, grid, block, args, 2), HM_SUCCESS) << hm_last_error();
    ASSERT_EQ(hm_synchronize(device_), HM_SUCCESS) << hm_last_error();
    ASSERT_EQ(hm_buffer_read(xs, 0, host.data(), 64 * 4), HM_SUCCESS);
    hm_buffer_free(xs);
    for (uint32_t v : host) ASSERT_EQ(v, 8u);
  }

  hm_device device_ = nullptr;
  hm_module module_ = nullptr;
  hm_kernel kernel_ = nullptr;
};

// ---- CUDA (fake libcuda: sm_90) ----

class CudaBundle : public BundleLoad {
 protected:
  void SetUp() override {
    if (!open("cuda:0") || std::string(hm_device_name(device_)).find("Fake") == std::string::npos)
      GTEST_SKIP() << "the fake libcuda is not on LD_LIBRARY_PATH (run through ctest)";
  }
};

TEST_F(CudaBundle, PicksThePtxThatFitsAndRunsIt) {
  EXPECT_STREQ(hm_device_target(device_), "sm_90");
  // A cubin for another SM and PTX for a newer GPU are passed over.
  const std::string bytes = bundle_of({{"vulkan1.2", Format::kSpirv, "not loaded"},
                                       {"sm_80", Format::kCubin, "not loaded"},
                                       {"sm_100", Format::kPtx, "not loaded"},
                                       {"sm_90", Format::kPtx, kFakePtx}});
  ASSERT_EQ(load(bytes), HM_SUCCESS) << hm_last_error();
  expect_bump_runs();
}

TEST_F(CudaBundle, NoSuitableImage) {
  EXPECT_EQ(load(bundle_of({{"sm_100", Format::kPtx, kFakePtx}, {"gfx942", Format::kHsaco, ""}})),
            HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(),
               "the bundle has no image for cuda:0 (Fake CUDA device for panic tests (sm_90), "
               "sm_90); its images:\n"
               "  sm_100 PTX: PTX for a newer GPU than the device (sm_90); PTX runs on its SM "
               "and later ones\n"
               "  gfx942 hsaco: for AMD GPUs (HIP), and the device is sm_90");
}

TEST_F(CudaBundle, ImageWhoseBytesAreNotItsFormat) {
  EXPECT_EQ(load(bundle_of({{"sm_90", Format::kCubin, kFakePtx}})), HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(), "the bundle's sm_90 cubin image: its bytes are PTX");
  EXPECT_EQ(load(bundle_of({{"sm_90", Format::kPtx, "garbage"}})), HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(),
               "the bundle's sm_90 PTX image: the 7-byte module is not a bundle, PTX, cubin, "
               "hsaco or SPIR-V (its first bytes match none of them)");
}

TEST_F(CudaBundle, TruncatedAndCorruptBundlesAreErrors) {
  const std::string bytes = bundle_of({{"sm_90", Format::kPtx, kFakePtx}});
  for (size_t size : {size_t{8}, size_t{39}, size_t{40}, size_t{100}, bytes.size() - 1}) {
    EXPECT_EQ(load(bytes.substr(0, size)), HM_ERROR_INVALID_MODULE) << size;
    EXPECT_EQ(std::string(hm_last_error()).rfind("invalid bundle: ", 0), 0u) << hm_last_error();
  }
  std::string corrupt = bytes;
  corrupt[corrupt.size() - 3] ^= 1;
  EXPECT_EQ(load(corrupt), HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(), "invalid bundle: entry 0 (offset 40): the PTX image for "
                                "'sm_90' fails its CRC-32: it is corrupt");
  EXPECT_EQ(module_, nullptr);
}

TEST_F(CudaBundle, FromAFile) {
  const std::string path = ::testing::TempDir() + "hematite_bundle_test.hmb";
  {
    std::ofstream file(path, std::ios::binary);
    file << bundle_of({{"sm_90", Format::kPtx, kFakePtx}});
  }
  ASSERT_EQ(hm_module_load_file(device_, path.c_str(), &module_), HM_SUCCESS) << hm_last_error();
  expect_bump_runs();
  std::remove(path.c_str());
}

// ---- HIP (fake libamdhip64: gfx942) ----

class HipBundle : public BundleLoad {
 protected:
  void SetUp() override {
    if (!open("hip:0") || std::string(hm_device_name(device_)).find("Fake HIP") == std::string::npos)
      GTEST_SKIP() << "the fake libamdhip64 is not on LD_LIBRARY_PATH (run through ctest)";
  }
};

TEST_F(HipBundle, PicksTheCodeObjectOfItsProcessorAndRunsIt) {
  // gcnArchName "gfx942:sramecc+:xnack-": the features are not part of the target.
  EXPECT_STREQ(hm_device_target(device_), "gfx942");
  EXPECT_STREQ(hm_device_name(device_), "Fake HIP device (gfx942)");
  const std::string hsaco = fake_hsaco(kFakePtx);
  const std::string bytes = bundle_of({{"sm_90", Format::kPtx, kFakePtx},
                                       {"gfx90a", Format::kHsaco, "not loaded"},
                                       {"vulkan1.2", Format::kSpirv, "not loaded"},
                                       {"gfx942", Format::kHsaco, hsaco}});
  ASSERT_EQ(load(bytes), HM_SUCCESS) << hm_last_error();
  expect_bump_runs();
}

TEST_F(HipBundle, NoSuitableImage) {
  EXPECT_EQ(load(bundle_of({{"gfx1100", Format::kHsaco, fake_hsaco(kFakePtx)},
                            {"sm_90", Format::kPtx, kFakePtx}})),
            HM_ERROR_INVALID_MODULE);
  EXPECT_NE(std::string(hm_last_error()).find("the bundle has no image for hip:0"),
            std::string::npos)
      << hm_last_error();
}

TEST_F(HipBundle, ModulesThatAreNotCodeObjects) {
  // PTX given to an AMD GPU: refused before HIP sees it.
  EXPECT_EQ(load(kFakePtx), HM_ERROR_INVALID_MODULE);
  EXPECT_NE(std::string(hm_last_error()).find("PTX"), std::string::npos) << hm_last_error();
  // An ELF for another machine is no module at all.
  std::string other = fake_hsaco(kFakePtx);
  other[18] = 62;  // EM_X86_64
  EXPECT_EQ(load(other), HM_ERROR_INVALID_MODULE);
  // An AMDGPU ELF that HIP refuses (a 32-bit one): HIP's error, and the likely cause.
  std::string refused = fake_hsaco(kFakePtx);
  refused[4] = 1;  // ELFCLASS32
  EXPECT_EQ(load(refused), HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(),
               "loading the hsaco module on hip:0 (Fake HIP device (gfx942), gfx942) failed: "
               "hipErrorFake (error from the fake libamdhip64) (an hsaco runs only on the gfx "
               "processor it was compiled for)");
  EXPECT_EQ(module_, nullptr);
}

// ---- Vulkan ----

class VulkanBundle : public BundleLoad {
 protected:
  void SetUp() override {
#ifndef HM_TEST_PANIC_SPV
    GTEST_SKIP() << "spirv-as was not found when building: no test SPIR-V";
#else
    if (!open("vulkan")) GTEST_SKIP() << "no Vulkan device";
    spirv_ = read_file(HM_TEST_PANIC_SPV);
    ASSERT_FALSE(spirv_.empty());
#endif
  }
  std::string spirv_;
};

TEST_F(VulkanBundle, PicksTheSpirvThatFitsAndRunsIt) {
  const std::string target = hm_device_target(device_);
  ASSERT_EQ(target.rfind("vulkan1.", 0), 0u) << target;
  // vulkan1.9 is newer than any device; sm_90 PTX is for CUDA.
  ASSERT_EQ(load(bundle_of({{"sm_90", Format::kPtx, kFakePtx},
                            {"vulkan1.9", Format::kSpirv, "not loaded"},
                            {"vulkan1.2", Format::kSpirv, spirv_}})),
            HM_SUCCESS)
      << hm_last_error();
  expect_bump_runs();
}

TEST_F(VulkanBundle, NoSuitableImage) {
  EXPECT_EQ(load(bundle_of({{"vulkan1.9", Format::kSpirv, spirv_}})), HM_ERROR_INVALID_MODULE);
  const std::string error = hm_last_error();
  EXPECT_EQ(error.rfind("the bundle has no image for vulkan:", 0), 0u) << error;
  EXPECT_NE(error.find("  vulkan1.9 SPIR-V: needs Vulkan 1.9 and the device offers 1."),
            std::string::npos)
      << error;
}

TEST_F(VulkanBundle, BadBundleIsAnError) {
  std::string bytes = bundle_of({{"vulkan1.2", Format::kSpirv, spirv_}});
  bytes[12] = 41;  // header size
  EXPECT_EQ(load(bytes), HM_ERROR_INVALID_MODULE);
  EXPECT_STREQ(hm_last_error(), "invalid bundle: header size 41 at offset 12; version 1 has 40");
}

}  // namespace
