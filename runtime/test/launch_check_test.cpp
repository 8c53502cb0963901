#include "launch_check.h"

#include <gtest/gtest.h>

#include "handles.h"
#include "status.h"

namespace hm::rt {
namespace {

// Device-free stand-ins: the checks only look at sizes, flags, limits and identity.
hm_device_limits test_limits() {
  hm_device_limits limits{};
  limits.max_block_dim[0] = 1024;
  limits.max_block_dim[1] = 1024;
  limits.max_block_dim[2] = 64;
  limits.max_grid_dim[0] = limits.max_grid_dim[1] = limits.max_grid_dim[2] = 65535;
  limits.max_threads_per_block = 1024;
  limits.slice_offset_alignment = 16;
  limits.max_slice_bytes = 1 << 20;
  return limits;
}

class FakeDevice final : public Device {
 public:
  FakeDevice() : Device(DeviceInfo{HM_BACKEND_VULKAN, 0, HM_DEVICE_TYPE_CPU, "fake", "vulkan1.2"}, test_limits()) {}
  hm_status allocate(size_t, uint32_t, std::shared_ptr<Buffer>*) override { return HM_ERROR_UNSUPPORTED; }
  hm_status load_module(hm_module_format, const void*, size_t, std::shared_ptr<Module>*) override {
    return HM_ERROR_UNSUPPORTED;
  }
  hm_status synchronize() override { return HM_SUCCESS; }
  bool accepts(hm_module_format) const override { return false; }
  hm_status create_stream(std::shared_ptr<Stream>*) override { return HM_ERROR_UNSUPPORTED; }
  hm_status create_event(std::shared_ptr<Event>*) override { return HM_ERROR_UNSUPPORTED; }
};

class FakeBuffer final : public Buffer {
 public:
  FakeBuffer(Device& device, size_t size, uint32_t flags) : Buffer(size, flags), device_(device) {}
  Device& device() const override { return device_; }
  hm_status write(size_t, const void*, size_t) override { return HM_SUCCESS; }
  hm_status read(size_t, void*, size_t) override { return HM_SUCCESS; }
  hm_status write_async(Stream&, size_t, const void*, size_t) override { return HM_SUCCESS; }
  hm_status read_async(Stream&, size_t, void*, size_t) override { return HM_SUCCESS; }

 private:
  Device& device_;
};

class FakeKernel final : public Kernel {
 public:
  FakeKernel(Device& device, Signature signature)
      : Kernel("saxpy", std::move(signature)), device_(device) {}
  Device& device() const override { return device_; }
  hm_status launch(const LaunchDims&, const std::vector<BoundArg>&, Stream*) override {
    return HM_SUCCESS;
  }

 private:
  Device& device_;
};

Buffer* resolve(hm_buffer buffer) { return buffer->impl.get(); }

class LaunchCheck : public ::testing::Test {
 protected:
  LaunchCheck() {
    hm_param_desc descs[] = {{HM_PARAM_SCALAR, 4, 4, "a"},
                             {HM_PARAM_SLICE_RO, 4, 4, "x"},
                             {HM_PARAM_SLICE_RW, 4, 4, "y"}};
    Signature signature;
    EXPECT_EQ(make_signature("saxpy", descs, 3, &signature), HM_SUCCESS);
    kernel_ = std::make_unique<FakeKernel>(device_, std::move(signature));
    ro_.impl = std::make_shared<FakeBuffer>(device_, 400, HM_BUFFER_READ_ONLY);
    rw_.impl = std::make_shared<FakeBuffer>(device_, 400, HM_BUFFER_DEFAULT);
  }

  // Binds (a, x, y) and returns the status; the message is in last_error_message().
  hm_status bind(std::vector<hm_arg> args) {
    return bind_launch_args(*kernel_, args.data(), args.size(), resolve, &bound_);
  }
  std::string error() const { return last_error_message(); }

  FakeDevice device_;
  std::unique_ptr<FakeKernel> kernel_;
  hm_buffer_s ro_, rw_;
  float a_ = 2.0f;
  std::vector<BoundArg> bound_;
};

TEST_F(LaunchCheck, GoodArgumentsBind) {
  ASSERT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 0, 100, 4),
                  hm_arg_slice(&rw_, 4, 96, 4)}),
            HM_SUCCESS);
  ASSERT_EQ(bound_.size(), 3u);
  EXPECT_EQ(bound_[0].scalar.size(), 4u);
  EXPECT_EQ(bound_[1].buffer, ro_.impl.get());
  EXPECT_EQ(bound_[2].byte_offset, 16u);
  EXPECT_EQ(bound_[2].count, 96u);
}

