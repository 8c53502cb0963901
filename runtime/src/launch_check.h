// Checks a launch before any backend sees it: dimensions against the device limits and
// arguments against the kernel's signature. On a mismatch nothing is launched and the
// error names the offending dimension or argument.
#pragma once

#include <vector>

#include "backend.h"

namespace hm::rt {

hm_status check_launch_dims(const std::string& kernel_name, const LaunchDims& dims,
                            const hm_device_limits& limits);

// The block against the kernel's own #[kernel(max_threads = N)] (0: no limit). Call
// after check_launch_dims, which rules out zero and overflowing dimensions.
hm_status check_kernel_max_threads(const std::string& kernel_name, const LaunchDims& dims,
                                   uint32_t max_threads);

// Resolves buffer handles (through `buffer_of`, since handles are a C API notion) and
// checks count, kinds, sizes, mutability, ranges and alignment. Fills `bound`.
using BufferResolver = Buffer* (*)(hm_buffer);
hm_status bind_launch_args(const Kernel& kernel, const hm_arg* args, size_t nargs,
                           BufferResolver buffer_of, std::vector<BoundArg>* bound);

}  // namespace hm::rt
