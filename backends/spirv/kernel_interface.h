// Builds each kernel's Vulkan interface (docs/abi.md): storage-buffer bindings for
// slices, one push-constant block for scalars and slice lengths, and the
// workgroup-size specialization constants; then rewrites the kernel's parameters
// and slice ops into accesses of those globals.
#ifndef HEMATITE_BACKENDS_SPIRV_KERNEL_INTERFACE_H
#define HEMATITE_BACKENDS_SPIRV_KERNEL_INTERFACE_H

#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"

namespace hematite {

/// The name of the spec-constant composite that must carry the WorkgroupSize
/// built-in decoration (added after serialization: see spirv_binary.h).
inline constexpr const char *kWorkgroupSizeSymbol = "hm_workgroup_size";
/// Set on a kernel (func.func) that can panic: its panic record's binding.
inline constexpr const char *kPanicBindingAttrName = "hm.panic_binding";

/// Rewrites every kernel func.func inside `module` so that it takes no arguments
/// and reads them from interface globals created in `module`. Non-kernel
/// functions must have been inlined. Reports errors on the offending op.
mlir::LogicalResult buildKernelInterfaces(mlir::spirv::ModuleOp module);

/// Adds OpEntryPoint for every kernel (now a spirv.func). Its interface lists
/// every global the kernel uses (SPIR-V 1.4+), or, before SPIR-V 1.4, only the
/// Input/Output ones (`allGlobalsInInterface` false), as each version requires.
void addEntryPoints(mlir::spirv::ModuleOp module,
                    llvm::ArrayRef<std::string> kernelNames,
                    bool allGlobalsInInterface);

} // namespace hematite

#endif
