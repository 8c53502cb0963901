#include "backends/spirv/minimal_vce.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;

namespace hematite {

/// The SPIR-V version an extension became core in; nullopt if it is not core
/// in any version we emit (1.3 to 1.6).
static std::optional<spirv::Version> coreSince(spirv::Extension ext) {
  using E = spirv::Extension;
  switch (ext) {
  case E::SPV_KHR_storage_buffer_storage_class:
  case E::SPV_KHR_16bit_storage:
  case E::SPV_KHR_variable_pointers:
  case E::SPV_KHR_device_group:
  case E::SPV_KHR_multiview:
  case E::SPV_KHR_shader_draw_parameters:
    return spirv::Version::V_1_3;
  case E::SPV_KHR_float_controls:
  case E::SPV_KHR_no_integer_wrap_decoration:
    return spirv::Version::V_1_4;
  case E::SPV_KHR_8bit_storage:
  case E::SPV_KHR_vulkan_memory_model:
  case E::SPV_KHR_physical_storage_buffer:
  case E::SPV_EXT_descriptor_indexing:
  case E::SPV_EXT_shader_viewport_index_layer:
    return spirv::Version::V_1_5;
  case E::SPV_KHR_integer_dot_product:
  case E::SPV_KHR_terminate_invocation:
    return spirv::Version::V_1_6;
  default:
    return std::nullopt;
  }
}

void minimizeVce(spirv::Version version, llvm::SmallVectorImpl<spirv::Capability> &caps,
                 llvm::SmallVectorImpl<spirv::Extension> &exts) {
  // Matrix comes with Shader and no kernel uses matrix types. Other implied
  // capabilities (GroupNonUniform under GroupNonUniformShuffle, Int64 under
  // Int64Atomics) are kept: the kernel does use them, and drivers have been
  // seen to want them spelled out.
  if (llvm::is_contained(caps, spirv::Capability::Shader))
    llvm::erase(caps, spirv::Capability::Matrix);
  llvm::erase_if(exts, [&](spirv::Extension ext) {
    std::optional<spirv::Version> core = coreSince(ext);
    return core && *core <= version;
  });
}

} // namespace hematite
