// The little the Vulkan backend needs to know about a SPIR-V module before handing it
// to the driver: which compute entry points exist and whether their workgroup size can
// be set at launch (drivers may crash on a pipeline with a missing entry point, so the
// runtime checks first), and the compiler's kernel metadata table.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hematite/runtime.h"

namespace hm::rt::vulkan {

struct SpirvEntryPoint {
  std::string name;
  // Set when the module fixes the workgroup size (LocalSize execution mode) and does
  // not override it with a WorkgroupSize built-in: launches must use exactly this size.
  std::optional<std::array<uint32_t, 3>> fixed_workgroup_size;
};

struct SpirvModuleInfo {
  std::vector<SpirvEntryPoint> compute_entry_points;  // GLCompute execution model
  // The kernel metadata table (module_metadata.h): the OpStrings that start with
  // "hematite_metadata:", prefix removed, one line each, in module order. Empty when
  // there are none (modules from other tools).
  std::string metadata;
};

// Parses the instruction stream (after the 5-word header). Malformed modules
// (truncated instructions, bad word counts) are HM_ERROR_INVALID_MODULE.
hm_status read_spirv_module_info(const uint32_t* words, size_t word_count,
                                 SpirvModuleInfo* out);

}  // namespace hm::rt::vulkan
