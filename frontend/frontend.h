// The frontend as one call: source file → lex → parse → check → hm dialect.
// Each phase is a function from one data structure to the next; this file only
// runs them in order.
#ifndef HEMATITE_FRONTEND_FRONTEND_H
#define HEMATITE_FRONTEND_FRONTEND_H

#include "frontend/diagnostics/diagnostics.h"
#include "frontend/mlirgen/mlirgen.h"
#include "frontend/source/source_manager.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace hematite::frontend {

/// Compiles `file` to an hm module; null if any phase reported an error (the
/// diagnostics are in `diags`). Files of `mod x;` modules are loaded into
/// `sources` (see parse/load_crate.h).
mlir::OwningOpRef<mlir::ModuleOp> compileToHm(SourceManager &sources, FileId file,
                                              DiagnosticEngine &diags,
                                              mlir::MLIRContext &context,
                                              const mlirgen::MlirGenOptions &options = {});

} // namespace hematite::frontend

#endif
