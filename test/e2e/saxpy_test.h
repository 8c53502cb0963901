// The saxpy end-to-end tests for one device: `saxpy(a: f32, x: &[f32], y: &mut [f32])`
// from a compiled module, against a CPU reference, plus the runtime's refusal of bad
// launches.
#pragma once

#include <string>

#include "e2e_harness.h"
#include "hematite/runtime.hpp"

namespace e2e {

// `kernel_path`: saxpy.ptx for CUDA devices, saxpy.spv for Vulkan ones.
// `other_format_path`: a module of the wrong format for this device, or "" if none.
void run_saxpy_tests(hm::Device& device, const std::string& kernel_path,
                     const std::string& other_format_path, Results& results);

}  // namespace e2e
