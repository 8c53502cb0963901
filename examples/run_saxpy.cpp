// run-saxpy: the quick start's main job. Opens the best device (or
// HEMATITE_DEVICE), loads the saxpy module `hematite` compiled for it, runs it on
// random inputs and checks the result against the CPU.
//
//   run-saxpy KERNELS_DIR     (KERNELS_DIR holds saxpy.ptx and saxpy.spv)
#include "hematite/runtime.hpp"

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: run-saxpy KERNELS_DIR\n");
    return 2;
  }
  auto fail = [](const char* what, const hm::Status& s) {
    std::fprintf(stderr, "run-saxpy: %s: %s\n", what, s.to_string().c_str());
    return 1;
  };

  auto device = hm::Device::open();
  if (!device) return fail("no device", device.error());
  bool cuda = device->backend() == HM_BACKEND_CUDA;
  std::string path = std::string(argv[1]) + (cuda ? "/saxpy.ptx" : "/saxpy.spv");
  std::printf("device: %s (%s), module: %s\n", device->name().c_str(),
              device->spec().c_str(), path.c_str());

  auto module = device->load_module(path);
  if (!module) return fail("loading the module", module.error());
  auto saxpy = module->kernel("saxpy", {hm::scalar<float>("a"), hm::slice_ro<float>("x"),
                                        hm::slice_rw<float>("y")});
  if (!saxpy) return fail("finding the kernel", saxpy.error());

  const size_t n = (1 << 20) + 3;  // not a multiple of the block size
  const float a = 2.5f;
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> x(n), y(n), expected(n), result(n, std::nanf(""));
  for (size_t i = 0; i < n; ++i) {
    x[i] = dist(rng);
    y[i] = dist(rng);
    expected[i] = a * x[i] + y[i];
  }

  auto xs = device->alloc<float>(n, HM_BUFFER_READ_ONLY);
  auto ys = device->alloc<float>(n);
  if (!xs || !ys) return fail("allocating", !xs ? xs.error() : ys.error());
  hm::Status s = xs->write(x);
  if (s) s = ys->write(y);
  if (s) s = saxpy->launch(hm::blocks_for(n, 256), 256, a, *xs, *ys);
  if (s) s = device->synchronize();
  if (s) s = ys->read(result);
  if (!s) return fail("running saxpy", s);

  size_t wrong = 0;
  for (size_t i = 0; i < n; ++i)  // FMA contraction may differ by one rounding
    if (!(std::fabs(result[i] - expected[i]) <= 1e-6f * (1.0f + std::fabs(expected[i]))))
      ++wrong;
  if (wrong) {
    std::printf("saxpy: WRONG: %zu of %zu elements differ from the CPU\n", wrong, n);
    return 1;
  }
  std::printf("saxpy: correct (%zu elements checked against the CPU)\n", n);
  return 0;
}
