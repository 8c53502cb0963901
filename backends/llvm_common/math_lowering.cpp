#include "backends/llvm_common/math_lowering.h"
#include "backends/llvm_common/target_info.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace hematite {

bool hasInstructionOnEveryGpu(Operation *op) {
  return isa<math::SqrtOp, math::FloorOp, math::CeilOp, math::RoundOp, math::RoundEvenOp,
             math::TruncOp, math::AbsFOp, math::AbsIOp, math::RsqrtOp, math::FmaOp,
             math::CopySignOp, math::CtPopOp, math::CountLeadingZerosOp,
             math::CountTrailingZerosOp>(op);
}

MathLowering LlvmTargetInfo::mathLowering(Operation *op) const {
  if (hasInstructionOnEveryGpu(op))
    return MathLowering::Instruction;
  // The element type of the first operand (f32 for a vector<4xf32>).
  Type t = op->getNumOperands() ? getElementTypeOrSelf(op->getOperand(0).getType()) : Type();
  if (t && (t.isF32() || t.isF64()))
    return floatMathLowering(op, cast<FloatType>(t));
  return MathLowering::Unsupported;
}

} // namespace hematite
