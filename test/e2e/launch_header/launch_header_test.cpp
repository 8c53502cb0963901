// Kernels launched through the typed header generated from lh_kernels.rs (hematite
// --emit=header, a bundle for vulkan1.2 and sm_90): random inputs against a CPU
// reference, outputs poisoned first, guard elements around sub-slices, the default
// stream and a created stream, and a launch the runtime refuses (a slice past its
// buffer). Exit 77 (ctest: skipped) when no device can be opened.
#include "lh_kernels.hpp"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

namespace {

int failures = 0;

#define CHECK(cond, ...)                                  \
  do {                                                    \
    if (!(cond)) {                                        \
      std::printf("FAIL %s:%d: ", __FILE__, __LINE__);    \
      std::printf(__VA_ARGS__);                           \
      std::printf("\n");                                  \
      ++failures;                                         \
    }                                                     \
  } while (0)

#define CHECK_OK(expr)                                                       \
  do {                                                                       \
    hm::Status s_ = (expr);                                                  \
    CHECK(s_.ok(), "%s: %s", #expr, s_.to_string().c_str());                 \
  } while (0)

std::mt19937_64 rng(12345);

void test_saxpy(hm::Device& device, hm::Stream& stream, size_t n, uint32_t block,
                bool on_stream) {
  std::uniform_real_distribution<float> dist(-10.0f, 10.0f);
  std::vector<float> x(n), y(n);
  for (auto& v : x) v = dist(rng);
  for (auto& v : y) v = dist(rng);
  const float a = dist(rng);
  auto bx = device.alloc<float>(n, HM_BUFFER_READ_ONLY).value();
  auto by = device.alloc<float>(n).value();
  CHECK_OK(bx.write(x));
  CHECK_OK(by.write(y));
  // Whole buffers, as Buffer<T> (const: &[T]; non-const: &mut [T]).
  if (on_stream) {
    CHECK_OK(lh_kernels::saxpy(stream, hm::blocks_for(n, block), block, a, bx, by));
    CHECK_OK(stream.synchronize());
  } else {
    CHECK_OK(lh_kernels::saxpy(device, hm::blocks_for(n, block), block, a, bx, by));
    CHECK_OK(device.synchronize());
  }
  std::vector<float> got(n);
  CHECK_OK(by.read(got));
  for (size_t i = 0; i < n; ++i) {
    float want = a * x[i] + y[i];
    if (std::fabs(got[i] - want) > 1e-4f * (1 + std::fabs(want))) {
      CHECK(false, "saxpy n=%zu block=%u: y[%zu] = %g, want %g", n, block, i, got[i], want);
      break;
    }
  }
}

// A slice in the middle of a poisoned buffer: the kernel sees only [offset, offset+count).
void test_saxpy_subslice(hm::Device& device) {
  const size_t total = 1000, offset = 100, count = 777;
  const float poison = -12345.0f;
  std::vector<float> x(total), y(total, poison);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (auto& v : x) v = dist(rng);
  for (size_t i = offset; i < offset + count; ++i) y[i] = dist(rng);
  auto bx = device.alloc<float>(total).value();
  auto by = device.alloc<float>(total).value();
  CHECK_OK(bx.write(x));
  CHECK_OK(by.write(y));
  // Slice<T> for &[T] (converted to Slice<const T>) and for &mut [T].
  CHECK_OK(lh_kernels::saxpy(device, hm::blocks_for(count, 64), 64, 3.0f,
                             bx.slice(offset, count), by.slice(offset, count)));
  CHECK_OK(device.synchronize());
  std::vector<float> got(total);
  CHECK_OK(by.read(got));
  for (size_t i = 0; i < total; ++i) {
    // The kernel's x[i] is x[offset + i] of the buffer.
    float want = (i >= offset && i < offset + count) ? 3.0f * x[i] + y[i] : poison;
    if (std::fabs(got[i] - want) > 1e-5f) {
      CHECK(false, "saxpy sub-slice: y[%zu] = %g, want %g", i, got[i], want);
      break;
    }
  }
}

void test_mixed(hm::Device& device, bool flag) {
  const size_t n = 513, used = 500;
  const uint64_t poison = 0xdeadbeefdeadbeefull;
  std::vector<uint32_t> x(n);
  for (auto& v : x) v = static_cast<uint32_t>(rng());
  const uint32_t a = 0x80000000u | static_cast<uint32_t>(rng());  // needs unsigned
  const int64_t b = -static_cast<int64_t>(rng() >> 2);
  const int8_t small = -77;
  auto bx = device.alloc<uint32_t>(n).value();
  auto out = device.alloc<uint64_t>(n).value();
  CHECK_OK(bx.write(x));
  CHECK_OK(out.write(std::vector<uint64_t>(n, poison)));
  const hm::Buffer<uint32_t>& cx = bx;
  CHECK_OK(lh_kernels::mixed(device, hm::blocks_for(n, 128), 128, a, b, flag,
                             uint64_t(used), small, cx, out));
  CHECK_OK(device.synchronize());
  std::vector<uint64_t> got(n);
  CHECK_OK(out.read(got));
  for (size_t i = 0; i < n; ++i) {
    uint64_t v = uint64_t(x[i]) * uint64_t(a) + uint64_t(b);
    uint64_t want = i >= used ? poison : flag ? v : v ^ uint64_t(int64_t(small));
    if (got[i] != want) {
      CHECK(false, "mixed flag=%d: out[%zu] = %" PRIx64 ", want %" PRIx64, flag, i, got[i],
            want);
      break;
    }
  }
}

void test_grid2d(hm::Device& device) {
  const uint32_t w = 37, h = 19;
  auto out = device.alloc<uint32_t>(w * h).value();
  CHECK_OK(out.write(std::vector<uint32_t>(w * h, 0xffffffffu)));
  CHECK_OK(lh_kernels::grid2d(device, hm::Dim3(hm::blocks_for(w, 8), hm::blocks_for(h, 4)),
                              hm::Dim3(8, 4), w, out));
  CHECK_OK(device.synchronize());
  std::vector<uint32_t> got(w * h);
  CHECK_OK(out.read(got));
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      if (got[y * w + x] != x + 1000 * y) {
        CHECK(false, "grid2d: out[%u][%u] = %u", y, x, got[y * w + x]);
        return;
      }
}

// Checked launches: the runtime still refuses what the types cannot catch.
void test_refused(hm::Device& device) {
  auto bx = device.alloc<float>(10).value();
  auto by = device.alloc<float>(10).value();
  hm::Status s = lh_kernels::saxpy(device, 1, 32, 1.0f, bx.slice(5, 10), by);
  CHECK(!s.ok(), "a slice past its buffer was launched");
  CHECK(s.message().find("'x'") != std::string::npos, "message: %s", s.message().c_str());
  auto ro = device.alloc<float>(10, HM_BUFFER_READ_ONLY).value();
  s = lh_kernels::saxpy(device, 1, 32, 1.0f, bx, ro);
  CHECK(!s.ok(), "a read-only buffer was passed as &mut [f32]");
  std::printf("refused as expected: %s\n", s.to_string().c_str());
}

}  // namespace

int main() {
  auto opened = hm::Device::open();
  if (!opened) {
    std::printf("SKIP: no device: %s\n", opened.error().to_string().c_str());
    return 77;
  }
  hm::Device device = std::move(opened.value());
  std::printf("device: %s (%s)\n", device.name().c_str(), device.spec().c_str());
  hm::Stream stream = device.create_stream().value();
  for (size_t n : {size_t(1), size_t(1000), size_t(1024), size_t(65537)})
    for (uint32_t block : {32u, 256u})
      for (bool on_stream : {false, true}) test_saxpy(device, stream, n, block, on_stream);
  test_saxpy_subslice(device);
  test_mixed(device, true);
  test_mixed(device, false);
  test_grid2d(device);
  test_refused(device);
  // A second device handle loads the module again (one cache entry per device).
  {
    hm::Device second = hm::Device::open(device.spec().c_str()).value();
    test_saxpy(second, stream, 100, 64, false);
  }
  if (failures) {
    std::printf("%d failure(s)\n", failures);
    return 1;
  }
  std::printf("launch header e2e: all passed\n");
  return 0;
}
