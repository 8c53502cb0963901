// hm-version-checks: decide a kernel's bounds checks once, at its start.
//
// The hm-level counterpart of backends/llvm_common/check_versioning.cpp, for
// backends that do not go through LLVM (SPIR-V). There, each check is a
// selection whose panic path leaves the loop nest through flags, which keeps
// the driver's compiler from unrolling loops and from keeping a thread's
// arrays in registers (docs/benchmarks.md: sgemm 32x glslang's time).
//
// For each check `cf.cond_br (i < len), ^ok, ^panic` (^panic: just hm.panic),
// this pass computes at the kernel's start an upper bound of `i` from the
// kernel's parameters and thread indices: sums, products, quotients and
// remainders bound term by term (overflow-checked), a loop counter `c` by
// `n - 1` where the loop's header has tested `c < n`. If every bound is below
// its length, the kernel runs a copy of its body without those checks;
// otherwise the original body, every check in place, so a failing program
// panics where and with what it did before.
//
// Vulkan requires barriers and subgroup operations in uniform control flow:
// in a kernel that has them, the bounds do not depend on which thread computes
// them (a thread index is bounded by the block size, the global index by the
// grid's), so every thread of a workgroup takes the same copy.
#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

namespace hm {
#define GEN_PASS_DEF_HMVERSIONCHECKS
#include "mlir-dialects/hm/HmPasses.h.inc"
} // namespace hm

using namespace mlir;

namespace {

/// True if `block` can run again after itself: it is in a loop.
bool isInLoop(Block *block) {
  SmallVector<Block *> work(block->getSuccessors());
  DenseSet<Block *> reached;
  while (!work.empty()) {
    Block *next = work.pop_back_val();
    if (next == block)
      return true;
    if (reached.insert(next).second)
      llvm::append_range(work, next->getSuccessors());
  }
  return false;
}

/// `cf.cond_br %c, ^a, ^b` where one successor holds only hm.panic.
struct Check {
  cf::CondBranchOp branch;
  bool okWhenTrue;
};

bool isPanicBlock(Block *block) {
  return block->getNumArguments() == 0 && isa<hm::PanicOp>(block->front());
}

/// Builds, in a detached block, values computed from the kernel's arguments
/// only: exact copies of loop-invariant expressions, and upper bounds of
/// values that change. Overflow of the bound arithmetic is or-ed into
/// `overflow`.
class Bounds {
public:
  /// `uniform`: bounds may not depend on which thread of the workgroup
  /// computes them (a thread index is bounded by the block size), so that every
  /// thread reaches the same decision.
  Bounds(OpBuilder &b, DominanceInfo &dom, Block *entry, bool uniform)
      : b(b), dom(dom), entry(entry), uniform(uniform) {}

