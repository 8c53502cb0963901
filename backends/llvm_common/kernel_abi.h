// Rewrites kernels' signatures into the (pointer, length) form of docs/abi.md.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_KERNEL_ABI_H
#define HEMATITE_BACKENDS_LLVM_COMMON_KERNEL_ABI_H

#include "backends/llvm_common/target_info.h"
#include "mlir/IR/BuiltinOps.h"

namespace hematite {

/// For every kernel in `module`: each slice parameter becomes a global-memory
/// pointer (noalias; readonly for &[T]) and a u64 length, rebuilt into the slice
/// with hm.slice_from_parts at entry.
mlir::LogicalResult expandKernelAbi(mlir::ModuleOp module,
                                    const LlvmTargetInfo &target);

/// After conversion to the LLVM dialect: turns hm's kernel attributes on each
/// llvm.func into the target's (nvvm.kernel, rocdl.kernel, launch bounds); with
/// `debugBuild`, a kernel without max_threads gets the target's debug bound.
void markKernels(mlir::ModuleOp module, const LlvmTargetInfo &target, bool debugBuild);

} // namespace hematite

#endif
