// Streams and events through the real backends and both APIs (C and C++):
//   - CUDA and HIP against the fake libcuda and libamdhip64 in fake_drivers/ (ctest
//     puts them on LD_LIBRARY_PATH), which also tell which stream each launch went to;
//   - Vulkan on whatever Vulkan device there is (lavapipe on CI machines), with the
//     hand-written SPIR-V testdata/panic_kernel.spvasm.
// The kernel is `bump(xs: &mut [u32], at: u32)`: thread i increments xs[i + at] and
// panics past the end. A backend that cannot be opened skips its tests.
#include <gtest/gtest.h>
#include <dlfcn.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fake_drivers/fake_hsaco.h"
#include "hematite/runtime.hpp"

namespace {

constexpr uint32_t kLen = 100;

const char* const kMetadata =
    "hematite-metadata\t1\n"
    "kernel\tbump\t0\t0\t-1\n"
    "panic\t1\tbump\tkernels/bump.rs\t7\t13\tu64,u64\t"
    "index out of bounds: the len is {} but the index is {}\n";

const char* const kBoundsPanic =
    "kernel 'bump' panicked at kernels/bump.rs:7:13:\n"
    "index out of bounds: the len is 100 but the index is 100";

// A module's text for the fake drivers (fake_drivers/fake_module.h): "PTX".
std::string fake_ptx() {
  return std::string("//\n.version 8.0\n.target sm_90\n.address_size 64\n"
                     ".visible .entry bump(.param .u64 a, .param .u64 b, .param .u32 c) "
                     "{ ret; }\n"
                     ".visible .global .align 8 .b8 hematite_panic[72];\n"
                     "//METADATA\n") +
         kMetadata;
}

// One opened device with the bump kernel and a buffer of kLen zeros.
class StreamTest : public ::testing::Test {
 public:  // for the shared checks below
  // Opens `spec` and loads the kernel; false (after GTEST_SKIP) when unavailable.
  enum class Fake { kNone, kCuda, kHip };
  bool open(const char* spec, Fake fake) {
    auto device = hm::Device::open(spec);
    if (!device) {
      skip_reason_ = device.error().to_string();
      return false;
    }
    device_ = std::move(*device);
    const char* fake_name = fake == Fake::kCuda ? "Fake CUDA" : "Fake HIP";
    if (fake != Fake::kNone && device_.name().find(fake_name) == std::string::npos) {
      skip_reason_ = "the fake drivers are not on LD_LIBRARY_PATH (run through ctest)";
      return false;
    }
    hm::Expected<hm::Module> module = [&]() -> hm::Expected<hm::Module> {
      if (fake != Fake::kNone) {
        const std::string bytes = fake == Fake::kCuda ? fake_ptx() : fake_hsaco(fake_ptx());
        return device_.load_module_data(bytes.data(), bytes.size());
      }
#ifdef HM_TEST_PANIC_SPV
      return device_.load_module(HM_TEST_PANIC_SPV);
#else
      return hm::Status(HM_ERROR_NOT_FOUND, "spirv-as was not found when building");
#endif
    }();
    if (!module) {
      skip_reason_ = module.error().to_string();
      return false;
    }
    module_ = std::move(*module);
    bump_ = module_.kernel("bump", {hm::slice_rw<uint32_t>("xs"), hm::scalar<uint32_t>("at")})
                .value();
    xs_ = device_.alloc<uint32_t>(kLen).value();
    EXPECT_TRUE(xs_.write(std::vector<uint32_t>(kLen, 0)));
    return true;
  }

  std::vector<uint32_t> read_xs() {
    std::vector<uint32_t> xs(kLen);
    hm::Status status = xs_.read(xs);
    EXPECT_TRUE(status) << status.to_string();
    return xs;
  }