  /// `v` computed again at the kernel's start, or null.
  Value exact(Value v, unsigned depth = 0) {
    if (auto it = exactMemo.find(v); it != exactMemo.end())
      return it->second;
    Value result;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() == entry)
        result = v;
    } else if (Operation *op = v.getDefiningOp();
               op && depth < 32 && op->getNumRegions() == 0 && op->getNumResults() == 1 &&
               isPure(op) &&
               !(uniform && isa<hm::ThreadIdOp, hm::LaneIdOp, hm::GlobalIdOp>(op))) {
      IRMapping map;
      bool ok = true;
      for (Value operand : op->getOperands()) {
        Value e = exact(operand, depth + 1);
        if (!e) {
          ok = false;
          break;
        }
        map.map(operand, e);
      }
      if (ok)
        result = b.clone(*op, map)->getResult(0);
    }
    exactMemo[v] = result;
    return result;
  }

  /// An upper bound (unsigned) of every value `v` takes where `at` runs, or null.
  Value upper(Value v, Block *at, unsigned depth = 0) {
    if (Value e = exact(v))
      return e;
    if (depth > 24 || !v.getType().isSignlessInteger())
      return nullptr;
    if (auto arg = dyn_cast<BlockArgument>(v))
      return upperOfBlockArgument(arg, at, depth);
    Operation *op = v.getDefiningOp();
    Location loc = op->getLoc();
    auto up = [&](unsigned i) { return upper(op->getOperand(i), at, depth + 1); };
    if (auto id = dyn_cast<hm::ThreadIdOp>(op)) // < block size (>= 1)
      return minusOne(hm::BlockDimOp::create(b, loc, id.getDim()));
    if (isa<hm::LaneIdOp>(op))
      return minusOne(hm::WarpSizeOp::create(b, loc));
    if (auto id = dyn_cast<hm::GlobalIdOp>(op)) { // < grid size * block size
      auto wide = [&](Value x) { return arith::ExtUIOp::create(b, loc, b.getI64Type(), x); };
      return minusOne(arith::MulIOp::create(b, loc, wide(hm::GridDimOp::create(b, loc, id.getDim())),
                                            wide(hm::BlockDimOp::create(b, loc, id.getDim()))));
    }
    if (isa<arith::AddIOp, arith::MulIOp>(op)) {
      Value x = up(0), y = x ? up(1) : nullptr;
      if (!y)
        return nullptr;
      if (isa<arith::AddIOp>(op)) {
        auto sum = arith::AddUIExtendedOp::create(b, loc, x, y);
        noteOverflow(sum.getOverflow());
        return sum.getSum();
      }
      auto product = arith::MulUIExtendedOp::create(b, loc, x, y);
      noteOverflow(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, product.getHigh(),
                                         constant(x, 0, loc)));
      return product.getLow();
    }
    if (isa<arith::DivUIOp, arith::RemUIOp>(op)) {
      // The divisor must be known at the start; x / d <= upper(x) / d, x % d < d.
      Value d = exact(op->getOperand(1));
      if (!d)
        return nullptr;
      Value isZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, d, constant(d, 0, loc));
      noteOverflow(isZero);
      Value safe = arith::SelectOp::create(b, loc, isZero, constant(d, 1, loc), d);
      if (isa<arith::RemUIOp>(op))
        return minusOne(safe);
      Value x = up(0);
      return x ? arith::DivUIOp::create(b, loc, x, safe).getResult() : nullptr;
    }
    if (auto ext = dyn_cast<arith::ExtUIOp>(op)) {
      Value x = up(0);
      return x ? arith::ExtUIOp::create(b, loc, ext.getType(), x).getResult() : nullptr;
    }
    if (isa<arith::AndIOp>(op)) {
      // x & y <= y
      for (unsigned i = 0; i < 2; ++i)
        if (Value e = exact(op->getOperand(i)))
          return e;
      return up(0);
    }
    if (isa<arith::MaxUIOp, arith::MinUIOp, arith::SelectOp>(op)) {
      unsigned first = isa<arith::SelectOp>(op) ? 1 : 0;
      Value x = up(first), y = x ? up(first + 1) : nullptr;
      if (!y)
        return nullptr;
      if (isa<arith::MinUIOp>(op))
        return arith::MinUIOp::create(b, loc, x, y);
      return arith::MaxUIOp::create(b, loc, x, y);
    }
    return nullptr;
  }

  Value overflow;

