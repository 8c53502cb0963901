// What the fake GPU drivers (fake_libcuda.cpp, fake_libamdhip64.cpp) share: a module
// format and the one kernel every module runs. Device memory is host memory.
//
// A module is text (for the fake HIP, after a 64-byte ELF header that makes it an
// hsaco to the runtime's format detection):
//   - each `.entry NAME(` is a kernel. A kernel named `saxpy` runs saxpy as the e2e
//     suite's stand-in (test/e2e/testdata/saxpy.ptx) declares it:
//       fn saxpy(a: f32, x: &[f32], y: &mut [f32])   // f32, then ptr and len twice
//     on a 1-D launch, y[i] = a * x[i] + y[i] where both are in bounds. Every other
//     kernel runs `bump`:
//       fn bump(xs: &mut [u32], at: u32)   // parameters: xs_ptr u64, xs_len u64, at u32
//     thread i increments xs[i + at] and, out of bounds, panics like Rust's bounds check
//     (site 1, values: the len and the index), the first thread to panic winning (in a
//     module without a record, it does nothing);
//   - `hematite_panic[N]` declares the panic record global of N bytes, which the fake
//     fills with garbage at load so that the runtime must zero it;
//   - everything after a line `//METADATA` is the `hematite_metadata` global.
// Header-only: each fake library is one shared object with its own copy.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace fake {

struct Module {
  std::vector<std::string> kernels;
  bool has_metadata = false;
  std::string metadata;        // NUL-terminated in memory, as the compiler writes it
  std::vector<uint8_t> panic;  // empty: no hematite_panic

  bool has_kernel(const std::string& name) const {
    for (const std::string& kernel : kernels)
      if (kernel == name) return true;
    return false;
  }
  // The global `name` (hematite_metadata, hematite_panic): its address and size, or
  // false if the module has none.
  bool global(const char* name, void** address, size_t* bytes) {
    if (std::strcmp(name, "hematite_metadata") == 0 && has_metadata) {
      *address = const_cast<char*>(metadata.c_str());
      *bytes = metadata.size() + 1;
      return true;
    }
    if (std::strcmp(name, "hematite_panic") == 0 && !panic.empty()) {
      *address = panic.data();
      *bytes = panic.size();
      return true;
    }
    return false;
  }
};

// A kernel looked up in a module (what CUfunction and hipFunction_t point at).
struct Function {
  Module* module;
  std::string name;
};

inline Module* parse_module(std::string text) {
  auto* module = new Module();
  const size_t metadata = text.find("//METADATA\n");
  if (metadata != std::string::npos) {
    module->has_metadata = true;
    module->metadata = text.substr(metadata + 11);
    text.resize(metadata);
  }
  for (size_t at = text.find(".entry "); at != std::string::npos;
       at = text.find(".entry ", at + 1)) {
    const size_t start = at + 7;
    module->kernels.push_back(text.substr(start, text.find('(', start) - start));
  }
  const size_t panic = text.find("hematite_panic[");
  if (panic != std::string::npos)
    module->panic.assign(std::strtoul(text.c_str() + panic + 15, nullptr, 10), 0xAB);
  return module;
}

// A kernel's parameters as the driver lays them out (cuFuncGetParamInfo).
struct Params {
  size_t count;
  const size_t* offsets;
  const size_t* sizes;
};
inline Params kernel_params(const std::string& kernel) {
  static constexpr size_t kSaxpyOffsets[] = {0, 8, 16, 24, 32}, kSaxpySizes[] = {4, 8, 8, 8, 8};
  static constexpr size_t kBumpOffsets[] = {0, 8, 16}, kBumpSizes[] = {8, 8, 4};
  if (kernel == "saxpy") return {5, kSaxpyOffsets, kSaxpySizes};
  return {3, kBumpOffsets, kBumpSizes};
}

// Runs bump on `threads` threads with the launch's parameters (each read through a
// pointer, as cuLaunchKernel and hipModuleLaunchKernel take them).
inline void run_bump(Module& module, uint64_t threads, void** params) {
  auto* xs = reinterpret_cast<uint32_t*>(*static_cast<const uint64_t*>(params[0]));
  const uint64_t len = *static_cast<const uint64_t*>(params[1]);
  const uint32_t at = *static_cast<const uint32_t*>(params[2]);
  std::vector<uint8_t>& record = module.panic;
  for (uint64_t i = 0; i < threads; ++i) {
    const uint64_t j = i + at;
    if (j < len) {
      ++xs[j];
      continue;
    }
    if (record.size() < 24) continue;  // another tool's module: its own bounds check
    uint32_t flag;
    std::memcpy(&flag, record.data(), 4);
    if (flag != 0) continue;  // another thread panicked first
    const uint32_t one = 1, site = 1;
    std::memcpy(record.data(), &one, 4);
    std::memcpy(record.data() + 4, &site, 4);
    std::memcpy(record.data() + 8, &len, 8);
    std::memcpy(record.data() + 16, &j, 8);
  }
}

inline void run_saxpy(uint64_t threads, void** params) {
  const float a = *static_cast<const float*>(params[0]);
  const auto* x = reinterpret_cast<const float*>(*static_cast<const uint64_t*>(params[1]));
  const uint64_t x_len = *static_cast<const uint64_t*>(params[2]);
  auto* y = reinterpret_cast<float*>(*static_cast<const uint64_t*>(params[3]));
  const uint64_t y_len = *static_cast<const uint64_t*>(params[4]);
  for (uint64_t i = 0; i < threads; ++i)
    if (i < y_len && i < x_len) y[i] = a * x[i] + y[i];
}

// Runs `kernel` of `module` on a grid of `grid` blocks of `block` threads; false
// for a launch the kernel cannot take (saxpy is 1-D).
inline bool run_kernel(Module& module, const std::string& kernel, const unsigned (&grid)[3],
                       const unsigned (&block)[3], void** params) {
  const uint64_t blocks = uint64_t{grid[0]} * grid[1] * grid[2];
  const uint64_t threads = blocks * block[0] * block[1] * block[2];
  if (kernel != "saxpy") {
    run_bump(module, threads, params);
    return true;
  }
  if (grid[1] != 1 || grid[2] != 1 || block[1] != 1 || block[2] != 1) return false;
  run_saxpy(threads, params);
  return true;
}

// Work runs at once, on the calling thread, so every stream is always idle and an
// event records the host clock when it is recorded.
struct Event {
  bool recorded = false;
  std::chrono::steady_clock::time_point when;

  void record() {
    recorded = true;
    when = std::chrono::steady_clock::now();
  }
  // False if either event was never recorded.
  static bool elapsed_ms(const Event& start, const Event& end, float* ms) {
    if (!start.recorded || !end.recorded) return false;
    *ms = std::chrono::duration<float, std::milli>(end.when - start.when).count();
    return true;
  }
};

}  // namespace fake
