// -C fmad=off on Vulkan. SPIR-V lets a driver fuse a multiply and an add
// into one FMA unless the operations are decorated NoContraction, which is
// how GLSL's `precise` keeps two roundings. With fmad off, every float
// multiply, add and subtract gets the decoration, so `a * b + c` rounds twice
// as Rust specifies, as on the LLVM targets.
#ifndef HEMATITE_BACKENDS_SPIRV_NO_CONTRACTION_H
#define HEMATITE_BACKENDS_SPIRV_NO_CONTRACTION_H

#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"

namespace hematite {

/// Decorates every OpFMul, OpFAdd and OpFSub in `module` NoContraction.
void forbidFloatContraction(mlir::spirv::ModuleOp module);

} // namespace hematite

#endif
