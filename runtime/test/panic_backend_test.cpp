// Device panics and the metadata checks through the real backends and the C API:
//   - CUDA and HIP against the fake libcuda and libamdhip64 in fake_drivers/ (ctest
//     puts them on LD_LIBRARY_PATH);
//   - Vulkan on whatever Vulkan device there is (lavapipe on CI machines), with the
//     hand-written SPIR-V testdata/panic_kernel.spvasm.
// A backend that cannot be opened skips its tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "fake_drivers/fake_hsaco.h"
#include "hematite/runtime.h"

namespace {

constexpr uint32_t kLen = 100;

const char* const kMetadata =
    "hematite-metadata\t1\n"
    "kernel\tbump\t0\t0\t-1\n"
    "kernel\tbump_limited\t0\t64\t-1\n"
    "panic\t1\tbump\tkernels/bump.rs\t7\t13\tu64,u64\t"
    "index out of bounds: the len is {} but the index is {}\n";

// A module's text for the fake drivers (fake_drivers/fake_module.h): "PTX".
std::string fake_ptx(bool panic_record, const std::string& metadata,
                     const std::string& record_bytes = "72") {
  std::string ptx = "//\n.version 8.0\n.target sm_90\n.address_size 64\n"
                    ".visible .entry bump(.param .u64 a, .param .u64 b, .param .u32 c) { ret; }\n"
                    ".visible .entry bump_limited(.param .u64 a, .param .u64 b, .param .u32 c) "
                    "{ ret; }\n";
  if (panic_record) ptx += ".visible .global .align 8 .b8 hematite_panic[" + record_bytes + "];\n";
  if (!metadata.empty()) ptx += "//METADATA\n" + metadata;
  return ptx;
}

class Backend {
 public:
  explicit Backend(const char* spec) {
    if (hm_device_open(spec, &device_) != HM_SUCCESS) device_ = nullptr;
  }
  ~Backend() {
    for (hm_kernel k : kernels_) hm_kernel_release(k);
    for (hm_module m : modules_) hm_module_unload(m);
    hm_buffer_free(xs_);
    hm_device_close(device_);
  }
  bool ok() const { return device_ != nullptr; }
  hm_device device() const { return device_; }

  hm_status load(const void* data, size_t bytes, hm_module* out) {
    hm_status status = hm_module_load_data(device_, data, bytes, out);
    if (status == HM_SUCCESS) modules_.push_back(*out);
    return status;
  }
  hm_status load_file(const char* path, hm_module* out) {
    hm_status status = hm_module_load_file(device_, path, out);
    if (status == HM_SUCCESS) modules_.push_back(*out);
    return status;
  }
  // bump(xs: &mut [u32], at: u32)
  hm_status kernel(hm_module module, const char* name, hm_kernel* out) {
    const hm_param_desc params[] = {{HM_PARAM_SLICE_RW, 4, 4, "xs"},
                                    {HM_PARAM_SCALAR, 4, 4, "at"}};
    hm_status status = hm_kernel_get(module, name, params, 2, out);
    if (status == HM_SUCCESS) kernels_.push_back(*out);
    return status;
  }
  // xs = kLen zeros.
  void reset_xs() {
    if (xs_ == nullptr) {
      EXPECT_EQ(hm_buffer_alloc(device_, kLen * 4, 0, &xs_), HM_SUCCESS);
    }
    std::vector<uint32_t> zeros(kLen, 0);
    EXPECT_EQ(hm_buffer_write(xs_, 0, zeros.data(), kLen * 4), HM_SUCCESS);
  }
  std::vector<uint32_t> read_xs() {
    std::vector<uint32_t> xs(kLen);
    EXPECT_EQ(hm_buffer_read(xs_, 0, xs.data(), kLen * 4), HM_SUCCESS) << hm_last_error();
    return xs;
  }
  hm_status launch(hm_kernel kernel, uint32_t blocks, uint32_t threads, uint32_t at) {
    const uint32_t grid[3] = {blocks, 1, 1};
    const uint32_t block[3] = {threads, 1, 1};
    const hm_arg args[] = {hm_arg_slice(xs_, 0, kLen, 4), hm_arg_scalar(&at, 4)};
    return hm_launch(kernel, grid, block, args, 2);
  }

