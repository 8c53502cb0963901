// hm-expand-checks: checked slice accesses → explicit branches to hm.panic.
#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"

namespace hm {
#define GEN_PASS_DEF_HMEXPANDCHECKS
#include "mlir-dialects/hm/HmPasses.h.inc"
} // namespace hm

using namespace mlir;

namespace {

/// Splits the block before `op` and branches to a panic block unless `index` is
/// below the slice's length.
void expandCheck(Operation *op, Value slice, Value index) {
  OpBuilder b(op);
  Location loc = op->getLoc();
  Block *before = op->getBlock();
  Block *access = before->splitBlock(op);
  b.setInsertionPointToEnd(before);
  Value len = hm::SliceLenOp::create(b, loc, slice);
  Block *panic = b.createBlock(access);
  hm::PanicOp::create(b, loc, "index out of bounds: the len is {} but the index is {}",
                      ValueRange{len, index}, "u64,u64");
  b.setInsertionPointToEnd(before);
  Value inRange =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, index, len);
  cf::CondBranchOp::create(b, loc, inRange, access, panic);
}

struct ExpandChecks : hm::impl::HmExpandChecksBase<ExpandChecks> {
  void runOnOperation() override {
    SmallVector<Operation *> checked;
    getOperation()->walk([&](Operation *op) {
      if (auto load = dyn_cast<hm::SliceLoadOp>(op); load && load.getChecked())
        checked.push_back(op);
      if (auto store = dyn_cast<hm::SliceStoreOp>(op); store && store.getChecked())
        checked.push_back(op);
    });
    for (Operation *op : checked) {
      if (auto load = dyn_cast<hm::SliceLoadOp>(op)) {
        expandCheck(op, load.getSlice(), load.getIndex());
        load.setChecked(false);
      } else if (auto store = dyn_cast<hm::SliceStoreOp>(op)) {
        expandCheck(op, store.getSlice(), store.getIndex());
        store.setChecked(false);
      }
    }
  }
};

} // namespace
