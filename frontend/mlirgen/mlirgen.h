// MLIRGen: the checked program → the hm dialect (plus arith, cf, func, math,
// memref, ub). Control flow is emitted as branches (cf), like clang: every Rust
// construct (early return, break with a value, labeled continue, match) maps to
// them directly, and SPIR-V recovers structure with lift-cf-to-scf.
//
// Only kernels become functions: every call to another function is inlined
// here, in a new frame whose generic substitution is the caller's composed with
// the call's, so generic code is monomorphized and `&`/`&mut` parameters are
// compile-time places (lowering.h describes the value, place and storage model).
// Mutable locals and locals of array type are memref.alloca slots that mem2reg
// (scalars) and LLVM's SROA / spirv-opt (arrays) promote.
#ifndef HEMATITE_FRONTEND_MLIRGEN_MLIRGEN_H
#define HEMATITE_FRONTEND_MLIRGEN_MLIRGEN_H

#include "frontend/check/checked_program.h"
#include "frontend/source/source_manager.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace hematite::mlirgen {

/// Code generation options (`hematite -C key=value`).
struct MlirGenOptions {
  /// `-C overflow-checks=on`: integer +, -, *, unary -, << and >> panic on
  /// overflow as in a Rust debug build. Off: they wrap (shift amounts are
  /// masked), as in a release build.
  bool overflow_checks = false;
  /// `-C bounds-checks=off`: indexing and slicing are not checked (unsafe).
  bool bounds_checks = true;
  /// `-g`: every scalar local lives in a slot named by hm.debug_variable, so a
  /// debugger can show it, and every op's location carries its DWARF scope (the
  /// kernel's or an inlined function's subprogram, a lexical block per `let`:
  /// debug_scopes.h). The LLVM backends write them as DWARF.
  bool debug_variables = false;
};

/// Lowers a program whose checking reported no errors. Every op carries the
/// file:line:col of the source it came from. Returns null after reporting an
/// error (an MLIR diagnostic at the construct) for what cannot be lowered.
mlir::OwningOpRef<mlir::ModuleOp> lowerToHm(const check::CheckedProgram &program,
                                            const SourceManager &sources,
                                            mlir::MLIRContext &context,
                                            const MlirGenOptions &options = {});

} // namespace hematite::mlirgen

#endif
