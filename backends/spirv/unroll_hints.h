// MLIRGen marks small constant-trip loops (`for k in 0..4`) hm.unroll_full.
// The LLVM targets turn that into llvm.loop.unroll.full; on SPIR-V it becomes
// the loop's Unroll control, the hint a Vulkan driver's compiler reads. The
// attribute sits on the loop's back edge, which lifting to structured control
// flow replaces, so it travels as an hm.unroll_marker op in the loop header.
#ifndef HEMATITE_BACKENDS_SPIRV_UNROLL_HINTS_H
#define HEMATITE_BACKENDS_SPIRV_UNROLL_HINTS_H

#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace hematite {

/// Before lifting: puts an hm.unroll_marker at the start of the header of
/// every loop whose back edge has hm.unroll_full.
void markLoopsToUnroll(mlir::ModuleOp module);

/// After conversion to the spirv dialect: sets the loop control of the
/// spirv.mlir.loop around each marker to Unroll and erases the markers.
void applyUnrollHints(mlir::spirv::ModuleOp module);

} // namespace hematite

#endif
