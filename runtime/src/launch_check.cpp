#include "launch_check.h"

#include <cstring>

#include "status.h"

namespace hm::rt {
namespace {

const char* const kAxis[3] = {"x", "y", "z"};

}  // namespace

hm_status check_launch_dims(const std::string& kernel_name, const LaunchDims& dims,
                            const hm_device_limits& limits) {
  uint64_t threads = 1;
  for (int d = 0; d < 3; ++d) {
    if (dims.block[d] == 0)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("launch of '", kernel_name, "': block dimension ", kAxis[d],
                      " is 0; every block dimension must be at least 1"));
    if (dims.grid[d] == 0)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("launch of '", kernel_name, "': grid dimension ", kAxis[d],
                      " is 0; every grid dimension must be at least 1"));
    if (dims.block[d] > limits.max_block_dim[d])
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("launch of '", kernel_name, "': block dimension ", kAxis[d], " is ",
                      dims.block[d], " but the device allows at most ",
                      limits.max_block_dim[d]));
    if (dims.grid[d] > limits.max_grid_dim[d])
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str("launch of '", kernel_name, "': grid dimension ", kAxis[d], " is ",
                      dims.grid[d], " but the device allows at most ",
                      limits.max_grid_dim[d]));
    threads *= dims.block[d];
  }
  if (threads > limits.max_threads_per_block)
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str("launch of '", kernel_name, "': block of ", dims.block[0], "x",
                    dims.block[1], "x", dims.block[2], " = ", threads,
                    " threads but the device allows at most ",
                    limits.max_threads_per_block, " threads per block"));
  return HM_SUCCESS;
}

hm_status check_kernel_max_threads(const std::string& kernel_name, const LaunchDims& dims,
                                   uint32_t max_threads) {
  const uint64_t threads =
      uint64_t{dims.block[0]} * uint64_t{dims.block[1]} * uint64_t{dims.block[2]};
  if (max_threads == 0 || threads <= max_threads) return HM_SUCCESS;
  return fail(HM_ERROR_INVALID_ARGUMENT,
              str("launch of '", kernel_name, "': block of ", threads, " threads (",
                  dims.block[0], "x", dims.block[1], "x", dims.block[2],
                  ") exceeds the kernel's #[kernel(max_threads = ", max_threads, ")]"));
}

hm_status bind_launch_args(const Kernel& kernel, const hm_arg* args, size_t nargs,
                           BufferResolver buffer_of, std::vector<BoundArg>* bound) {
  const Signature& sig = kernel.signature();
  const std::string where = str("launch of '", kernel.name(), "'");
  if (nargs != sig.params.size())
    return fail(HM_ERROR_INVALID_ARGUMENT,
                str(where, ": the kernel takes ", sig.params.size(), " argument",
                    sig.params.size() == 1 ? "" : "s", " but ", nargs,
                    nargs == 1 ? " was" : " were", " given"));
  if (nargs > 0 && args == nullptr)
    return fail(HM_ERROR_INVALID_ARGUMENT, str(where, ": the argument array is NULL"));

  const hm_device_limits& limits = kernel.device().limits();
  std::vector<BoundArg> result(nargs);
  for (size_t i = 0; i < nargs; ++i) {
    const Param& param = sig.params[i];
    const hm_arg& arg = args[i];
    const std::string what = str(where, ": ", describe_param(sig, i));
    BoundArg& out = result[i];

    if (arg.kind != HM_ARG_SCALAR && arg.kind != HM_ARG_SLICE)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(what, ": unknown argument kind ", static_cast<int>(arg.kind)));
    if (!param.is_slice()) {
      if (arg.kind != HM_ARG_SCALAR)
        return fail(HM_ERROR_INVALID_ARGUMENT, str(what, ": given a slice, expected a scalar"));
      if (arg.u.scalar.size != param.size)
        return fail(HM_ERROR_INVALID_ARGUMENT,
                    str(what, ": given a value of ", arg.u.scalar.size, " bytes, expected ",
                        param.size, " bytes"));
      if (arg.u.scalar.data == nullptr)
        return fail(HM_ERROR_INVALID_ARGUMENT, str(what, ": the value pointer is NULL"));
      const auto* bytes = static_cast<const uint8_t*>(arg.u.scalar.data);
      out.scalar.assign(bytes, bytes + param.size);
      continue;
    }

    if (arg.kind != HM_ARG_SLICE)
      return fail(HM_ERROR_INVALID_ARGUMENT, str(what, ": given a scalar, expected a slice"));
    const auto& slice = arg.u.slice;
    if (slice.buffer == nullptr)
      return fail(HM_ERROR_INVALID_ARGUMENT, str(what, ": the buffer is NULL"));
    Buffer* buffer = buffer_of(slice.buffer);
    if (&buffer->device() != &kernel.device())
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(what, ": the buffer belongs to device ", buffer->device().spec(),
                      " but the kernel was loaded on ", kernel.device().spec()));
    if (slice.element_size != 0 && slice.element_size != param.size)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(what, ": given a slice of ", slice.element_size,
                      "-byte elements, expected ", param.size, "-byte elements"));
    if (param.kind == HM_PARAM_SLICE_RW && buffer->read_only())
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(what, ": the buffer was allocated HM_BUFFER_READ_ONLY but the kernel "
                            "takes this slice as &mut"));
    // offset + count <= capacity, in elements, without overflow.
    const uint64_t capacity = buffer->size() / param.size;
    if (slice.offset > capacity || slice.count > capacity - slice.offset)
      return fail(HM_ERROR_INVALID_ARGUMENT,
                  str(what, ": elements [", slice.offset, ", ", slice.offset, " + ",
                      slice.count, ") are outside the buffer, which holds ", capacity,
                      " elements (", buffer->size(), " bytes)"));
    const uint64_t byte_offset = slice.offset * param.size;
    if (limits.slice_offset_alignment > 1 && byte_offset % limits.slice_offset_alignment != 0)
      return fail(HM_ERROR_UNSUPPORTED,
                  str(what, ": the slice starts at byte ", byte_offset,
                      " but this device needs slice offsets to be multiples of ",
                      limits.slice_offset_alignment, " bytes"));
    if (slice.count * param.size > limits.max_slice_bytes)
      return fail(HM_ERROR_UNSUPPORTED,
                  str(what, ": the slice is ", slice.count * param.size,
                      " bytes but this device lets a kernel see at most ",
                      limits.max_slice_bytes, " bytes per slice"));
    out.buffer = buffer;
    out.byte_offset = byte_offset;
    out.count = slice.count;
  }
  *bound = std::move(result);
  return HM_SUCCESS;
}

}  // namespace hm::rt
