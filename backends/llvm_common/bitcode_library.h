// Linking a vendor's device math library (CUDA's libdevice, ROCm's ocml) into a
// translated module, the way nvcc and hipcc do: only what the module calls,
// internalized, so the O-level pipeline inlines it and drops the rest.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_BITCODE_LIBRARY_H
#define HEMATITE_BACKENDS_LLVM_COMMON_BITCODE_LIBRARY_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/IR/PatternMatch.h"

#include <functional>

namespace hematite {

/// Rewrites the ops `isLibraryCall` selects into calls of a device library's
/// functions, with the patterns `populate` adds (MLIR's MathToNVVM libdevice or
/// MathToROCDL ocml patterns); fails if one is left.
mlir::LogicalResult convertToLibraryCalls(
    mlir::ModuleOp module,
    const std::function<void(mlir::LLVMTypeConverter &, mlir::RewritePatternSet &)> &populate,
    const std::function<bool(mlir::Operation *)> &isLibraryCall);

/// Links from the bitcode file at `path` the functions `llvmModule` declares
/// (and whatever they call), internalized. The library takes the module's
/// triple and data layout, since vendors build theirs for older ones. Errors
/// name `what` (e.g. "libdevice") and go to `module`'s context.
mlir::LogicalResult linkBitcodeLibrary(mlir::ModuleOp module, llvm::Module &llvmModule,
                                       llvm::StringRef path, llvm::StringRef what);

/// True if `llvmModule` declares (calls without defining) a function whose name
/// starts with `prefix`, e.g. "__nv_".
bool callsFunctionsPrefixed(const llvm::Module &llvmModule, llvm::StringRef prefix);

} // namespace hematite

#endif
