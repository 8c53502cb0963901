#include "backends/spirv/narrow_indices.h"

#include "mlir/Dialect/SPIRV/IR/SPIRVTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace hematite {
namespace {

bool isI64(Type type) { return type.isInteger(64); }

/// The 32-bit counterpart of 64-bit values: the same value modulo 2^32,
/// built next to the original so that it dominates every use the original
/// has. Operations whose low half depends only on the low halves of their
/// operands are rebuilt at 32 bits; anything else is truncated.
class Narrower {
public:
  explicit Narrower(MLIRContext *ctx) : i32(IntegerType::get(ctx, 32)) {}

  Value narrow(Value wide) {
    if (Value known = narrowed.lookup(wide))
      return known;
    Value result = build(wide);
    narrowed[wide] = result;
    return result;
  }

private:
  OpBuilder builderAfter(Value wide) {
    OpBuilder b(wide.getContext());
    if (Operation *def = wide.getDefiningOp())
      b.setInsertionPointAfter(def);
    else
      b.setInsertionPointToStart(cast<BlockArgument>(wide).getOwner());
    return b;
  }

  Value truncate(Value wide) {
    OpBuilder b = builderAfter(wide);
    return spirv::UConvertOp::create(b, wide.getLoc(), i32, wide);
  }

  template <typename OpT> Value rebuildBinary(OpT op) {
    Value lhs = narrow(op->getOperand(0)), rhs = narrow(op->getOperand(1));
    OpBuilder b = builderAfter(op->getResult(0));
    return OpT::create(b, op.getLoc(), i32, lhs, rhs);
  }

  /// The rebuilt `def` if it is one of OpTs, else null.
  template <typename... OpTs> Value rebuildAnyOf(Operation *def) {
    Value rebuilt;
    (void)((rebuilt = isa<OpTs>(def) ? rebuildBinary(cast<OpTs>(def)) : Value()) || ...);
    return rebuilt;
  }

  Value build(Value wide) {
    Operation *def = wide.getDefiningOp();
    if (!def)
      return truncate(wide);
    if (auto constant = dyn_cast<spirv::ConstantOp>(def)) {
      auto value = dyn_cast<IntegerAttr>(constant.getValue());
      if (!value)
        return truncate(wide);
      OpBuilder b = builderAfter(wide);
      return spirv::ConstantOp::create(
          b, constant.getLoc(), i32,
          b.getIntegerAttr(i32, value.getValue().trunc(32)));
    }
    // A zero or sign extension of a 32-bit value: its low half is that value.
    if (isa<spirv::UConvertOp, spirv::SConvertOp>(def) &&
        def->getOperand(0).getType() == i32)
      return def->getOperand(0);
    if (Value rebuilt = rebuildAnyOf<spirv::IAddOp, spirv::ISubOp, spirv::IMulOp,
                                     spirv::BitwiseAndOp, spirv::BitwiseOrOp,
                                     spirv::BitwiseXorOp>(def))
      return rebuilt;
    // x << s keeps its low half only while s < 32 (a 32-bit shift by 32 or
    // more is undefined).
    if (auto shift = dyn_cast<spirv::ShiftLeftLogicalOp>(def)) {
      auto amount = shift.getOperand2().getDefiningOp<spirv::ConstantOp>();
      auto value = amount ? dyn_cast<IntegerAttr>(amount.getValue()) : IntegerAttr();
      if (value && value.getValue().ult(32))
        return rebuildBinary(shift);
      return truncate(wide);
    }
    if (auto select = dyn_cast<spirv::SelectOp>(def)) {
      Value yes = narrow(select.getTrueValue()), no = narrow(select.getFalseValue());
      OpBuilder b = builderAfter(wide);
      return spirv::SelectOp::create(b, select.getLoc(), i32, select.getCondition(), yes, no);
    }
    return truncate(wide);
  }

  Type i32;
  llvm::DenseMap<Value, Value> narrowed;
};

/// One-byte elements of a storage buffer can be indexed up to 2^32 - 1,
/// which a signed 32-bit index cannot hold.
bool mayIndexPast31Bits(spirv::AccessChainOp access) {
  auto base = cast<spirv::PointerType>(access.getBasePtr().getType());
  if (base.getStorageClass() != spirv::StorageClass::StorageBuffer &&
      base.getStorageClass() != spirv::StorageClass::PhysicalStorageBuffer)
    return false;
  Type element = cast<spirv::PointerType>(access.getType()).getPointeeType();
  return element.isIntOrFloat() && element.getIntOrFloatBitWidth() < 16;
}

void eraseDeadArithmetic(llvm::SetVector<Operation *> &candidates) {
  while (!candidates.empty()) {
    Operation *op = candidates.pop_back_val();
    if (!op->use_empty() || !isPure(op) || op->getNumRegions() != 0)
      continue;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        candidates.insert(def);
    op->erase();
  }
}

} // namespace

void narrowAccessChainIndices(spirv::ModuleOp module) {
  Narrower narrower(module.getContext());
  llvm::SetVector<Operation *> replaced;
  module.walk([&](spirv::AccessChainOp access) {
    if (mayIndexPast31Bits(access))
      return;
    for (OpOperand &index : access.getIndicesMutable()) {
      Value wide = index.get();
      if (!isI64(wide.getType()))
        continue;
      index.set(narrower.narrow(wide));
      if (Operation *def = wide.getDefiningOp())
        replaced.insert(def);
    }
  });
  eraseDeadArithmetic(replaced);
}

} // namespace hematite
