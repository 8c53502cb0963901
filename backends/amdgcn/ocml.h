// ROCm's device math library (ocml) for the AMDGCN backend, as hipcc uses it:
// math ops that AMDGPU has no instructions for become __ocml_* calls, and the
// bitcode is linked in when ROCm's device libraries are installed.
#ifndef HEMATITE_BACKENDS_AMDGCN_OCML_H
#define HEMATITE_BACKENDS_AMDGCN_OCML_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/IR/Module.h"

#include <string>

namespace hematite {

/// ocml.bc: $HEMATITE_OCML, else the first that exists of $ROCM_PATH's,
/// /opt/rocm's and Debian's (rocm-device-libs) amdgcn/bitcode/ocml.bc; empty
/// if none does.
std::string findOcml();

/// Whether `op` goes through ocml on AMDGPU. With ocml found (`haveOcml`), f32
/// sin/cos/pow do too, for ocml's accuracy (LLVM's own expansions of them are
/// looser); without it they keep LLVM's, and only the others need it.
bool needsOcml(mlir::Operation *op, bool haveOcml);

/// Rewrites the math ops needsOcml selects into __ocml_* calls (MLIR's
/// MathToROCDL patterns). Without ocml it reports the first such op instead,
/// saying how to get the library.
mlir::LogicalResult convertMathToOcml(mlir::ModuleOp module, llvm::StringRef gfx,
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
