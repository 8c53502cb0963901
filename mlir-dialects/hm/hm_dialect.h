// The hm dialect: public header. Include this to use hm types and ops.
#ifndef HEMATITE_MLIR_DIALECTS_HM_HM_DIALECT_H
#define HEMATITE_MLIR_DIALECTS_HM_HM_DIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "mlir-dialects/hm/HmDialect.h.inc"
#include "mlir-dialects/hm/HmEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "mlir-dialects/hm/HmTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mlir-dialects/hm/HmAttrs.h.inc"

#define GET_OP_CLASSES
#include "mlir-dialects/hm/HmOps.h.inc"

namespace hm {
/// True if `func` (a func.func) is a kernel entry point.
bool isKernel(mlir::Operation *func);

/// The memref memory space of block-shared memory (`gpu::shared`): 3 is
/// NVPTX's and AMDGPU's shared address space; SPIR-V maps it to Workgroup.
constexpr unsigned kSharedMemorySpace = 3;
/// The attribute on hm.panic that numbers it in the module (docs/abi.md).
constexpr const char *kPanicSiteAttrName = "hm.site";
} // namespace hm

#endif
