// usize is 64-bit, so the hm IR computes indices in 64 bits and MLIR's
// MemRefToSPIRV emits OpAccessChain with 64-bit indices. GPUs do 64-bit
// integer arithmetic in several 32-bit instructions (NVIDIA: a 64-bit
// multiply is three), where GLSL computes indices in 32 bits.
//
// On Vulkan every in-bounds index fits in 31 bits: a storage buffer is at
// most maxStorageBufferRange (a uint32) bytes, and workgroup and function
// arrays are far smaller. The low 32 bits of a sum, difference, product,
// left shift or bitwise operation depend only on the low 32 bits of its
// operands, so an access chain's index can be computed in 32 bits from the
// 32-bit parts of what it is built from, whatever the 64-bit intermediate
// values were. The 64-bit computation stays wherever something else (a
// bounds check, a loop test) uses it.
#ifndef HEMATITE_BACKENDS_SPIRV_NARROW_INDICES_H
#define HEMATITE_BACKENDS_SPIRV_NARROW_INDICES_H

#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"

namespace hematite {

/// Rewrites every 64-bit index of an OpAccessChain in `module` to a 32-bit
/// computation, except where the element is one byte wide in a storage
/// buffer (its index may reach 2^32 - 1, and SPIR-V reads indices as
/// signed). Erases the 64-bit operations left without users.
void narrowAccessChainIndices(mlir::spirv::ModuleOp module);

} // namespace hematite

#endif
