// time-saxpy: a complete program on the runtime's C++ API (docs/runtime.md). Opens the
// best device (or HEMATITE_DEVICE), loads a kernel module or bundle, runs saxpy on a
// stream between two events, checks the result on the CPU and prints the GPU time.
//
//   time-saxpy KERNELS      a bundle (saxpy.hmb) or a module for the device
//                           (saxpy.ptx / saxpy.spv from `hematite examples/saxpy.rs`)
#include "hematite/runtime.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: time-saxpy saxpy.hmb|saxpy.ptx|saxpy.spv\n");
    return 2;
  }
  // Every call returns a Status or an Expected; print the runtime's message on failure.
  auto fail = [](const char* what, const hm::Status& status) {
    std::fprintf(stderr, "time-saxpy: %s: %s\n", what, status.to_string().c_str());
    return 1;
  };

  auto device = hm::Device::open();
  if (!device) return fail("opening a device", device.error());
  std::printf("device: %s (%s, target %s)\n", device->name().c_str(), device->spec().c_str(),
              hm_device_target(device->get()));

  // A bundle's image for this device is chosen here; a raw module must suit it.
  auto module = device->load_module(argv[1]);
  if (!module) return fail("loading the kernels", module.error());
  // saxpy(a: f32, x: &[f32], y: &mut [f32]): every launch is checked against this.
  auto saxpy = module->kernel("saxpy", {hm::scalar<float>("a"), hm::slice_ro<float>("x"),
                                        hm::slice_rw<float>("y")});
  if (!saxpy) return fail("finding the kernel", saxpy.error());

  const size_t n = size_t{1} << 22;
  const float a = 2.0f;
  std::vector<float> x(n), y(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = static_cast<float>(i % 1000) * 0.5f;
    y[i] = 1.0f;
  }
  auto xs = device->alloc<float>(n, HM_BUFFER_READ_ONLY);
  if (!xs) return fail("allocating x", xs.error());
  auto ys = device->alloc<float>(n);
  if (!ys) return fail("allocating y", ys.error());

  auto stream = device->create_stream();
  if (!stream) return fail("creating a stream", stream.error());
  auto start = device->create_event();
  auto end = device->create_event();
  if (!start || !end) return fail("creating events", (!start ? start : end).error());

  // Copies, launch and events, in order on the stream; the host vectors must stay
  // untouched until the stream is synchronized.
  hm::Status status = xs->write_async(*stream, x.data(), n);
  if (status) status = ys->write_async(*stream, y.data(), n);
  if (status) status = start->record(*stream);
  if (status) status = saxpy->launch_on(*stream, hm::blocks_for(n, 256), 256, a, *xs, *ys);
  if (status) status = end->record(*stream);
  if (status) status = ys->read_async(*stream, y.data(), n);
  if (!status) return fail("submitting", status);
  // Waits, and reports a kernel that faulted or panicked (with Rust's message).
  status = stream->synchronize();
  if (!status) return fail("running saxpy", status);

  for (size_t i = 0; i < n; ++i) {
    const float expected = a * (static_cast<float>(i % 1000) * 0.5f) + 1.0f;
    if (std::fabs(y[i] - expected) > 1e-5f * std::fabs(expected)) {
      std::fprintf(stderr, "time-saxpy: y[%zu] = %g, expected %g\n", i, y[i], expected);
      return 1;
    }
  }
  auto ms = hm::Event::elapsed_ms(*start, *end);
  if (!ms) return fail("timing", ms.error());
  // saxpy moves 12 bytes per element: x and y read, y written.
  std::printf("saxpy of %zu floats: correct, %.3f ms on the GPU, %.1f GB/s\n", n, *ms,
              12.0 * static_cast<double>(n) / (*ms * 1e6));
  return 0;
}
