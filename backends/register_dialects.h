// Everything an MLIR context needs to hold Hematite's pipelines: the dialects, the
// conversion interfaces and the LLVM IR translations that mlir-opt registers for
// you and a C++ driver must register itself.
#ifndef HEMATITE_BACKENDS_REGISTER_DIALECTS_H
#define HEMATITE_BACKENDS_REGISTER_DIALECTS_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

namespace hematite {
void registerAllDialects(mlir::DialectRegistry &registry);
/// Loads the dialects the frontend and hm's pipeline build (hm, func, arith, cf,
/// math, memref, index, scf, ub); the backends load their own.
void loadFrontendDialects(mlir::MLIRContext &context);
} // namespace hematite

#endif
