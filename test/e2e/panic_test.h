// Device panics end to end: kernels from test/e2e/kernels/panics.rs panic on
// chosen inputs; hm_synchronize must return HM_ERROR_KERNEL_PANIC with Rust's
// message and location, and the device must run the next launch correctly.
// Also the #[kernel(max_threads)] launch check.
#pragma once

#include <string>

#include "e2e_harness.h"
#include "hematite/runtime.hpp"

namespace e2e {

// `kernel_path`: panics.ptx for CUDA devices, panics.spv for Vulkan ones.
void run_panic_tests(hm::Device& device, const std::string& kernel_path, Results& results);

}  // namespace e2e