  std::string skip_reason_;
  hm::Device device_;
  hm::Module module_;
  hm::Kernel bump_;
  hm::Buffer<uint32_t> xs_;
};

// What every backend must do: ordered launches and copies on a stream, events that
// time them, panics reported by the stream's synchronize.
void exercise_streams_and_events(StreamTest& t) {
  hm::Stream stream = t.device_.create_stream().value();
  hm::Event start = t.device_.create_event().value();
  hm::Event end = t.device_.create_event().value();

  // Copy in, launch twice, copy out: all on the stream, in order.
  std::vector<uint32_t> ones(kLen, 1);
  ASSERT_TRUE(t.xs_.write_async(stream, ones.data(), kLen));
  ASSERT_TRUE(start.record(stream));
  hm::Status s = t.bump_.launch_on(stream, 1, 64, t.xs_, uint32_t{0});
  ASSERT_TRUE(s) << s.to_string();
  s = t.bump_.launch_on(stream, 1, 36, t.xs_, uint32_t{64});
  ASSERT_TRUE(s) << s.to_string();
  ASSERT_TRUE(end.record(stream));
  std::vector<uint32_t> out(kLen, 0xdeadbeef);
  ASSERT_TRUE(t.xs_.read_async(stream, out.data(), kLen));
  s = stream.synchronize();
  ASSERT_TRUE(s) << s.to_string();
  for (uint32_t i = 0; i < kLen; ++i) ASSERT_EQ(out[i], 2u) << i;

  ASSERT_TRUE(end.synchronize());
  hm::Expected<float> ms = hm::Event::elapsed_ms(start, end);
  ASSERT_TRUE(ms) << ms.error().to_string();
  EXPECT_GE(*ms, 0.0f);
  EXPECT_LT(*ms, 10000.0f);
  // The same event twice: no time.
  ms = hm::Event::elapsed_ms(end, end);
  ASSERT_TRUE(ms) << ms.error().to_string();
  EXPECT_EQ(*ms, 0.0f);

  // A panic on the stream is reported by the stream's synchronize, once.
  s = t.bump_.launch_on(stream, 1, 64, t.xs_, uint32_t{37});
  ASSERT_TRUE(s) << s.to_string();
  s = stream.synchronize();
  EXPECT_EQ(s.code(), HM_ERROR_KERNEL_PANIC) << s.to_string();
  EXPECT_EQ(s.message(), kBoundsPanic);
  s = t.device_.synchronize();
  EXPECT_TRUE(s) << s.to_string();
  s = stream.synchronize();
  EXPECT_TRUE(s) << s.to_string();

  // ... and by the device's synchronize too, for work on any stream.
  s = t.bump_.launch_on(stream, 1, 64, t.xs_, uint32_t{37});
  ASSERT_TRUE(s) << s.to_string();
  s = t.device_.synchronize();
  EXPECT_EQ(s.code(), HM_ERROR_KERNEL_PANIC) << s.to_string();

  // Events on the default stream work as well.
  ASSERT_TRUE(start.record());
  ASSERT_TRUE(t.bump_.launch(1, 64, t.xs_, uint32_t{0}));
  ASSERT_TRUE(end.record());
  ms = hm::Event::elapsed_ms(start, end);
  ASSERT_TRUE(ms) << ms.error().to_string();
  EXPECT_GE(*ms, 0.0f);
}

void expect_event_and_stream_errors(StreamTest& t) {
  hm::Event never = t.device_.create_event().value();
  hm::Event recorded = t.device_.create_event().value();
  ASSERT_TRUE(recorded.record());
  hm::Expected<float> ms = hm::Event::elapsed_ms(recorded, never);
  EXPECT_EQ(ms.error().code(), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(ms.error().message(),
            "hm_event_elapsed_ms: the end event was never recorded (hm_event_record)");
  // Synchronizing an event never recorded is a no-op, as in CUDA.
  EXPECT_TRUE(never.synchronize());

  // Another open of the same device is another device: its streams do not mix.
  hm::Device other = hm::Device::open(t.device_.spec().c_str()).value();
  hm::Stream foreign = other.create_stream().value();
  hm::Status s = t.bump_.launch_on(foreign, 1, 64, t.xs_, uint32_t{0});
  EXPECT_EQ(s.code(), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("hm_launch_on: the stream belongs to " + t.device_.spec()),
            std::string::npos)
      << s.message();
  uint32_t value = 0;
  s = t.xs_.write_async(foreign, &value, 1);
  EXPECT_EQ(s.code(), HM_ERROR_INVALID_ARGUMENT) << s.to_string();
  s = recorded.record(foreign);
  EXPECT_EQ(s.code(), HM_ERROR_INVALID_ARGUMENT) << s.to_string();
  hm::Event other_event = other.create_event().value();
  ASSERT_TRUE(other_event.record());
  ms = hm::Event::elapsed_ms(recorded, other_event);
  EXPECT_EQ(ms.error().code(), HM_ERROR_INVALID_ARGUMENT);

  // Out-of-range async copies are refused before the backend sees them.
  hm::Stream stream = t.device_.create_stream().value();
  std::vector<uint32_t> big(kLen + 1);
  s = t.xs_.read_async(stream, big.data(), big.size());
  EXPECT_EQ(s.code(), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "hm_buffer_read_async: bytes [0, 0 + 404) are outside the buffer "
                         "of 400 bytes");
}

// ---- CUDA (fake libcuda) ----

// A fake driver's test hooks, found in the library the runtime loaded.
template <typename T>
T fake_hook(const char* library_name, const char* name) {
  void* library = dlopen(library_name, RTLD_NOW | RTLD_NOLOAD);
  EXPECT_NE(library, nullptr) << library_name;
  return reinterpret_cast<T>(library ? dlsym(library, name) : nullptr);
}

// Each launch goes to its stream, the default stream is the null one, and every
// stream and event is destroyed with its handle. `prefix` names the fake's hooks.
void expect_launches_on_their_streams(StreamTest& t, const char* library,
                                      const std::string& prefix) {
  auto last_stream = fake_hook<void* (*)()>(library, (prefix + "_last_launch_stream").c_str());
  auto live_streams = fake_hook<int (*)()>(library, (prefix + "_live_streams").c_str());
  auto live_events = fake_hook<int (*)()>(library, (prefix + "_live_events").c_str());
  ASSERT_TRUE(last_stream && live_streams && live_events);
  const int streams_before = live_streams(), events_before = live_events();
  {
    hm::Stream a = t.device_.create_stream().value();
    hm::Stream b = t.device_.create_stream().value();
    hm::Event e = t.device_.create_event().value();
    EXPECT_EQ(live_streams(), streams_before + 2);
    EXPECT_EQ(live_events(), events_before + 1);
    ASSERT_TRUE(t.bump_.launch_on(a, 1, 1, t.xs_, uint32_t{0}));
    void* on_a = last_stream();
    ASSERT_TRUE(t.bump_.launch_on(b, 1, 1, t.xs_, uint32_t{0}));
    void* on_b = last_stream();
    EXPECT_NE(on_a, nullptr);
    EXPECT_NE(on_b, nullptr);
    EXPECT_NE(on_a, on_b);
    ASSERT_TRUE(t.bump_.launch(1, 1, t.xs_, uint32_t{0}));
    EXPECT_EQ(last_stream(), nullptr);  // the legacy default stream
    ASSERT_TRUE(t.bump_.launch_on(hm::Stream(), 1, 1, t.xs_, uint32_t{0}));
    EXPECT_EQ(last_stream(), nullptr);
  }
  EXPECT_EQ(live_streams(), streams_before);
  EXPECT_EQ(live_events(), events_before);
}

class CudaStreams : public StreamTest {
 protected:
  void SetUp() override {
    if (!open("cuda:0", Fake::kCuda)) GTEST_SKIP() << skip_reason_;
  }
};

TEST_F(CudaStreams, LaunchesCopiesEventsAndPanics) { exercise_streams_and_events(*this); }

TEST_F(CudaStreams, Errors) { expect_event_and_stream_errors(*this); }

TEST_F(CudaStreams, LaunchesGoToTheirStream) {
  expect_launches_on_their_streams(*this, "libcuda.so.1", "fake_cuda");
}

// ---- HIP (fake libamdhip64) ----

class HipStreams : public StreamTest {
 protected:
  void SetUp() override {
    if (!open("hip:0", Fake::kHip)) GTEST_SKIP() << skip_reason_;
  }
};

TEST_F(HipStreams, LaunchesCopiesEventsAndPanics) { exercise_streams_and_events(*this); }

TEST_F(HipStreams, Errors) { expect_event_and_stream_errors(*this); }

TEST_F(HipStreams, LaunchesGoToTheirStream) {
  expect_launches_on_their_streams(*this, "libamdhip64.so", "fake_hip");
}

// ---- Vulkan (lavapipe or any device) ----

class VulkanStreams : public StreamTest {
 protected:
  void SetUp() override {
    if (!open("vulkan", Fake::kNone)) GTEST_SKIP() << skip_reason_;
  }
};

TEST_F(VulkanStreams, LaunchesCopiesEventsAndPanics) { exercise_streams_and_events(*this); }

TEST_F(VulkanStreams, Errors) { expect_event_and_stream_errors(*this); }

TEST_F(VulkanStreams, EventsTimeRealWork) {
  // Many launches between the events take measurably longer than none.
  hm::Stream stream = device_.create_stream().value();
  hm::Event a = device_.create_event().value(), b = device_.create_event().value(),
            c = device_.create_event().value();
  ASSERT_TRUE(a.record(stream));
  ASSERT_TRUE(b.record(stream));
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(bump_.launch_on(stream, 1, 64, xs_, uint32_t{0}));
  ASSERT_TRUE(c.record(stream));
  ASSERT_TRUE(c.synchronize());
  const float nothing = hm::Event::elapsed_ms(a, b).value();
  const float work = hm::Event::elapsed_ms(b, c).value();
  EXPECT_GE(nothing, 0.0f);
  EXPECT_GT(work, 0.0f);
  EXPECT_EQ(hm::Event::elapsed_ms(c, a).error().message(),
            "hm_event_elapsed_ms: the end event was recorded before the start event");
  ASSERT_TRUE(device_.synchronize());
  EXPECT_EQ(read_xs()[0], 50u);
}

// ---- The C API without a device ----

TEST(StreamCApi, NullHandles) {
  hm_stream stream = reinterpret_cast<hm_stream>(1);
  EXPECT_EQ(hm_stream_create(nullptr, &stream), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(stream, nullptr);
  EXPECT_STREQ(hm_last_error(), "hm_stream_create: device is NULL");
  EXPECT_EQ(hm_stream_synchronize(nullptr), HM_ERROR_INVALID_ARGUMENT);
  hm_event event = reinterpret_cast<hm_event>(1);
  EXPECT_EQ(hm_event_create(nullptr, &event), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(event, nullptr);
  EXPECT_EQ(hm_event_record(nullptr, nullptr), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(hm_event_synchronize(nullptr), HM_ERROR_INVALID_ARGUMENT);
  float ms = 0;
  EXPECT_EQ(hm_event_elapsed_ms(nullptr, nullptr, &ms), HM_ERROR_INVALID_ARGUMENT);
  const uint32_t dims[3] = {1, 1, 1};
  EXPECT_EQ(hm_launch_on(nullptr, nullptr, dims, dims, nullptr, 0), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(hm_last_error(), "hm_launch_on: kernel is NULL");
  EXPECT_EQ(hm_buffer_write_async(nullptr, nullptr, 0, nullptr, 0), HM_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(hm_buffer_read_async(nullptr, nullptr, 0, nullptr, 0), HM_ERROR_INVALID_ARGUMENT);
  hm_stream_destroy(nullptr);
  hm_event_destroy(nullptr);
}

}  // namespace
