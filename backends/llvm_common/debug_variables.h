// -g's local variables on the LLVM targets: hm.debug_variable (MLIRGen's name for a
// scalar local's slot) becomes llvm.intr.dbg.declare on the slot's alloca, so the
// DWARF that NVPTX writes locates the variable in local memory, where cuda-gdb
// reads it (`info locals`, `print i`).
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_DEBUG_VARIABLES_H
#define HEMATITE_BACKENDS_LLVM_COMMON_DEBUG_VARIABLES_H

#include "backends/backend.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

namespace hematite {

/// hm.debug_variable -> llvm.intr.dbg.declare of the slot's pointer (hm.debug_struct:
/// one declare per field slot, each a DWARF piece of the struct), in the
/// scope MLIRGen gave the variable (-g). Without one (hm-dialect input) the
/// function's DISubprogram does not exist yet, so the scope is the file until
/// finishDebugVariables.
void populateDebugVariablePatterns(mlir::LLVMTypeConverter &converter,
                                   mlir::RewritePatternSet &patterns);

/// After the functions have their DISubprogram (-g): a variable scoped to its
/// file gets its function's, each declare points at the alloca itself, and a
/// struct's field slots become one alloca of its layout, declared whole.
/// Without full debug information the declares are dropped.
void finishDebugVariables(mlir::ModuleOp module, DebugInfo debugInfo);

} // namespace hematite

#endif
