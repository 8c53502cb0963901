#include "vulkan/spirv_module_info.h"

#include <map>

#include "module_metadata.h"
#include "status.h"

namespace hm::rt::vulkan {
namespace {

// From the SPIR-V specification (unified 1.6).
constexpr uint32_t kMagic = 0x07230203;
constexpr size_t kHeaderWords = 5;
constexpr uint32_t kOpString = 7;
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

  // (function id, name) in module order; a function may be several entry points.
  std::vector<std::pair<uint32_t, std::string>> compute_entries;
  std::map<uint32_t, std::array<uint32_t, 3>> local_sizes;  // by function id
  bool has_workgroup_size_builtin = false;
  std::vector<std::string> metadata_lines;

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
      std::string name;
      if (!read_literal_string(operands + 2, operand_count - 2, &name))
        return fail(HM_ERROR_INVALID_MODULE,
                    str("malformed SPIR-V: unterminated entry point name at word ", i));
      compute_entries.emplace_back(operands[1], std::move(name));
    } else if (opcode == kOpExecutionMode && operand_count >= 5 &&
               operands[1] == kExecutionModeLocalSize) {
      local_sizes[operands[0]] = std::array<uint32_t, 3>{operands[2], operands[3], operands[4]};
    } else if (opcode == kOpExecutionModeId && operand_count >= 2 &&
               operands[1] == kExecutionModeLocalSizeId) {
      // Sized by (specialization) constants: settable at launch, like the built-in.
      local_sizes.erase(operands[0]);
    } else if (opcode == kOpString && operand_count >= 2) {
      std::string text;
      if (!read_literal_string(operands + 1, operand_count - 1, &text))
        return fail(HM_ERROR_INVALID_MODULE,
                    str("malformed SPIR-V: unterminated OpString at word ", i));
      if (text.compare(0, kMetadataSpirvPrefix.size(), kMetadataSpirvPrefix) == 0)
        metadata_lines.push_back(text.substr(kMetadataSpirvPrefix.size()));
    } else if (opcode == kOpDecorate && operand_count >= 3 &&
               operands[1] == kDecorationBuiltIn && operands[2] == kBuiltInWorkgroupSize) {
      has_workgroup_size_builtin = true;
    }
    i += length;
  }

  SpirvModuleInfo info;
  for (auto& [id, name] : compute_entries) {
    SpirvEntryPoint result;
    result.name = std::move(name);
    auto local_size = local_sizes.find(id);
    if (!has_workgroup_size_builtin && local_size != local_sizes.end())
      result.fixed_workgroup_size = local_size->second;
    info.compute_entry_points.push_back(std::move(result));
  }
  for (const std::string& line : metadata_lines) info.metadata += line + "\n";
  *out = std::move(info);
  return HM_SUCCESS;
}

}  // namespace hm::rt::vulkan