 private:
  hm_device device_ = nullptr;
  hm_buffer xs_ = nullptr;
  std::vector<hm_module> modules_;
  std::vector<hm_kernel> kernels_;
};

const char* const kBoundsPanic =
    "kernel 'bump' panicked at kernels/bump.rs:7:13:\n"
    "index out of bounds: the len is 100 but the index is 100";

// One block of 64 threads from `at` = 37: threads 0..62 increment xs[37..99], thread 63
// indexes xs[100] and panics; the others run on.
void expect_one_panic_then_usable(Backend& backend, hm_kernel bump) {
  backend.reset_xs();
  ASSERT_EQ(backend.launch(bump, 1, 64, 37), HM_SUCCESS) << hm_last_error();
  // Buffer reads wait but do not report the panic: hm_synchronize does.
  std::vector<uint32_t> xs = backend.read_xs();
  for (uint32_t i = 0; i < kLen; ++i) ASSERT_EQ(xs[i], i >= 37 ? 1u : 0u) << i;
  EXPECT_EQ(hm_synchronize(backend.device()), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(hm_last_error(), kBoundsPanic);
  // Reported once; the device and the module stay usable.
  EXPECT_EQ(hm_synchronize(backend.device()), HM_SUCCESS) << hm_last_error();
  ASSERT_EQ(backend.launch(bump, 1, 64, 0), HM_SUCCESS) << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend.device()), HM_SUCCESS) << hm_last_error();
  xs = backend.read_xs();
  EXPECT_EQ(xs[0], 1u);
  EXPECT_EQ(xs[63], 2u);  // both launches
  EXPECT_EQ(xs[64], 1u);  // the first launch only
  // Many threads out of bounds: one report, of whichever thread won.
  ASSERT_EQ(backend.launch(bump, 4, 64, 0), HM_SUCCESS) << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend.device()), HM_ERROR_KERNEL_PANIC);
  EXPECT_NE(std::string(hm_last_error()).find("the len is 100 but the index is 1"),
            std::string::npos)
      << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend.device()), HM_SUCCESS) << hm_last_error();
}

void expect_max_threads_enforced(Backend& backend, hm_kernel limited) {
  backend.reset_xs();
  EXPECT_EQ(backend.launch(limited, 1, 128, 0), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(hm_last_error(),
               "launch of 'bump_limited': block of 128 threads (128x1x1) exceeds the "
               "kernel's #[kernel(max_threads = 64)]");
  EXPECT_EQ(backend.launch(limited, 1, 64, 0), HM_SUCCESS) << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend.device()), HM_SUCCESS) << hm_last_error();
}

// ---- CUDA and HIP (fake drivers) ----

struct FakeDriver {
  const char* spec;                       // the device to open
  const char* name;                       // what the fake's device is called
  std::string (*image)(const std::string& text);  // the text as a module of its format
};

void PrintTo(const FakeDriver& driver, std::ostream* out) { *out << driver.spec; }

std::string as_ptx(const std::string& text) { return text; }

class DriverPanic : public ::testing::TestWithParam<FakeDriver> {
 protected:
  void SetUp() override {
    if (!backend_.ok() ||
        std::string(hm_device_name(backend_.device())).find(GetParam().name) == std::string::npos)
      GTEST_SKIP() << "the fake drivers are not on LD_LIBRARY_PATH (run through ctest)";
  }
  std::string image(const std::string& text) const { return GetParam().image(text); }
  hm_status load(const std::string& text, hm_module* out) {
    const std::string bytes = image(text);
    return backend_.load(bytes.data(), bytes.size(), out);
  }
  Backend backend_{GetParam().spec};
};

INSTANTIATE_TEST_SUITE_P(Fakes, DriverPanic,
                         ::testing::Values(FakeDriver{"cuda:0", "Fake CUDA", as_ptx},
                                           FakeDriver{"hip:0", "Fake HIP", fake_hsaco}),
                         [](const ::testing::TestParamInfo<FakeDriver>& info) {
                           return std::string(info.param.spec).substr(0, 3) == "hip" ? "hip"
                                                                                     : "cuda";
                         });

