#include "arg_layout.h"

#include <gtest/gtest.h>

namespace hm::rt {
namespace {

Signature make(std::initializer_list<hm_param_desc> params) {
  Signature signature;
  std::vector<hm_param_desc> descs(params);
  EXPECT_EQ(make_signature("k", descs.data(), descs.size(), &signature), HM_SUCCESS);
  return signature;
}

// docs/abi.md: saxpy's push-constant block is { f32 a @0; u64 x_len @8; u64 y_len @16 }.
TEST(VulkanArgLayout, SaxpyMatchesTheAbiDocument) {
  Signature saxpy = make({{HM_PARAM_SCALAR, 4, 4, "a"},
                          {HM_PARAM_SLICE_RO, 4, 4, "x"},
                          {HM_PARAM_SLICE_RW, 4, 4, "y"}});
  VulkanArgLayout layout = vulkan_arg_layout(saxpy);
  EXPECT_EQ(layout.binding_params, (std::vector<uint32_t>{1, 2}));
  ASSERT_EQ(layout.push_constant_fields.size(), 3u);
  EXPECT_EQ(layout.push_constant_fields[0].offset, 0u);
  EXPECT_FALSE(layout.push_constant_fields[0].is_slice_length);
  EXPECT_EQ(layout.push_constant_fields[1].offset, 8u);
  EXPECT_TRUE(layout.push_constant_fields[1].is_slice_length);
  EXPECT_EQ(layout.push_constant_fields[1].size, 8u);
  EXPECT_EQ(layout.push_constant_fields[2].offset, 16u);
  EXPECT_EQ(layout.push_constant_bytes, 24u);
}

TEST(VulkanArgLayout, ScalarsPackAtNaturalAlignmentAndSizeRoundsUpTo8) {
  // u8 @0, u16 @2, u8 @4, f64 @8, u32 @16 -> 20 bytes, rounded to 24.
  Signature s = make({{HM_PARAM_SCALAR, 1, 1, nullptr},
                      {HM_PARAM_SCALAR, 2, 2, nullptr},
                      {HM_PARAM_SCALAR, 1, 1, nullptr},
                      {HM_PARAM_SCALAR, 8, 8, nullptr},
                      {HM_PARAM_SCALAR, 4, 4, nullptr}});
  VulkanArgLayout layout = vulkan_arg_layout(s);
  std::vector<uint32_t> offsets;
  for (const auto& f : layout.push_constant_fields) offsets.push_back(f.offset);
  EXPECT_EQ(offsets, (std::vector<uint32_t>{0, 2, 4, 8, 16}));
  EXPECT_EQ(layout.push_constant_bytes, 24u);
  EXPECT_TRUE(layout.binding_params.empty());
}

TEST(VulkanArgLayout, BindingsFollowSourceOrderOfSlicesOnly) {
  Signature s = make({{HM_PARAM_SLICE_RW, 8, 8, nullptr},
                      {HM_PARAM_SCALAR, 4, 4, nullptr},
                      {HM_PARAM_SLICE_RO, 2, 2, nullptr}});
  VulkanArgLayout layout = vulkan_arg_layout(s);
  EXPECT_EQ(layout.binding_params, (std::vector<uint32_t>{0, 2}));
  // len0 @0, u32 @8, len2 @16 -> 24.
  EXPECT_EQ(layout.push_constant_fields[1].offset, 8u);
  EXPECT_EQ(layout.push_constant_fields[2].offset, 16u);
  EXPECT_EQ(layout.push_constant_bytes, 24u);
}

TEST(VulkanArgLayout, NoParametersMeansNoPushConstants) {
  VulkanArgLayout layout = vulkan_arg_layout(Signature{});
  EXPECT_EQ(layout.push_constant_bytes, 0u);
  EXPECT_TRUE(layout.push_constant_fields.empty());
}

// docs/abi.md: saxpy becomes (a, x_ptr, x_len, y_ptr, y_len) on PTX.
TEST(NativeParamSlots, SliceIsPointerThenLength) {
  Signature saxpy = make({{HM_PARAM_SCALAR, 4, 4, "a"},
                          {HM_PARAM_SLICE_RO, 4, 4, "x"},
                          {HM_PARAM_SLICE_RW, 4, 4, "y"}});
  std::vector<NativeSlot> slots = native_param_slots(saxpy);
  ASSERT_EQ(slots.size(), 5u);
  EXPECT_EQ(slots[0].kind, NativeSlotKind::kScalar);
  EXPECT_EQ(slots[0].param, 0u);
  EXPECT_EQ(slots[1].kind, NativeSlotKind::kSlicePointer);
  EXPECT_EQ(slots[2].kind, NativeSlotKind::kSliceLength);
  EXPECT_EQ(slots[2].param, 1u);
  EXPECT_EQ(slots[3].kind, NativeSlotKind::kSlicePointer);
  EXPECT_EQ(slots[4].kind, NativeSlotKind::kSliceLength);
  EXPECT_EQ(slots[4].param, 2u);
}

}  // namespace
}  // namespace hm::rt
