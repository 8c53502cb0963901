#include "vulkan/spirv_module_info.h"

#include <map>

#include "status.h"

namespace hm::rt::vulkan {
namespace {

// From the SPIR-V specification (unified 1.6).
constexpr uint32_t kMagic = 0x07230203;
constexpr size_t kHeaderWords = 5;
constexpr uint32_t kOpDecorate = 71;
constexpr uint32_t kOpEntryPoint = 15;
constexpr uint32_t kOpExecutionMode = 16;
constexpr uint32_t kOpExecutionModeId = 331;
constexpr uint32_t kExecutionModelGLCompute = 5;
constexpr uint32_t kExecutionModeLocalSize = 17;
constexpr uint32_t kExecutionModeLocalSizeId = 38;
constexpr uint32_t kDecorationBuiltIn = 11;
constexpr uint32_t kBuiltInWorkgroupSize = 25;

// A literal string: UTF-8 bytes, NUL-terminated, packed little-endian into words.
bool read_literal_string(const uint32_t* words, size_t count, std::string* out) {
  std::string text;
  for (size_t w = 0; w < count; ++w) {
    for (int b = 0; b < 4; ++b) {
      char c = static_cast<char>((words[w] >> (8 * b)) & 0xff);
      if (c == '\0') {
        *out = std::move(text);
        return true;
      }
      text.push_back(c);
    }
  }
  return false;  // no terminating NUL inside the instruction
}

}  // namespace

hm_status read_spirv_module_info(const uint32_t* words, size_t word_count,
                                 SpirvModuleInfo* out) {
  if (word_count < kHeaderWords || words[0] != kMagic)
    return fail(HM_ERROR_INVALID_MODULE, "not a SPIR-V module (no SPIR-V header)");

  struct EntryPoint {
    std::string name;
    std::optional<std::array<uint32_t, 3>> local_size;
  };
  std::map<uint32_t, EntryPoint> compute_entries;  // by function id
  std::vector<uint32_t> entry_order;
  bool has_workgroup_size_builtin = false;

  size_t i = kHeaderWords;
  while (i < word_count) {
    const uint32_t opcode = words[i] & 0xffff;
    const uint32_t length = words[i] >> 16;
    if (length == 0 || length > word_count - i)
      return fail(HM_ERROR_INVALID_MODULE,
                  str("malformed SPIR-V: the instruction at word ", i, " has word count ",
                      length, " but ", word_count - i, " words remain"));
    const uint32_t* operands = words + i + 1;
    const size_t operand_count = length - 1;
    if (opcode == kOpEntryPoint && operand_count >= 3 &&
        operands[0] == kExecutionModelGLCompute) {
      EntryPoint entry;
      if (!read_literal_string(operands + 2, operand_count - 2, &entry.name))
        return fail(HM_ERROR_INVALID_MODULE,
                    str("malformed SPIR-V: unterminated entry point name at word ", i));
      entry_order.push_back(operands[1]);
      compute_entries[operands[1]] = std::move(entry);
    } else if (opcode == kOpExecutionMode && operand_count >= 5 &&
               operands[1] == kExecutionModeLocalSize) {
      auto it = compute_entries.find(operands[0]);
      if (it != compute_entries.end())
        it->second.local_size = std::array<uint32_t, 3>{operands[2], operands[3], operands[4]};
    } else if (opcode == kOpExecutionModeId && operand_count >= 2 &&
               operands[1] == kExecutionModeLocalSizeId) {
      // Sized by (specialization) constants: settable at launch, like the built-in.
      auto it = compute_entries.find(operands[0]);
      if (it != compute_entries.end()) it->second.local_size.reset();
    } else if (opcode == kOpDecorate && operand_count >= 3 &&
               operands[1] == kDecorationBuiltIn && operands[2] == kBuiltInWorkgroupSize) {
      has_workgroup_size_builtin = true;
    }
    i += length;
  }

  SpirvModuleInfo info;
  for (uint32_t id : entry_order) {
    EntryPoint& entry = compute_entries[id];
    SpirvEntryPoint result;
    result.name = entry.name;
    if (!has_workgroup_size_builtin) result.fixed_workgroup_size = entry.local_size;
    info.compute_entry_points.push_back(std::move(result));
  }
  *out = std::move(info);
  return HM_SUCCESS;
}

}  // namespace hm::rt::vulkan
