// Host cost of a launch through hematite_rt (docs/runtime.md, "Launch cost"). Not a
// test: it prints numbers and checks only that the launches ran.
//
//   hematite_rt_launch_bench [MODULE.spv] [N]
//
// The kernel is bump(xs: &mut [u32], at: u32) (runtime/test/testdata/panic_kernel.spvasm,
// assembled at build time), launched as one block of one thread, so the GPU's work is
// nothing and what is measured is the runtime and the driver. The device is
// $HEMATITE_DEVICE, else the best Vulkan device.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <string>
#include <vector>

#include "hematite/runtime.hpp"

namespace {

double now_us() {
  using namespace std::chrono;
  return duration<double, std::micro>(steady_clock::now().time_since_epoch()).count();
}

// CPU time of this thread: what the launches cost the host, without the time the
// device's own threads (lavapipe's are on the same CPUs) took from it.
double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int fail(const char* what, const hm::Status& status) {
  std::fprintf(stderr, "launch-bench: %s: %s\n", what, status.to_string().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef HM_BENCH_SPV
  std::string path = HM_BENCH_SPV;
#else
  std::string path;
#endif
  if (argc > 1) path = argv[1];
  const int n = argc > 2 ? std::atoi(argv[2]) : 1000;
  if (path.empty() || n <= 0) {
    std::fprintf(stderr, "usage: hematite_rt_launch_bench MODULE.spv [N]\n");
    return 2;
  }
  const char* spec = std::getenv("HEMATITE_DEVICE");
  auto device = hm::Device::open(spec && *spec ? spec : "vulkan");
  if (!device) return fail("opening a device", device.error());
  auto module = device->load_module(path);
  if (!module) return fail("loading the module", module.error());
  auto bump = module->kernel("bump", {hm::slice_rw<uint32_t>("xs"), hm::scalar<uint32_t>("at")});
  if (!bump) return fail("finding bump", bump.error());
  auto xs = device->alloc<uint32_t>(16);
  if (!xs) return fail("allocating", xs.error());
  hm::Status s = xs->write(std::vector<uint32_t>(16, 0));
  if (!s) return fail("writing", s);
  auto launch = [&]() { return bump->launch(1, 1, *xs, uint32_t{0}); };

  // Warm-up: builds the pipeline.
  for (int i = 0; i < 10; ++i)
    if (!(s = launch())) return fail("launching", s);
  if (!(s = device->synchronize())) return fail("synchronizing", s);

  // 1. N launches back to back, then one synchronize.
  const double c0 = thread_cpu_us();
  const double t0 = now_us();
  for (int i = 0; i < n; ++i)
    if (!(s = launch())) return fail("launching", s);
  const double t1 = now_us();
  const double c1 = thread_cpu_us();
  if (!(s = device->synchronize())) return fail("synchronizing", s);
  const double t2 = now_us();

  // 2. Launch + synchronize, one at a time (the round trip).
  const int round_trips = std::max(1, n / 10);
  const double t3 = now_us();
  for (int i = 0; i < round_trips; ++i) {
    if (!(s = launch())) return fail("launching", s);
    if (!(s = device->synchronize())) return fail("synchronizing", s);
  }
  const double t4 = now_us();

  // 3. GPU time by events: N launches between two events, and one launch alone.
  auto start = device->create_event();
  auto end = device->create_event();
  if (!start || !end) return fail("creating events", (!start ? start : end).error());
  if (!(s = start->record())) return fail("recording", s);
  for (int i = 0; i < n; ++i)
    if (!(s = launch())) return fail("launching", s);
  if (!(s = end->record())) return fail("recording", s);
  auto many_ms = hm::Event::elapsed_ms(*start, *end);
  if (!many_ms) return fail("timing", many_ms.error());
  std::vector<float> single;
  for (int r = 0; r < 20; ++r) {
    if (!(s = start->record())) return fail("recording", s);
    if (!(s = launch())) return fail("launching", s);
    if (!(s = end->record())) return fail("recording", s);
    auto ms = hm::Event::elapsed_ms(*start, *end);
    if (!ms) return fail("timing", ms.error());
    single.push_back(*ms);
  }
  std::sort(single.begin(), single.end());
  if (!(s = device->synchronize())) return fail("synchronizing", s);

  // Every launch incremented xs[0] once.
  const uint32_t launched = 10 + static_cast<uint32_t>(n) + round_trips + n + 20;
  std::vector<uint32_t> out(16);
  if (!(s = xs->read(out))) return fail("reading", s);
  if (out[0] != launched) {
    std::fprintf(stderr, "launch-bench: xs[0] = %u after %u launches\n", out[0], launched);
    return 1;
  }

  std::printf("device: %s (%s)\n", device->name().c_str(), device->spec().c_str());
  std::printf("%d launches of bump (1 thread):\n", n);
  std::printf("  host time per hm_launch (enqueue):          %8.2f us\n", (t1 - t0) / n);
  std::printf("  host CPU time per hm_launch (this thread):  %8.2f us\n", (c1 - c0) / n);
  std::printf("  per launch, back to back + synchronize:     %8.2f us\n", (t2 - t0) / n);
  std::printf("  launch + synchronize round trip (x%d):     %8.2f us\n", round_trips,
              (t4 - t3) / round_trips);
  std::printf("  GPU time per launch, %d between two events: %8.2f us\n", n,
              *many_ms * 1e3 / n);
  std::printf("  GPU time of one launch between two events (median of 20, min, max): "
              "%.2f us, %.2f us, %.2f us\n",
              single[single.size() / 2] * 1e3, single.front() * 1e3, single.back() * 1e3);
  return 0;
}
