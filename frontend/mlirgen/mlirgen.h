// MLIRGen: the checked program → the hm dialect (plus arith, cf, func, memref).
// Control flow is emitted as branches (cf), like clang: every Rust construct
// (early return, break with a value, labeled continue) maps to them directly, and
// SPIR-V recovers structure with lift-cf-to-scf. Mutable locals are
// memref.alloca slots that mem2reg promotes.
#ifndef HEMATITE_FRONTEND_MLIRGEN_MLIRGEN_H
#define HEMATITE_FRONTEND_MLIRGEN_MLIRGEN_H

#include "frontend/check/checked_program.h"
#include "frontend/source/source_manager.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace hematite::mlirgen {

/// Lowers a program whose checking reported no errors. Every op carries the
/// file:line:col of the source it came from.
mlir::OwningOpRef<mlir::ModuleOp> lowerToHm(const check::CheckedProgram &program,
                                            const SourceManager &sources,
                                            mlir::MLIRContext &context);

} // namespace hematite::mlirgen

#endif