TEST_F(LaunchCheck, WrongCount) {
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4)}), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("takes 3 arguments but 1 was given"), std::string::npos) << error();
}

TEST_F(LaunchCheck, WrongKindAndSize) {
  EXPECT_EQ(bind({hm_arg_slice(&ro_, 0, 1, 4), hm_arg_slice(&ro_, 0, 1, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("argument 0 'a'"), std::string::npos) << error();
  double wide = 1.0;
  EXPECT_EQ(bind({hm_arg_scalar(&wide, 8), hm_arg_slice(&ro_, 0, 1, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("8 bytes, expected 4"), std::string::npos) << error();
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 0, 1, 8),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("8-byte elements"), std::string::npos) << error();
}

TEST_F(LaunchCheck, ReadOnlyBufferForMutableSlice) {
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 0, 1, 4),
                  hm_arg_slice(&ro_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("argument 2 'y'"), std::string::npos) << error();
}

TEST_F(LaunchCheck, RangesWithoutOverflow) {
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 0, 101, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  // offset + count wraps around 2^64: must still be caught.
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 4, UINT64_MAX, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("outside the buffer"), std::string::npos) << error();
  // An empty slice at the very end is fine.
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 100, 0, 4),
                  hm_arg_slice(&rw_, 0, 0, 4)}),
            HM_SUCCESS);
}

TEST_F(LaunchCheck, MisalignedSliceOffset) {
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&ro_, 1, 4, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_UNSUPPORTED);
  EXPECT_NE(error().find("multiples of 16"), std::string::npos) << error();
}

TEST_F(LaunchCheck, NullBufferAndNullValue) {
  EXPECT_EQ(bind({hm_arg_scalar(nullptr, 4), hm_arg_slice(&ro_, 0, 1, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(nullptr, 0, 1, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("buffer is NULL"), std::string::npos) << error();
}

TEST_F(LaunchCheck, BufferOfAnotherDevice) {
  FakeDevice other;
  hm_buffer_s foreign{std::make_shared<FakeBuffer>(other, 400, 0)};
  EXPECT_EQ(bind({hm_arg_scalar(&a_, 4), hm_arg_slice(&foreign, 0, 1, 4),
                  hm_arg_slice(&rw_, 0, 1, 4)}),
            HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(error().find("belongs to device"), std::string::npos) << error();
}

TEST(LaunchDimsCheck, ZeroAndOverLimit) {
  hm_device_limits limits = test_limits();
  LaunchDims ok{{10, 1, 1}, {256, 1, 1}};
  EXPECT_EQ(check_launch_dims("k", ok, limits), HM_SUCCESS);
  LaunchDims zero_grid{{0, 1, 1}, {256, 1, 1}};
  EXPECT_EQ(check_launch_dims("k", zero_grid, limits), HM_ERROR_INVALID_ARGUMENT);
  LaunchDims big_z{{1, 1, 1}, {1, 1, 65}};
  EXPECT_EQ(check_launch_dims("k", big_z, limits), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(last_error_message()).find("block dimension z is 65"), std::string::npos);
  LaunchDims too_many{{1, 1, 1}, {64, 32, 1}};  // 2048 threads > 1024
  EXPECT_EQ(check_launch_dims("k", too_many, limits), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(last_error_message()).find("2048 threads"), std::string::npos);
}

TEST(LaunchDimsCheck, KernelMaxThreads) {
  LaunchDims big{{1, 1, 1}, {512, 1, 1}};
  EXPECT_EQ(check_kernel_max_threads("k", big, 0), HM_SUCCESS);  // no attribute
  EXPECT_EQ(check_kernel_max_threads("k", big, 512), HM_SUCCESS);
  EXPECT_EQ(check_kernel_max_threads("k", big, 256), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(last_error_message(),
               "launch of 'k': block of 512 threads (512x1x1) exceeds the kernel's "
               "#[kernel(max_threads = 256)]");
  LaunchDims cube{{1, 1, 1}, {16, 16, 2}};  // the product counts, not one dimension
  EXPECT_EQ(check_kernel_max_threads("k", cube, 256), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(last_error_message()).find("block of 512 threads (16x16x2)"),
            std::string::npos);
  LaunchDims huge{{1, 1, 1}, {65536, 65536, 65536}};  // 2^48 does not wrap around
  EXPECT_EQ(check_kernel_max_threads("k", huge, 1024), HM_ERROR_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace hm::rt