TEST_P(DriverPanic, ReportsResetsAndStaysUsable) {
  hm_module module;
  ASSERT_EQ(load(fake_ptx(true, kMetadata), &module), HM_SUCCESS) << hm_last_error();
  hm_kernel bump;
  ASSERT_EQ(backend_.kernel(module, "bump", &bump), HM_SUCCESS) << hm_last_error();
  // The fake fills the record with garbage: the runtime zeroed it at load.
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();
  expect_one_panic_then_usable(backend_, bump);
}

TEST_P(DriverPanic, MaxThreadsFromMetadata) {
  hm_module module;
  ASSERT_EQ(load(fake_ptx(true, kMetadata), &module), HM_SUCCESS) << hm_last_error();
  hm_kernel limited;
  ASSERT_EQ(backend_.kernel(module, "bump_limited", &limited), HM_SUCCESS) << hm_last_error();
  expect_max_threads_enforced(backend_, limited);
}

// The metadata lists bump's parameters. CUDA: their sizes are still compared with
// the driver's, but the count is not probed one past the end (an API error for
// compute-sanitizer; the fake libcuda aborts on it).
TEST_P(DriverPanic, ParameterCountFromMetadata) {
  const std::string metadata = std::string(kMetadata) +
                               "param\tbump\t0\txs\t&mut [u32]\n"
                               "param\tbump\t1\tat\tu32\n";
  hm_module module;
  ASSERT_EQ(load(fake_ptx(true, metadata), &module), HM_SUCCESS) << hm_last_error();
  hm_kernel bump;
  ASSERT_EQ(backend_.kernel(module, "bump", &bump), HM_SUCCESS) << hm_last_error();
  backend_.reset_xs();
  EXPECT_EQ(backend_.launch(bump, 1, 64, 0), HM_SUCCESS) << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();
}

TEST_P(DriverPanic, ModulesWithoutMetadataOrRecord) {
  // Another tool's module: no globals at all. Loads and runs; nothing to report.
  hm_module plain;
  ASSERT_EQ(load(fake_ptx(false, ""), &plain), HM_SUCCESS) << hm_last_error();
  hm_kernel limited;
  ASSERT_EQ(backend_.kernel(plain, "bump_limited", &limited), HM_SUCCESS);
  backend_.reset_xs();
  EXPECT_EQ(backend_.launch(limited, 1, 128, 0), HM_SUCCESS) << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();

  // A record but no metadata: still reported, by site number.
  hm_module bare;
  ASSERT_EQ(load(fake_ptx(true, ""), &bare), HM_SUCCESS) << hm_last_error();
  hm_kernel bump;
  ASSERT_EQ(backend_.kernel(bare, "bump", &bump), HM_SUCCESS);
  ASSERT_EQ(backend_.launch(bump, 1, 64, 37), HM_SUCCESS);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(hm_last_error(), "kernel panicked (site 1, no metadata)");
}

TEST_P(DriverPanic, TwoModulesPanicking) {
  hm_module first, second;
  ASSERT_EQ(load(fake_ptx(true, kMetadata), &first), HM_SUCCESS) << hm_last_error();
  ASSERT_EQ(load(fake_ptx(true, kMetadata), &second), HM_SUCCESS) << hm_last_error();
  hm_kernel a, b;
  ASSERT_EQ(backend_.kernel(first, "bump", &a), HM_SUCCESS);
  ASSERT_EQ(backend_.kernel(second, "bump", &b), HM_SUCCESS);
  backend_.reset_xs();
  ASSERT_EQ(backend_.launch(a, 1, 64, 37), HM_SUCCESS);
  ASSERT_EQ(backend_.launch(b, 1, 64, 37), HM_SUCCESS);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_ERROR_KERNEL_PANIC);
  EXPECT_EQ(std::string(hm_last_error()), std::string(kBoundsPanic) + "\n" + kBoundsPanic);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();
}

