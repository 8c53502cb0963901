#include "backends/llvm_common/math_lowering.h"

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

Type mathOperandType(Operation *op) {
  return op->getNumOperands() ? getElementTypeOrSelf(op->getOperand(0).getType()) : Type();
}

} // namespace hematite
