#include "arg_layout.h"

namespace hm::rt {
namespace {

uint64_t round_up(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

constexpr uint32_t kSliceLengthBytes = 8;  // usize is 64-bit on every target

}  // namespace

std::vector<NativeSlot> native_param_slots(const Signature& signature) {
  std::vector<NativeSlot> slots;
  for (uint32_t i = 0; i < signature.params.size(); ++i) {
    if (signature.params[i].is_slice()) {
      slots.push_back({NativeSlotKind::kSlicePointer, i});
      slots.push_back({NativeSlotKind::kSliceLength, i});
    } else {
      slots.push_back({NativeSlotKind::kScalar, i});
    }
  }
  return slots;
}

VulkanArgLayout vulkan_arg_layout(const Signature& signature) {
  VulkanArgLayout layout;
  uint64_t offset = 0;
  for (uint32_t i = 0; i < signature.params.size(); ++i) {
    const Param& param = signature.params[i];
    PushConstantField field{};
    field.param = i;
    if (param.is_slice()) {
      layout.binding_params.push_back(i);
      field.is_slice_length = true;
      field.size = kSliceLengthBytes;
      offset = round_up(offset, kSliceLengthBytes);
    } else {
      field.is_slice_length = false;
      field.size = param.size;
      offset = round_up(offset, param.align);
    }
    field.offset = static_cast<uint32_t>(offset);
    offset += field.size;
    layout.push_constant_fields.push_back(field);
  }
  layout.push_constant_bytes = round_up(offset, 8);
  return layout;
}

}  // namespace hm::rt