TEST_P(DriverPanic, UnloadingKeepsThePanicForTheNextSynchronize) {
  const std::string bytes = image(fake_ptx(true, kMetadata));
  hm_module module;
  ASSERT_EQ(hm_module_load_data(backend_.device(), bytes.data(), bytes.size(), &module),
            HM_SUCCESS)
      << hm_last_error();
  const hm_param_desc params[] = {{HM_PARAM_SLICE_RW, 4, 4, "xs"},
                                  {HM_PARAM_SCALAR, 4, 4, "at"}};
  hm_kernel bump;
  ASSERT_EQ(hm_kernel_get(module, "bump", params, 2, &bump), HM_SUCCESS);
  backend_.reset_xs();
  ASSERT_EQ(backend_.launch(bump, 1, 64, 37), HM_SUCCESS);
  hm_kernel_release(bump);
  hm_module_unload(module);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(hm_last_error(), kBoundsPanic);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();
}

TEST_P(DriverPanic, MalformedGlobalsRefuseTheModule) {
  hm_module module;
  EXPECT_EQ(load(fake_ptx(true, "hematite-metadata\t1\nkernel\tbump\n"), &module),
            HM_ERROR_INVALID_MODULE);
  EXPECT_NE(std::string(hm_last_error())
                .find("the module's hematite_metadata is malformed: kernel metadata, line 2"),
            std::string::npos)
      << hm_last_error();
  EXPECT_EQ(load(fake_ptx(true, kMetadata, "64"), &module), HM_ERROR_INVALID_MODULE);
  EXPECT_NE(std::string(hm_last_error()).find("hematite_panic is 64 bytes"), std::string::npos)
      << hm_last_error();
}

// ---- Vulkan (lavapipe or any device) ----

class VulkanPanic : public ::testing::Test {
 protected:
  void SetUp() override {
#ifndef HM_TEST_PANIC_SPV
    GTEST_SKIP() << "spirv-as was not found when building: no test SPIR-V";
#else
    if (!backend_.ok()) GTEST_SKIP() << "no Vulkan device";
    ASSERT_EQ(backend_.load_file(HM_TEST_PANIC_SPV, &module_), HM_SUCCESS) << hm_last_error();
#endif
  }
  Backend backend_{"vulkan"};
  hm_module module_ = nullptr;
};

TEST_F(VulkanPanic, ReportsResetsAndStaysUsable) {
  hm_kernel bump;
  ASSERT_EQ(backend_.kernel(module_, "bump", &bump), HM_SUCCESS) << hm_last_error();
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();
  expect_one_panic_then_usable(backend_, bump);
}

TEST_F(VulkanPanic, MaxThreadsFromMetadata) {
  hm_kernel limited;
  ASSERT_EQ(backend_.kernel(module_, "bump_limited", &limited), HM_SUCCESS) << hm_last_error();
  expect_max_threads_enforced(backend_, limited);
}

TEST_F(VulkanPanic, UnloadingKeepsThePanicForTheNextSynchronize) {
  hm_module module;
  ASSERT_EQ(hm_module_load_file(backend_.device(), HM_TEST_PANIC_SPV, &module), HM_SUCCESS)
      << hm_last_error();
  const hm_param_desc params[] = {{HM_PARAM_SLICE_RW, 4, 4, "xs"},
                                  {HM_PARAM_SCALAR, 4, 4, "at"}};
  hm_kernel bump;
  ASSERT_EQ(hm_kernel_get(module, "bump", params, 2, &bump), HM_SUCCESS) << hm_last_error();
  backend_.reset_xs();
  ASSERT_EQ(backend_.launch(bump, 1, 64, 37), HM_SUCCESS) << hm_last_error();
  hm_kernel_release(bump);
  hm_module_unload(module);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_ERROR_KERNEL_PANIC);
  EXPECT_STREQ(hm_last_error(), kBoundsPanic);
  EXPECT_EQ(hm_synchronize(backend_.device()), HM_SUCCESS) << hm_last_error();
}

TEST_F(VulkanPanic, SharedMemoryOverTheDeviceLimitIsRefused) {
  hm_kernel big;
  EXPECT_EQ(backend_.kernel(module_, "big_shared", &big), HM_ERROR_UNSUPPORTED);
  const std::string error = hm_last_error();
  EXPECT_NE(error.find("kernel 'big_shared' uses 4294967296 bytes of shared memory"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("(maxComputeSharedMemorySize)"), std::string::npos) << error;
}

}  // namespace
