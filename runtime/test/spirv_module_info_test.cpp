#include "vulkan/spirv_module_info.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace hm::rt::vulkan {
namespace {

constexpr uint32_t op(uint32_t opcode, uint32_t word_count) { return word_count << 16 | opcode; }

// Appends a literal string (NUL-terminated, padded to words).
void append_string(std::vector<uint32_t>& words, const std::string& s) {
  std::vector<uint32_t> packed((s.size() + 4) / 4, 0);
  std::memcpy(packed.data(), s.data(), s.size());
  words.insert(words.end(), packed.begin(), packed.end());
}

// Header + OpEntryPoint GLCompute %id "name" (+ optional LocalSize, WorkgroupSize).
std::vector<uint32_t> module_with(const std::string& name, bool local_size, bool builtin) {
  std::vector<uint32_t> w = {0x07230203, 0x00010500, 0, 100, 0};
  const uint32_t name_words = static_cast<uint32_t>((name.size() + 4) / 4);
  w.push_back(op(15, 3 + name_words));
  w.push_back(5);  // GLCompute
  w.push_back(7);  // function id
  append_string(w, name);
  if (local_size) w.insert(w.end(), {op(16, 6), 7, 17, 64, 1, 1});
  if (builtin) w.insert(w.end(), {op(71, 4), 9, 11, 25});
  return w;
}

TEST(SpirvModuleInfo, FindsComputeEntryPoints) {
  auto words = module_with("saxpy", false, false);
  SpirvModuleInfo info;
  ASSERT_EQ(read_spirv_module_info(words.data(), words.size(), &info), HM_SUCCESS);
  ASSERT_EQ(info.compute_entry_points.size(), 1u);
  EXPECT_EQ(info.compute_entry_points[0].name, "saxpy");
  EXPECT_FALSE(info.compute_entry_points[0].fixed_workgroup_size);
}

TEST(SpirvModuleInfo, FixedLocalSizeUnlessWorkgroupSizeBuiltIn) {
  SpirvModuleInfo info;
  auto fixed = module_with("k", true, false);
  ASSERT_EQ(read_spirv_module_info(fixed.data(), fixed.size(), &info), HM_SUCCESS);
  ASSERT_TRUE(info.compute_entry_points[0].fixed_workgroup_size);
  EXPECT_EQ((*info.compute_entry_points[0].fixed_workgroup_size)[0], 64u);
  // glslang's local_size_x_id: LocalSize 1 1 1 overridden by the built-in.
  auto specialized = module_with("k", true, true);
  ASSERT_EQ(read_spirv_module_info(specialized.data(), specialized.size(), &info), HM_SUCCESS);
  EXPECT_FALSE(info.compute_entry_points[0].fixed_workgroup_size);
}

// OpString %id "text": the opcode word, the id, the string.
void append_op_string(std::vector<uint32_t>& words, uint32_t id, const std::string& text) {
  words.push_back(op(7, 2 + static_cast<uint32_t>((text.size() + 4) / 4)));
  words.push_back(id);
  append_string(words, text);
}

TEST(SpirvModuleInfo, CollectsMetadataOpStringsInOrder) {
  auto words = module_with("gather", false, true);
  append_op_string(words, 20, "hematite_metadata:hematite-metadata\t1");
  append_op_string(words, 21, "kernels/gather.rs");  // a debug file name: not metadata
  append_op_string(words, 22, "hematite_metadata:kernel\tgather\t0\t0\t2");
  append_op_string(words, 23, "hematite_metadata:");  // an empty line (4-byte padding edge)
  append_op_string(words, 24, "hematite_metadat");    // too short to be one
  SpirvModuleInfo info;
  ASSERT_EQ(read_spirv_module_info(words.data(), words.size(), &info), HM_SUCCESS);
  EXPECT_EQ(info.metadata, "hematite-metadata\t1\nkernel\tgather\t0\t0\t2\n\n");
  ASSERT_EQ(info.compute_entry_points.size(), 1u);

  auto plain = module_with("gather", false, true);
  ASSERT_EQ(read_spirv_module_info(plain.data(), plain.size(), &info), HM_SUCCESS);
  EXPECT_EQ(info.metadata, "");  // modules from other tools have none

  // An OpString whose literal runs to the end of the instruction without a NUL.
  auto unterminated = module_with("gather", false, true);
  unterminated.insert(unterminated.end(), {op(7, 3), 20, 0x61616161});
  EXPECT_EQ(read_spirv_module_info(unterminated.data(), unterminated.size(), &info),
            HM_ERROR_INVALID_MODULE);
}

TEST(SpirvModuleInfo, OneFunctionUnderSeveralNames) {
  std::vector<uint32_t> words = {0x07230203, 0x00010500, 0, 100, 0};
  for (const char* name : {"first", "second"}) {  // both 2 words long
    words.insert(words.end(), {op(15, 5), 5, 7});
    append_string(words, name);
  }
  words.insert(words.end(), {op(16, 6), 7, 17, 64, 1, 1});  // LocalSize of function %7
  SpirvModuleInfo info;
  ASSERT_EQ(read_spirv_module_info(words.data(), words.size(), &info), HM_SUCCESS);
  ASSERT_EQ(info.compute_entry_points.size(), 2u);
  EXPECT_EQ(info.compute_entry_points[0].name, "first");
  EXPECT_EQ(info.compute_entry_points[1].name, "second");
  for (const SpirvEntryPoint& entry : info.compute_entry_points) {
    ASSERT_TRUE(entry.fixed_workgroup_size);
    EXPECT_EQ((*entry.fixed_workgroup_size)[0], 64u);
  }
}

TEST(SpirvModuleInfo, MalformedModulesAreErrorsNotCrashes) {
  SpirvModuleInfo info;
  auto words = module_with("saxpy", false, false);
  words[5] = op(15, 200);  // word count past the end
  EXPECT_EQ(read_spirv_module_info(words.data(), words.size(), &info), HM_ERROR_INVALID_MODULE);
  words[5] = op(15, 0);  // zero word count would loop forever
  EXPECT_EQ(read_spirv_module_info(words.data(), words.size(), &info), HM_ERROR_INVALID_MODULE);
  std::vector<uint32_t> unterminated = {0x07230203, 0x00010500, 0, 100, 0, op(15, 4), 5, 7,
                                        0x61616161};
  EXPECT_EQ(read_spirv_module_info(unterminated.data(), unterminated.size(), &info),
            HM_ERROR_INVALID_MODULE);
  uint32_t not_spirv[5] = {1, 2, 3, 4, 5};
  EXPECT_EQ(read_spirv_module_info(not_spirv, 5, &info), HM_ERROR_INVALID_MODULE);
}

}  // namespace
}  // namespace hm::rt::vulkan
