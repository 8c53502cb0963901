// Everything an MLIR context needs to hold Hematite's pipelines: the dialects, the
// conversion interfaces and the LLVM IR translations that mlir-opt registers for
// you and a C++ driver must register itself.
#ifndef HEMATITE_BACKENDS_REGISTER_DIALECTS_H
#define HEMATITE_BACKENDS_REGISTER_DIALECTS_H

#include "mlir/IR/DialectRegistry.h"

namespace hematite {
void registerAllDialects(mlir::DialectRegistry &registry);
} // namespace hematite

#endif