private:
  Value constant(Value like, uint64_t c, Location loc) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(like.getType(), c));
  }

  Value minusOne(Value x) {
    return arith::SubIOp::create(b, x.getLoc(), x, constant(x, 1, x.getLoc()));
  }

  /// n - 1, or 0 where n is 0 (a loop `c < 0` never runs its body: any bound
  /// is right).
  Value lastBelow(Value n, Location loc) {
    Value zero = constant(n, 0, loc);
    Value empty = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, n, zero);
    return arith::SelectOp::create(b, loc, empty, zero, minusOne(n));
  }

  /// The last of first, first + step, ... that is at most `limit` (first if
  /// the step is 0), for first <= limit.
  Value lastOnSteps(Value first, Value step, Value limit, Location loc) {
    Value stepIsZero =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, step, constant(step, 0, loc));
    Value safe = arith::SelectOp::create(b, loc, stepIsZero, constant(step, 1, loc), step);
    Value steps = arith::DivUIOp::create(b, loc, arith::SubIOp::create(b, loc, limit, first), safe);
    Value last = arith::AddIOp::create(b, loc, first, arith::MulIOp::create(b, loc, steps, safe));
    return arith::SelectOp::create(b, loc, stepIsZero, first, last);
  }

  /// What the edge from the predecessor at `it` passes to `arg`; null if
  /// unknown.
  static Value incoming(Block::pred_iterator it, BlockArgument arg) {
    auto branch = dyn_cast<BranchOpInterface>((*it)->getTerminator());
    return branch ? branch.getSuccessorOperands(it.getSuccessorIndex())[arg.getArgNumber()]
                  : Value();
  }

  Value upperOfBlockArgument(BlockArgument arg, Block *at, unsigned depth) {
    Block *block = arg.getOwner();
    Location loc = arg.getLoc();
    bool header = llvm::any_of(block->getPredecessors(),
                               [&](Block *pred) { return dom.dominates(block, pred); });
    if (header) {
      if (Value v = upperOfSteppedCounter(arg, depth))
        return v;
      // `while c < n`: where the body runs, c <= n - 1.
      auto br = dyn_cast<cf::CondBranchOp>(block->getTerminator());
      auto cmp = br ? br.getCondition().getDefiningOp<arith::CmpIOp>() : nullptr;
      if (!cmp || cmp.getPredicate() != arith::CmpIPredicate::ult || cmp.getLhs() != arg)
        return nullptr;
      // The body is entered from outside its own loops only through the true
      // edge (it may head an inner loop: its other predecessors are then
      // back edges, which it dominates).
      Block *body = br.getTrueDest();
      if (body == block || br.getFalseDest() == body || !dom.dominates(body, at) ||
          llvm::any_of(body->getPredecessors(), [&](Block *pred) {
            return pred != block && !dom.dominates(body, pred);
          }))
        return nullptr;
      Value n = upper(cmp.getRhs(), at, depth + 1);
      if (!n)
        return nullptr;
      Value lastBound = lastBelow(n, loc);
      // c = first, first + s, ...: the last one below n (sgemm's kt < k
      // stepping by 16: k - 16, not k - 1).
      auto [first, step] = counterStartAndStep(arg);
      if (!first)
        return lastBound;
      // first > n - 1: the body never runs, and no bound is wrong. If c + s
      // could wrap below n - 1, c need not stay on first's steps: keep n - 1.
      Value never = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, first, lastBound);
      Value wraps = arith::AddUIExtendedOp::create(b, loc, lastBound, step).getOverflow();
      Value loose = arith::OrIOp::create(b, loc, never, wraps);
      return arith::SelectOp::create(b, loc, loose, lastBound,
                                     lastOnSteps(first, step, lastBound, loc));
    }
    // A merge: the greatest of what every predecessor passes.
    if (!visiting.insert(arg).second)
      return nullptr;
    Value result;
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      Value in = incoming(it, arg);
      Value u = in ? upper(in, at, depth + 1) : nullptr;
      if (!u) {
        result = nullptr;
        break;
      }
      result = result ? arith::MaxUIOp::create(b, loc, result, u).getResult() : u;
    }
    visiting.erase(arg);
    return result;
  }

  /// A loop counter's first value and step, when both are known at the
  /// kernel's start: one entry edge passes `first`, every back edge `c + step`.
  std::pair<Value, Value> counterStartAndStep(BlockArgument arg) {
    Block *block = arg.getOwner();
    Value first, step;
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      Value in = incoming(it, arg);
      if (!in)
        return {};
      if (!dom.dominates(block, *it)) {
        if (first)
          return {};
        first = exact(in);
        if (!first)
          return {};
        continue;
      }
      auto next = in.getDefiningOp<arith::AddIOp>();
      Value s = next && next.getLhs() == arg ? exact(next.getRhs()) : Value();
      if (!s || (step && s != step))
        return {};
      step = s;
    }
    if (!first || !step)
      return {};
    return {first, step};
  }

  /// `for k in (a..b).step_by(s)` as MLIRGen writes it: the back edge
  /// passes k + s only when `last - k >= s`, so every k is at most `last`,
  /// provided the first one is (checked with the bounds).
  Value upperOfSteppedCounter(BlockArgument arg, unsigned depth) {
    Block *block = arg.getOwner();
    Value last;
    SmallVector<Value> entries;
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      Value in = incoming(it, arg);
      if (!in)
        return nullptr;
      if (!dom.dominates(block, *it)) {
        entries.push_back(in);
        continue;
      }
      auto br = dyn_cast<cf::CondBranchOp>((*it)->getTerminator());
      auto cmp = br ? br.getCondition().getDefiningOp<arith::CmpIOp>() : nullptr;
      auto left = cmp ? cmp.getLhs().getDefiningOp<arith::SubIOp>() : nullptr;
      auto next = in.getDefiningOp<arith::AddIOp>();
      if (!br || br.getTrueDest() != block || br.getFalseDest() == block || !cmp ||
          cmp.getPredicate() != arith::CmpIPredicate::uge || !left || left.getRhs() != arg ||
          !next || next.getLhs() != arg || next.getRhs() != cmp.getRhs())
        return nullptr;
      Value l = exact(left.getLhs());
      if (!l || (last && l != last))
        return nullptr;
      last = l;
    }
    if (!last || entries.empty())
      return nullptr;
    Location loc = arg.getLoc();
    for (Value entry : entries) {
      Value first = upper(entry, block, depth + 1);
      if (!first)
        return nullptr;
      noteOverflow(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, first, last));
    }
    // With the first k and the step known: 24, not 31, for (0..32).step_by(8).
    if (auto [first, step] = counterStartAndStep(arg); first)
      return lastOnSteps(first, step, last, loc);
    return last;
  }

  void noteOverflow(Value flag) {
    overflow = overflow ? arith::OrIOp::create(b, flag.getLoc(), overflow, flag).getResult()
                        : flag;
  }

  OpBuilder &b;
  DominanceInfo &dom;
  Block *entry;
  bool uniform;
  DenseMap<Value, Value> exactMemo;
  DenseSet<Value> visiting;
};

