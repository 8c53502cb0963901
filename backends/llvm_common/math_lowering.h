// How an LLVM-based target computes each math-dialect op. One table per target
// (LlvmTargetInfo::mathLowering) serves both the backend's conversion to
// device-library calls (libdevice, ocml) and the final check before LLVM, so the
// two cannot disagree.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_MATH_LOWERING_H
#define HEMATITE_BACKENDS_LLVM_COMMON_MATH_LOWERING_H

#include "mlir/IR/Operation.h"

namespace hematite {

enum class MathLowering {
  Instruction,          // LLVM selects instructions (or an exact expansion)
  Library,              // a call of the target's device library; refused without it
  LibraryWhenAvailable, // the library when it is found (more accurate), else instructions
  Unsupported,          // neither: refused at the op's location
};

/// Math ops that every GPU target computes with instructions, whatever the type:
/// sqrt, rounding, abs, rsqrt, fma, copysign and the bit counts.
bool hasInstructionOnEveryGpu(mlir::Operation *op);

} // namespace hematite

#endif
