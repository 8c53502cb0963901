// gpu::atomic_* on SPIR-V.
#ifndef HEMATITE_BACKENDS_SPIRV_ATOMIC_OPS_TO_SPIRV_H
#define HEMATITE_BACKENDS_SPIRV_ATOMIC_OPS_TO_SPIRV_H

#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/SPIRV/Transforms/SPIRVConversion.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace hematite {

/// The SPIR-V atomic for `kind` at `ptr`; returns the old value.
mlir::Value buildSpirvAtomic(mlir::OpBuilder &b, mlir::Location loc, hm::AtomicKind kind,
                             mlir::Value ptr, mlir::Value value, mlir::Value compare,
                             mlir::spirv::Scope scope);

/// Refuses 64-bit and f32 atomics unless `features` (-C target-feature)
/// enable their capabilities, with an error that names what is missing.
mlir::LogicalResult checkAtomicCapabilities(mlir::ModuleOp module, llvm::StringRef targetName,
                                            llvm::ArrayRef<std::string> features);

/// hm.atomic_rmw (shared memory).
void populateAtomicOpsToSpirvPatterns(const mlir::SPIRVTypeConverter &converter,
                                      mlir::RewritePatternSet &patterns);

} // namespace hematite

#endif
