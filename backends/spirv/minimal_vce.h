// The capabilities and extensions a module declares should be exactly what it
// needs on its SPIR-V version: update-vce also lists capabilities that others
// imply (Matrix, implied by Shader) and extensions that the version has made
// core (SPV_KHR_storage_buffer_storage_class in 1.3, ...). Drivers accept
// both, but a reader of the module (or a capability report) should see only
// what the kernel uses.
#ifndef HEMATITE_BACKENDS_SPIRV_MINIMAL_VCE_H
#define HEMATITE_BACKENDS_SPIRV_MINIMAL_VCE_H

#include "mlir/Dialect/SPIRV/IR/SPIRVEnums.h"
#include "llvm/ADT/SmallVector.h"

namespace hematite {

/// Removes Matrix from `caps` (Shader implies it; kernels have no matrices),
/// and from `exts` those that are core in `version`.
void minimizeVce(mlir::spirv::Version version,
                 llvm::SmallVectorImpl<mlir::spirv::Capability> &caps,
                 llvm::SmallVectorImpl<mlir::spirv::Extension> &exts);

} // namespace hematite

#endif
