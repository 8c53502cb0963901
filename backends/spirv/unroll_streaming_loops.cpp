#include "backends/spirv/unroll_streaming_loops.h"

#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace hematite {
namespace {

/// What a loop of the documented form is made of.
struct StreamingLoop {
  scf::WhileOp loop;
  unsigned ivIndex;                 // the counter's position among the loop's values
  arith::CmpIOp cmp;                // %i < %n, in the `before` region
  Value step;                       // defined outside the loop
  SmallVector<Operation *> hoisted; // the `before` region's other ops, invariant
};

bool definedOutside(Value v, Operation *loop) {
  return !loop->isAncestor(v.getParentBlock()->getParentOp());
}

/// The body reads a slice, and has no inner loop, nothing that every thread
/// must reach the same number of times (barrier, shuffle, ballot), no panic
/// path (a return) and no full-unroll marker (MLIRGen's constant loops).
bool bodyQualifies(scf::WhileOp loop) {
  bool readsSlice = false, ok = true;
  loop.getAfter().walk([&](Operation *op) {
    if (isa<hm::SliceLoadOp>(op))
      readsSlice = true;
    if (isa<scf::WhileOp, scf::ForOp, hm::BarrierOp, hm::ShuffleOp, hm::BallotOp,
            hm::UnrollMarkerOp, hm::PanicRecordOp, func::ReturnOp>(op))
      ok = false;
  });
  return readsSlice && ok;
}

std::optional<StreamingLoop> match(scf::WhileOp loop) {
  Block &before = loop.getBefore().front();
  Block &after = loop.getAfter().front();
  auto condition = cast<scf::ConditionOp>(before.getTerminator());
  // The condition passes the loop's values on unchanged, so the body's
  // arguments are the values the `before` region started with.
  if (ValueRange(before.getArguments()) != condition.getArgs() ||
      before.getNumArguments() != after.getNumArguments())
    return std::nullopt;
  auto cmp = condition.getCondition().getDefiningOp<arith::CmpIOp>();
  if (!cmp || cmp->getBlock() != &before || cmp.getPredicate() != arith::CmpIPredicate::ult)
    return std::nullopt;
  auto iv = dyn_cast<BlockArgument>(cmp.getLhs());
  if (!iv || iv.getOwner() != &before || !iv.getType().isSignlessInteger())
    return std::nullopt;
  StreamingLoop m{loop, iv.getArgNumber(), cmp, Value(), {}};
  // Every other op of `before` is pure and uses only values from outside
  // the loop (or earlier such ops): it can be computed once, in front.
  SmallPtrSet<Operation *, 8> invariant;
  for (Operation &op : before.without_terminator()) {
    if (&op == cmp.getOperation())
      continue;
    if (!isPure(&op) || op.getNumRegions() != 0 ||
        llvm::any_of(op.getOperands(), [&](Value v) {
          return !definedOutside(v, loop) && !invariant.contains(v.getDefiningOp());
        }))
      return std::nullopt;
    invariant.insert(&op);
    m.hoisted.push_back(&op);
  }
  Value bound = cmp.getRhs();
  if (!definedOutside(bound, loop) && !invariant.contains(bound.getDefiningOp()))
    return std::nullopt;
  // The counter's next value: %i + %step, %step from outside.
  auto yield = cast<scf::YieldOp>(after.getTerminator());
  auto next = yield.getResults()[m.ivIndex].getDefiningOp<arith::AddIOp>();
  Value ivAfter = after.getArgument(m.ivIndex);
  if (!next || next->getBlock() != &after)
    return std::nullopt;
  if (next.getLhs() == ivAfter && definedOutside(next.getRhs(), loop))
    m.step = next.getRhs();
  else if (next.getRhs() == ivAfter && definedOutside(next.getLhs(), loop))
    m.step = next.getLhs();
  else
    return std::nullopt;
  if (!bodyQualifies(loop))
    return std::nullopt;
  return m;
}

void unroll(StreamingLoop &m, unsigned count) {
  scf::WhileOp loop = m.loop;
  Location loc = loop.getLoc();
  OpBuilder b(loop);
  // The invariant part of `before`, once, in front of the loop.
  IRMapping invariant;
  for (Operation *op : m.hoisted)
    b.clone(*op, invariant);
  Value n = invariant.lookupOrDefault(m.cmp.getRhs());
  Value step = m.step;
  Type type = step.getType();
  auto constant = [&](uint64_t v) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, v)).getResult();
  };
  Value one = constant(1);
  auto overflows = [&](Value product) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, product, constant(0));
  };
  // An unrolled iteration runs the next `count` ones, i, i + step, ...,
  // i + span (span = (count - 1) * step), when the last of them is below n.
  // Counting instead of dividing keeps a 64-bit division (a long sequence on
  // GPUs) out of loops that run few times, such as softmax's row loops.
  // Nothing may wrap: `safe` says that i < n implies i + count * step fits.
  auto span = arith::MulUIExtendedOp::create(b, loc, step, constant(count - 1));
  auto stride = arith::MulUIExtendedOp::create(b, loc, step, constant(count));
  Value nonEmpty = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, n, constant(0));
  Value last = arith::SubIOp::create(b, loc, n, one);
  auto end = arith::AddUIExtendedOp::create(b, loc, last, stride.getLow());
  Value noWrap = arith::XOrIOp::create(
      b, loc,
      arith::OrIOp::create(b, loc,
                           arith::OrIOp::create(b, loc, overflows(span.getHigh()),
                                                overflows(stride.getHigh())),
                           end.getOverflow()),
      arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
  Value safe = arith::AndIOp::create(b, loc, nonEmpty, noWrap);

  // while safe && i < n && i + span < n { count bodies }. An scf.while, as
  // every other loop here.
  Block &after = loop.getAfter().front();
  SmallVector<Type> types(loop.getResultTypes());
  SmallVector<Location> locs(types.size(), loc);
  auto unrolled = scf::WhileOp::create(b, loc, types, loop.getInits());
  {
    OpBuilder::InsertionGuard guard(b);
    Block *head = b.createBlock(&unrolled.getBefore(), {}, types, locs);
    Value i = head->getArgument(m.ivIndex);
    Value lastOfThem = arith::AddIOp::create(b, loc, i, span.getLow());
    Value go = arith::AndIOp::create(
        b, loc, safe,
        arith::AndIOp::create(
            b, loc, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, i, n),
            arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, lastOfThem, n)));
    scf::ConditionOp::create(b, loc, go, head->getArguments());
  }
  {
    OpBuilder::InsertionGuard guard(b);
    Block *body = b.createBlock(&unrolled.getAfter(), {}, types, locs);
    SmallVector<Value> current(body->getArguments());
    for (unsigned copy = 0; copy < count; ++copy) {
      IRMapping map;
      map.map(after.getArguments(), current);
      for (Operation &op : after.without_terminator())
        b.clone(op, map);
      auto yield = cast<scf::YieldOp>(after.getTerminator());
      for (auto [i, v] : llvm::enumerate(yield.getResults()))
        current[i] = map.lookupOrDefault(v);
    }
    scf::YieldOp::create(b, loc, current);
  }
  // The original loop finishes the job, from where the unrolled one stopped.
  loop->setOperands(unrolled.getResults());
}

} // namespace

void unrollStreamingLoops(ModuleOp module, unsigned count) {
  SmallVector<StreamingLoop> loops;
  module.walk([&](scf::WhileOp loop) {
    if (std::optional<StreamingLoop> m = match(loop))
      loops.push_back(*m);
  });
  for (StreamingLoop &m : loops)
    unroll(m, count);
}

} // namespace hematite
