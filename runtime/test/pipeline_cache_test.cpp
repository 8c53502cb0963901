// The Vulkan pipeline cache on disk (vulkan/pipeline_cache.h): written when a device
// closes, read back by the next one, never written with
// HEMATITE_VULKAN_PIPELINE_CACHE=0, and a garbage file is only an empty cache.
#include <gtest/gtest.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "hematite/runtime.h"

namespace {

// Every test of this executable opens Vulkan devices, which save their pipeline cache:
// into the build tree, not the user's ~/.cache (set before main, before any device).
#ifdef HM_TEST_CACHE_DIR
const bool kCacheInBuildTree = setenv("XDG_CACHE_HOME", HM_TEST_CACHE_DIR, 1) == 0;
#endif

class PipelineCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifndef HM_TEST_PANIC_SPV
    GTEST_SKIP() << "spirv-as was not found when building: no test SPIR-V";
#endif
    // One directory per test and process: ctest -j runs the tests of this
    // fixture at the same time.
    dir_ = ::testing::TempDir() + "hematite-pipeline-cache-test-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
           std::to_string(::getpid());
    ::mkdir(dir_.c_str(), 0755);
    setenv("XDG_CACHE_HOME", dir_.c_str(), 1);
    unsetenv("HEMATITE_VULKAN_PIPELINE_CACHE");
    clear();
  }
  // Removes the cache files (one per device kind; lavapipe has one).
  void clear() {
    std::string cmd = "rm -f '" + dir_ + "'/hematite/vulkan-*.bin";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  // The size of the cache file(s), 0 when there is none.
  long cache_bytes() {
    std::string cmd = "cat '" + dir_ + "'/hematite/vulkan-*.bin 2>/dev/null | wc -c";
    FILE* pipe = popen(cmd.c_str(), "r");
    long bytes = 0;
    if (pipe) {
      if (std::fscanf(pipe, "%ld", &bytes) != 1) bytes = 0;
      pclose(pipe);
    }
    return bytes;
  }
  // Opens the Vulkan device, builds a pipeline by launching once, closes the device.
  bool run_once() {
    hm_device device = nullptr;
    if (hm_device_open("vulkan", &device) != HM_SUCCESS) return false;
    hm_module module = nullptr;
    EXPECT_EQ(hm_module_load_file(device, HM_TEST_PANIC_SPV, &module), HM_SUCCESS)
        << hm_last_error();
    const hm_param_desc params[] = {{HM_PARAM_SLICE_RW, 4, 4, "xs"},
                                    {HM_PARAM_SCALAR, 4, 4, "at"}};
    hm_kernel kernel = nullptr;
    EXPECT_EQ(hm_kernel_get(module, "bump", params, 2, &kernel), HM_SUCCESS) << hm_last_error();
    hm_buffer xs = nullptr;
    EXPECT_EQ(hm_buffer_alloc(device, 256, 0, &xs), HM_SUCCESS);
    const uint32_t at = 0, grid[3] = {1, 1, 1}, block[3] = {64, 1, 1};
    const hm_arg args[] = {hm_arg_slice(xs, 0, 64, 4), hm_arg_scalar(&at, 4)};
    EXPECT_EQ(hm_launch(kernel, grid, block, args, 2), HM_SUCCESS) << hm_last_error();
    EXPECT_EQ(hm_synchronize(device), HM_SUCCESS) << hm_last_error();
    hm_buffer_free(xs);
    hm_kernel_release(kernel);
    hm_module_unload(module);
    hm_device_close(device);
    return true;
  }
  std::string dir_;
};

TEST_F(PipelineCacheTest, SavedOnCloseAndReadBack) {
  if (!run_once()) GTEST_SKIP() << "no Vulkan device";
  const long first = cache_bytes();
  EXPECT_GT(first, 0);  // at least the driver's cache header
  ASSERT_TRUE(run_once());  // seeded from the file
  EXPECT_GE(cache_bytes(), first);
}

TEST_F(PipelineCacheTest, OffMeansNoFile) {
  setenv("HEMATITE_VULKAN_PIPELINE_CACHE", "0", 1);
  if (!run_once()) GTEST_SKIP() << "no Vulkan device";
  EXPECT_EQ(cache_bytes(), 0);
  unsetenv("HEMATITE_VULKAN_PIPELINE_CACHE");
}

TEST_F(PipelineCacheTest, GarbageFileIsAnEmptyCache) {
  if (!run_once()) GTEST_SKIP() << "no Vulkan device";
  // Overwrite every cache file with garbage: the next device must still work.
  std::string cmd = "for f in '" + dir_ + "'/hematite/vulkan-*.bin; do "
                    "head -c 1000 /dev/urandom > \"$f\"; done";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_TRUE(run_once());
  EXPECT_GT(cache_bytes(), 0);
}

}  // namespace
