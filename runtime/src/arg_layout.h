// Where each kernel argument goes, per target, following docs/abi.md. Computed from the
// signature alone, so the runtime never needs to look inside the compiled code.
#pragma once

#include <cstdint>
#include <vector>

#include "signature.h"

namespace hm::rt {

// ---- CUDA (and later HIP): one kernel parameter per scalar, two per slice. ----

enum class NativeSlotKind {
  kScalar,        // the scalar's bytes
  kSlicePointer,  // the slice's device address (u64)
  kSliceLength,   // the slice's element count (u64)
};

struct NativeSlot {
  NativeSlotKind kind;
  uint32_t param;  // index into Signature::params
};

// The kernel parameters in PTX order: saxpy(a, x, y) -> a, x_ptr, x_len, y_ptr, y_len.
std::vector<NativeSlot> native_param_slots(const Signature& signature);

// ---- Vulkan: storage-buffer bindings for slices, one push-constant block. ----

struct PushConstantField {
  uint32_t param;        // index into Signature::params
  bool is_slice_length;  // the slice's length (u64) rather than a scalar value
  uint32_t offset;       // bytes from the start of the block
  uint32_t size;         // bytes
};

struct VulkanArgLayout {
  // binding_params[b] is the parameter bound at binding b of descriptor set 0.
  std::vector<uint32_t> binding_params;
  // Scalars and slice lengths in source order, each at its natural alignment.
  std::vector<PushConstantField> push_constant_fields;
  // Rounded up to 8; 0 when the kernel has no scalars and no slices.
  uint64_t push_constant_bytes = 0;
};

VulkanArgLayout vulkan_arg_layout(const Signature& signature);

}  // namespace hm::rt