/// The condition, computed at the kernel's start, under which `check` passes
/// wherever it runs; null if there is none.
Value hoist(Check check, Bounds &bounds, OpBuilder &b) {
  auto cmp = check.branch.getCondition().getDefiningOp<arith::CmpIOp>();
  if (!cmp || !cmp.getLhs().getType().isSignlessInteger())
    return nullptr;
  arith::CmpIPredicate pred =
      check.okWhenTrue ? cmp.getPredicate() : arith::invertPredicate(cmp.getPredicate());
  Block *at = check.branch->getBlock();
  Location loc = cmp.getLoc();
  Value saved = bounds.overflow;
  bounds.overflow = nullptr;
  Value ok;
  if (pred == arith::CmpIPredicate::ult || pred == arith::CmpIPredicate::ugt) {
    Value index = pred == arith::CmpIPredicate::ult ? cmp.getLhs() : cmp.getRhs();
    Value len = pred == arith::CmpIPredicate::ult ? cmp.getRhs() : cmp.getLhs();
    Value lenAtStart = bounds.exact(len);
    Value indexBound = lenAtStart ? bounds.upper(index, at) : nullptr;
    if (indexBound)
      ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, indexBound, lenAtStart);
  } else {
    Value x = bounds.exact(cmp.getLhs()), y = x ? bounds.exact(cmp.getRhs()) : nullptr;
    if (y)
      ok = arith::CmpIOp::create(b, loc, pred, x, y);
  }
  if (ok && bounds.overflow) {
    Value fine = arith::XOrIOp::create(
        b, loc, bounds.overflow,
        arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
    ok = arith::AndIOp::create(b, loc, ok, fine);
  }
  bounds.overflow = saved;
  return ok;
}

