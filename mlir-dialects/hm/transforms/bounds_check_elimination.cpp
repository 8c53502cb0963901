// hm-bounds-check-elim: drop `checked` from slice accesses guarded by `i < s.len()`.
#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Dominance.h"

namespace hm {
#define GEN_PASS_DEF_HMBOUNDSCHECKELIMINATION
#include "mlir-dialects/hm/HmPasses.h.inc"
} // namespace hm

using namespace mlir;

namespace {

/// True if `cond` is `index <u slice.len()`.
bool isInRangeCondition(Value cond, Value index, Value slice) {
  auto cmp = cond.getDefiningOp<arith::CmpIOp>();
  if (!cmp)
    return false;
  auto len = [&](Value v) {
    auto l = v.getDefiningOp<hm::SliceLenOp>();
    return l && l.getSlice() == slice;
  };
  switch (cmp.getPredicate()) {
  case arith::CmpIPredicate::ult: // i < len
    return cmp.getLhs() == index && len(cmp.getRhs());
  case arith::CmpIPredicate::ugt: // len > i
    return cmp.getRhs() == index && len(cmp.getLhs());
  default:
    return false;
  }
}

/// True if the access at `op` only runs when `index < slice.len()` holds.
bool isGuarded(Operation *op, Value index, Value slice, DominanceInfo &dom) {
  // Structured form: inside the then-region of scf.if.
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp()) {
    if (auto ifOp = dyn_cast<scf::IfOp>(parent))
      if (ifOp.getThenRegion().isAncestor(op->getParentRegion()) &&
          isInRangeCondition(ifOp.getCondition(), index, slice))
        return true;
  }
  // Unstructured form: a dominating block entered only through the true edge of
  // a cf.cond_br on the condition.
  Block *block = op->getBlock();
  // A single-block region has no dominator tree (and no branches to look at).
  if (block->getParent()->hasOneBlock())
    return false;
  for (DominanceInfoNode *node = dom.getNode(block); node;
       node = node->getIDom()) {
    Block *guarded = node->getBlock();
    Block *pred = guarded->getSinglePredecessor();
    if (!pred)
      continue;
    auto br = dyn_cast<cf::CondBranchOp>(pred->getTerminator());
    if (br && br.getTrueDest() == guarded && br.getFalseDest() != guarded &&
        isInRangeCondition(br.getCondition(), index, slice))
      return true;
  }
  return false;
}

struct BoundsCheckElimination
    : hm::impl::HmBoundsCheckEliminationBase<BoundsCheckElimination> {
  void runOnOperation() override {
    auto &dom = getAnalysis<DominanceInfo>();
    getOperation()->walk([&](Operation *op) {
      if (auto load = dyn_cast<hm::SliceLoadOp>(op)) {
        if (load.getChecked() &&
            isGuarded(op, load.getIndex(), load.getSlice(), dom))
          load.setChecked(false);
      } else if (auto store = dyn_cast<hm::SliceStoreOp>(op)) {
        if (store.getChecked() &&
            isGuarded(op, store.getIndex(), store.getSlice(), dom))
          store.setChecked(false);
      }
    });
  }
};

} // namespace
