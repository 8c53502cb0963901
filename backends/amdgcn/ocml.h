// ROCm's device math library (ocml) for the AMDGCN backend, as hipcc uses it:
// math ops that AMDGPU has no instructions for become __ocml_* calls, and the
// bitcode is linked in when ROCm's device libraries are installed.
#ifndef HEMATITE_BACKENDS_AMDGCN_OCML_H
#define HEMATITE_BACKENDS_AMDGCN_OCML_H

#include "backends/llvm_common/target_info.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/IR/Module.h"

#include <string>

namespace hematite {

/// ocml.bc: $HEMATITE_OCML, else the first that exists of $ROCM_PATH's,
/// /opt/rocm's and Debian's (rocm-device-libs) amdgcn/bitcode/ocml.bc; empty
/// if none does.
std::string findOcml();

/// Rewrites the math ops that go through ocml on `target` (its mathLowering:
/// Library, and LibraryWhenAvailable since ocml is found) into __ocml_* calls
/// (MLIR's MathToROCDL patterns). Without ocml it reports the first op that
/// needs it instead, saying how to get the library.
mlir::LogicalResult convertMathToOcml(mlir::ModuleOp module, const LlvmTargetInfo &target,
                                      const std::string &ocmlPath);

/// Links the __ocml_* functions the module calls, and defines the control
/// constants ocml reads (__oclc_*) as the ROCm control libraries would for
/// `gfx`: IEEE denormals, no unsafe or finite-only math, correctly rounded
/// sqrt, the wave size.
mlir::LogicalResult linkOcml(mlir::ModuleOp module, llvm::Module &llvmModule,
                             const std::string &ocmlPath, llvm::StringRef gfx,
                             bool wave64);

} // namespace hematite

#endif
