// Lowering of hm (with arith, cf, func, math, memref) to the LLVM dialect, one file
// per op family, all written against LlvmTargetInfo's hooks.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_HM_TO_LLVM_H
#define HEMATITE_BACKENDS_LLVM_COMMON_HM_TO_LLVM_H

#include "backends/llvm_common/target_info.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/IR/BuiltinOps.h"

namespace hematite {

/// hm.slice_* ops (slices become {ptr, i64} structs in function bodies).
void populateSliceOpsToLlvmPatterns(mlir::LLVMTypeConverter &converter,
                                    mlir::RewritePatternSet &patterns,
                                    const LlvmTargetInfo &target);

/// The constant that guarded loads (hm.slice_load with `if %valid`) read where
/// their index is out of range: a zero-filled global as large as the largest
/// such element.
inline constexpr const char *kLoadSinkSymbol = "hematite_load_sink";
mlir::LogicalResult addLoadSinkGlobal(mlir::ModuleOp module, const LlvmTargetInfo &target);

/// hm.thread_id, block_id, block_dim, grid_dim, global_id, barrier, panic.
/// The address of element `index` of a converted slice ({ptr, len}).
mlir::Value sliceElementAddress(mlir::ConversionPatternRewriter &rewriter, mlir::Location loc,
                                mlir::Value slice, mlir::Value index, mlir::Type elementType);

/// hm.atomic_rmw / hm.slice_atomic_rmw.
void populateAtomicOpsToLlvmPatterns(mlir::LLVMTypeConverter &converter,
                                     mlir::RewritePatternSet &patterns,
                                     const LlvmTargetInfo &target);

void populateGpuOpsToLlvmPatterns(mlir::LLVMTypeConverter &converter,
                                  mlir::RewritePatternSet &patterns,
                                  const LlvmTargetInfo &target);

/// The whole conversion: expands the kernel ABI, then converts every op of
/// `module` to the LLVM dialect (plus NVVM/ROCDL intrinsics). `debugBuild` (-g):
/// kernels get the target's debug launch bound (LlvmTargetInfo::boundDebugKernel).
mlir::LogicalResult lowerHmToLlvm(mlir::ModuleOp module, const LlvmTargetInfo &target,
                                  bool debugBuild);

} // namespace hematite

#endif