struct VersionChecks : hm::impl::HmVersionChecksBase<VersionChecks> {
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    Region &body = fn.getBody();
    if (body.empty() || body.hasOneBlock())
      return;
    Block *oldEntry = &body.front();
    SmallVector<Check> checks;
    bool collective = false;
    fn.walk([&](Operation *op) {
      if (isa<hm::BarrierOp, hm::ShuffleOp, hm::BallotOp>(op))
        collective = true;
      auto br = dyn_cast<cf::CondBranchOp>(op);
      if (!br)
        return;
      bool panicTrue = isPanicBlock(br.getTrueDest()), panicFalse = isPanicBlock(br.getFalseDest());
      if (panicTrue != panicFalse)
        checks.push_back({br, panicFalse});
    });
    if (checks.empty())
      return;

    // The conditions go into a detached block first: if they are not worth a
    // copy, nothing changes.
    DominanceInfo dom(fn);
    auto scratch = std::make_unique<Block>();
    OpBuilder b(fn.getContext());
    b.setInsertionPointToEnd(scratch.get());
    Bounds bounds(b, dom, oldEntry, /*uniform=*/collective);
    SmallVector<std::pair<Check, Value>> hoisted;
    for (Check check : checks)
      if (Value ok = hoist(check, bounds, b))
        hoisted.push_back({check, ok});

    // One check outside loops decided up front costs what it costs in place;
    // one in a loop is paid on every iteration.
    if (hoisted.size() < 2 &&
        !llvm::any_of(hoisted, [](auto &h) { return isInLoop(h.first.branch->getBlock()); })) {
      for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*scratch)))
        op.erase();
      return;
    }
    Location loc = fn.getLoc();
    Value allOk = hoisted.front().second;
    for (auto &[check, ok] : llvm::drop_begin(hoisted))
      allOk = arith::AndIOp::create(b, loc, allOk, ok);

    // Workgroup memory is allocated once for both copies.
    for (Operation &op : llvm::make_early_inc_range(*oldEntry))
      if (auto alloc = dyn_cast<memref::AllocOp>(&op);
          alloc && alloc->getNumOperands() == 0)
        alloc->moveBefore(scratch.get(), scratch->begin());

    // The copy without the checks.
    IRMapping map;
    Region copy;
    body.cloneInto(&copy, map);
    Block *copyEntry = &copy.front();
    body.getBlocks().splice(body.end(), copy.getBlocks());

    // A new entry block, with the kernel's arguments, chooses between them.
    Block *entry = new Block();
    body.push_front(entry);
    for (BlockArgument arg : oldEntry->getArguments())
      entry->addArgument(arg.getType(), arg.getLoc());
    for (auto [from, to] : llvm::zip(oldEntry->getArguments(), entry->getArguments()))
      from.replaceAllUsesWith(to);
    for (auto [from, to] : llvm::zip(copyEntry->getArguments(), entry->getArguments()))
      from.replaceAllUsesWith(to);
    oldEntry->eraseArguments(0, oldEntry->getNumArguments());
    copyEntry->eraseArguments(0, copyEntry->getNumArguments());
    entry->getOperations().splice(entry->end(), scratch->getOperations());

    b.setInsertionPointToEnd(entry);
    cf::CondBranchOp::create(b, loc, allOk, map.lookup(oldEntry), oldEntry);

    for (auto &[check, ok] : hoisted) {
      auto br = cast<cf::CondBranchOp>(map.lookup(check.branch.getOperation()));
      OpBuilder at(br);
      if (check.okWhenTrue)
        cf::BranchOp::create(at, br.getLoc(), br.getTrueDest(), br.getTrueDestOperands());
      else
        cf::BranchOp::create(at, br.getLoc(), br.getFalseDest(), br.getFalseDestOperands());
      br.erase();
    }
    IRRewriter rewriter(fn.getContext());
    (void)eraseUnreachableBlocks(rewriter, body);
  }
};

} // namespace
