// Launches the kernels of kernels/*.rs through their generated headers and checks them
// against a CPU reference, on HEMATITE_DEVICE or the best device (lavapipe in CI).
#include "scale.hpp"  // namespace scale: scale(on, grid, block, a, b, x, y)
#include "stats.hpp"  // namespace stats: sum_squares(on, grid, block, x, out)

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

int main() {
  auto opened = hm::Device::open();
  if (!opened) {
    std::printf("no device: %s\n", opened.error().to_string().c_str());
    return 77;
  }
  hm::Device device = std::move(opened.value());
  std::printf("device: %s\n", device.name().c_str());
  std::mt19937 rng(7);
  int failures = 0;

  // scale: y = a * x + b on 10000 floats; y poisoned first.
  const size_t n = 10000;
  std::uniform_real_distribution<float> dist(-100.0f, 100.0f);
  std::vector<float> x(n);
  for (float& v : x) v = dist(rng);
  auto dx = device.alloc<float>(n, HM_BUFFER_READ_ONLY).value();
  auto dy = device.alloc<float>(n).value();
  hm::check(dx.write(x));
  hm::check(dy.write(std::vector<float>(n, std::nanf(""))));
  hm::check(scale::scale(device, hm::blocks_for(n, 256), 256, 1.5f, -2.0f, dx, dy));
  hm::check(device.synchronize());
  std::vector<float> y = dy.read().value();
  for (size_t i = 0; i < n; ++i)
    if (!(std::fabs(y[i] - (1.5f * x[i] - 2.0f)) <= 1e-3f)) {
      std::printf("scale: y[%zu] = %g, want %g\n", i, y[i], 1.5f * x[i] - 2.0f);
      ++failures;
      break;
    }

  // sum_squares on a stream: one u64 per block of 256.
  const size_t m = 5000;
  const uint32_t block = 256, blocks = hm::blocks_for(m, block);
  std::vector<uint32_t> v(m);
  for (uint32_t& e : v) e = rng() % 100000;
  auto dv = device.alloc<uint32_t>(m).value();
  auto dsums = device.alloc<uint64_t>(blocks).value();
  hm::check(dv.write(v));
  hm::check(dsums.write(std::vector<uint64_t>(blocks, ~0ull)));
  hm::Stream stream = device.create_stream().value();
  hm::check(stats::sum_squares({device, stream}, blocks, block, dv, dsums));
  hm::check(stream.synchronize());
  std::vector<uint64_t> sums = dsums.read().value();
  for (uint32_t b = 0; b < blocks; ++b) {
    uint64_t want = 0;
    for (size_t i = size_t(b) * block; i < std::min(m, size_t(b + 1) * block); ++i)
      want += uint64_t(v[i]) * v[i];
    if (sums[b] != want) {
      std::printf("sum_squares: block %u: %llu, want %llu\n", b,
                  (unsigned long long)sums[b], (unsigned long long)want);
      ++failures;
      break;
    }
  }

  std::printf(failures ? "FAILED\n" : "cmake-consumer: all results match the CPU reference\n");
  return failures ? 1 : 0;
}
