// hm-defer-checks: a failed check is reported at the next point where it must
// be, not where it fails.
//
// After hm-expand-checks every check is `cf.cond_br %ok, ^go_on, ^panic` with a
// block holding only hm.panic. Such a branch ends straight-line code: neither
// LLVM nor ptxas moves a load above it, so the loads of an unrolled loop wait
// for each other, and ptxas cannot predicate the `if` around them (transpose
// ran 1.28x nvcc's time, sgemm 2.4x, docs/benchmarks.md).
//
// Here a check only records the first failed site and its values in a pending
// state (a site number, 0 for none, and i64 slots; mem2reg makes them SSA
// values). Until the state is flushed:
//   - loads run on a harmless location when out of range (hm.slice_load's
//     `valid`, array indices clamped);
//   - stores are skipped while a site is pending (those to the thread's own
//     arrays only have their indices clamped: nothing reads them afterwards);
//   - ops whose result could be undefined on out-of-range operands (division,
//     shifts) are made safe or flush first.
// The state is flushed (a branch to the recorded site's hm.panic) before
// anything else with an effect: atomics, barriers, warp operations, a return,
// an unconditional panic, and a loop's back edge unless the loop is a small
// constant one that is unrolled fully (hm.unroll_full), so a thread never
// runs an unbounded amount of code on values read out of range.
//
// What the host sees is unchanged: the first failing check in program order is
// reported with its values, and nothing the thread would not have written
// before it is written; only when the thread stops differs.
#include "mlir-dialects/hm/hm_dialect.h"
#include "mlir-dialects/hm/transforms/passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/BitVector.h"

#include <map>

namespace hm {
#define GEN_PASS_DEF_HMDEFERCHECKS
#include "mlir-dialects/hm/HmPasses.h.inc"
} // namespace hm

using namespace mlir;

namespace {

/// A check: the branch, the block it continues in, and the panic it defers.
struct Site {
  cf::CondBranchOp branch;
  bool panicsWhenTrue;
  Block *panicBlock;
  hm::PanicOp panic;

  /// Where the thread goes on when the check holds, and with what.
  Block *next() { return panicsWhenTrue ? branch.getFalseDest() : branch.getTrueDest(); }
  OperandRange nextOperands() {
    return panicsWhenTrue ? branch.getFalseDestOperands() : branch.getTrueDestOperands();
  }
};

/// A value hm.panic reports fits an i64 slot (hm.panic takes integers, f32, f64).
bool fitsSlot(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.getWidth() <= 64;
  return t.isF32() || t.isF64();
}

/// The check's panic successor: a block of one hm.panic, reached only from here.
std::optional<Site> asSite(Operation *terminator) {
  auto branch = dyn_cast<cf::CondBranchOp>(terminator);
  if (!branch || branch.getTrueDest() == branch.getFalseDest())
    return std::nullopt;
  for (bool whenTrue : {false, true}) {
    Block *panicBlock = whenTrue ? branch.getTrueDest() : branch.getFalseDest();
    auto panic = dyn_cast<hm::PanicOp>(&panicBlock->front());
    if (!panic || panicBlock->getNumArguments() != 0 ||
        panicBlock->getSinglePredecessor() != branch->getBlock() ||
        !llvm::all_of(panic.getValues().getTypes(), fitsSlot))
      continue;
    return Site{branch, whenTrue, panicBlock, panic};
  }
  return std::nullopt;
}

bool isConstantInt(Value v, llvm::function_ref<bool(const APInt &)> pred) {
  APInt c;
  return matchPattern(v, m_ConstantInt(&c)) && pred(c);
}

/// What an op means for the pending state.
enum class Treatment {
  Run,       // harmless on any operands: runs as it is
  Guard,     // a store: skipped while a site is pending
  MakeSafe,  // runs after a rewrite (loads, private stores, shift amounts,
             // overflow flags)
  Flush,     // pending sites must be reported first
};

/// A thread's own array (a local, not shared memory): nobody else sees it, and
/// once the pending site is reported nothing of it is read.
bool isPrivate(Value memref) { return memref.getDefiningOp<memref::AllocaOp>() != nullptr; }

bool hasClampableShape(MemRefType type) {
  return type.hasStaticShape() && type.getNumElements() > 0;
}

Treatment treatmentOf(Operation *op) {
  if (auto store = dyn_cast<memref::StoreOp>(op))
    return isPrivate(store.getMemRef()) && hasClampableShape(store.getMemRefType())
               ? Treatment::MakeSafe
               : Treatment::Guard;
  if (isa<hm::SliceStoreOp>(op))
    return Treatment::Guard;
  if (isa<hm::SliceLoadOp>(op))
    return Treatment::MakeSafe;
  if (auto load = dyn_cast<memref::LoadOp>(op))
    return hasClampableShape(load.getMemRefType()) ? Treatment::MakeSafe : Treatment::Flush;
  if (isa<memref::AllocaOp>(op))
    return Treatment::Run;
  if (op->getNumRegions() != 0 || !isMemoryEffectFree(op))
    return Treatment::Flush;
  // Division by zero (and signed MIN / -1) is undefined behaviour in LLVM, not
  // just an unspecified value: only a constant divisor is safe.
  if (isa<arith::DivUIOp, arith::RemUIOp, arith::CeilDivUIOp>(op))
    return isConstantInt(op->getOperand(1), [](const APInt &c) { return !c.isZero(); })
               ? Treatment::Run
               : Treatment::Flush;
  if (isa<arith::DivSIOp, arith::RemSIOp, arith::CeilDivSIOp, arith::FloorDivSIOp>(op))
    return isConstantInt(op->getOperand(1),
                         [](const APInt &c) { return !c.isZero() && !c.isAllOnes(); })
               ? Treatment::Run
               : Treatment::Flush;
  // Out-of-range shift amounts and float-to-int conversions give poison.
  if (isa<arith::ShLIOp, arith::ShRUIOp, arith::ShRSIOp>(op)) {
    auto type = dyn_cast<IntegerType>(op->getResult(0).getType());
    if (!type)
      return Treatment::Flush;
    if (isConstantInt(op->getOperand(1),
                      [&](const APInt &c) { return c.ult(type.getWidth()); }))
      return Treatment::Run;
    return Treatment::MakeSafe;
  }
  if (isa<arith::FPToSIOp, arith::FPToUIOp>(op))
    return Treatment::Flush;
  if (auto flags = dyn_cast<arith::ArithIntegerOverflowFlagsInterface>(op))
    return flags.getOverflowAttr().getValue() == arith::IntegerOverflowFlags::none
               ? Treatment::Run
               : Treatment::MakeSafe;
  return Treatment::Run;
}

/// Whether a terminator is a loop's back edge that needs a flush: the loop is
/// not a small constant one that LLVM unrolls fully.
bool isFlushingBackEdge(Operation *terminator, DominanceInfo &dom) {
  if (terminator->hasAttr(hm::HmDialect::kUnrollFullAttrName))
    return false;
  Block *from = terminator->getBlock();
  return llvm::any_of(terminator->getSuccessors(),
                      [&](Block *to) { return dom.dominates(to, from); });
}

class Deferral {
public:
  Deferral(func::FuncOp func, SmallVector<Site> sites)
      : func(func), sites(std::move(sites)) {
    for (auto [k, site] : llvm::enumerate(this->sites))
      siteOfBranch[site.branch] = k;
    // Before any block is split: dominance is not kept up to date.
    DominanceInfo dom(func);
    for (Block &block : func.getBody())
      if (isFlushingBackEdge(block.getTerminator(), dom))
        backEdges.insert(block.getTerminator());
  }

  void run() {
    computePendingSets();
    createState();
    SmallVector<Block *> blocks;
    for (Block &block : func.getBody())
      if (pendingAtEntry.count(&block))
        blocks.push_back(&block);
    for (Block *block : blocks)
      rewriteBlock(block, pendingAtEntry[block]);
    for (Site &site : sites)
      site.panicBlock->erase();
  }

private:
  using SiteSet = llvm::BitVector;

  /// Forward dataflow: the sites that may be pending where each block starts.
  void computePendingSets() {
    SmallVector<Block *> worklist;
    Block *entry = &func.getBody().front();
    pendingAtEntry[entry] = SiteSet(sites.size());
    worklist.push_back(entry);
    while (!worklist.empty()) {
      Block *block = worklist.pop_back_val();
      SiteSet pending = pendingAtEntry[block];
      for (Operation &op : block->without_terminator())
        if (treatmentOf(&op) == Treatment::Flush)
          pending.reset();
      Operation *terminator = block->getTerminator();
      SmallVector<Block *> next;
      if (auto it = siteOfBranch.find(terminator); it != siteOfBranch.end()) {
        pending.set(it->second);
        next.push_back(sites[it->second].next());
      } else {
        llvm::append_range(next, terminator->getSuccessors());
      }
      if (flushesBefore(terminator))
        pending.reset();
      for (Block *succ : next) {
        auto [it, inserted] = pendingAtEntry.try_emplace(succ, pending);
        if (!inserted) {
          SiteSet merged = it->second;
          merged |= pending;
          if (merged == it->second)
            continue;
          it->second = merged;
        }
        worklist.push_back(succ);
      }
    }
  }

  /// Whether the state must be flushed before `terminator`: returns, panics and
  /// the back edges found before rewriting (a check's panic successor is never
  /// one, so its replacement branch keeps its answer).
  bool flushesBefore(Operation *terminator) {
    if (!isa<cf::BranchOp, cf::CondBranchOp, cf::SwitchOp>(terminator))
      return true;
    return backEdges.contains(terminator);
  }

  /// The pending site (0: none) and value slots, rank-0 allocas in the entry
  /// block that mem2reg turns into SSA values.
  void createState() {
    unsigned slots = 0;
    for (Site &site : sites)
      slots = std::max<unsigned>(slots, site.panic.getValues().size());
    OpBuilder b = OpBuilder::atBlockBegin(&func.getBody().front());
    Location loc = func.getLoc();
    siteSlot = memref::AllocaOp::create(b, loc, MemRefType::get({}, b.getI32Type()));
    for (unsigned i = 0; i < slots; ++i)
      valueSlots.push_back(memref::AllocaOp::create(b, loc, MemRefType::get({}, b.getI64Type())));
    resetState(b, loc);
  }

  void resetState(OpBuilder &b, Location loc) {
    memref::StoreOp::create(b, loc, arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0)),
                            siteSlot);
    for (Value slot : valueSlots)
      memref::StoreOp::create(b, loc, arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0)),
                              slot);
  }

  Value loadSite(OpBuilder &b, Location loc) {
    return memref::LoadOp::create(b, loc, siteSlot);
  }

  Value siteIs(OpBuilder &b, Location loc, int32_t number) {
    Value k = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(number));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, loadSite(b, loc), k);
  }

  void rewriteBlock(Block *block, SiteSet pending) {
    SmallVector<Operation *> ops;
    for (Operation &op : block->without_terminator())
      ops.push_back(&op);
    Block *current = block;
    for (Operation *op : ops) {
      if (pending.none())
        continue;
      switch (treatmentOf(op)) {
      case Treatment::Run:
        break;
      case Treatment::MakeSafe:
        makeSafe(op);
        break;
      case Treatment::Guard:
        current = guard(op);
        break;
      case Treatment::Flush:
        current = flushBefore(op, pending);
        pending.reset();
        break;
      }
    }
    Operation *terminator = current->getTerminator();
    bool flushes = flushesBefore(terminator);
    if (auto it = siteOfBranch.find(terminator); it != siteOfBranch.end()) {
      terminator = deferCheck(it->second);
      pending.set(it->second);
    }
    if (pending.any() && flushes)
      flushBefore(terminator, pending);
  }

  /// Records site `k` as pending if it fails and none is, and continues.
  Operation *deferCheck(unsigned k) {
    Site &site = sites[k];
    OpBuilder b(site.branch);
    Location loc = site.branch.getLoc();
    Value cond = site.branch.getCondition();
    Value fails = site.panicsWhenTrue
                      ? cond
                      : arith::XOrIOp::create(b, loc, cond,
                                              arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
    Value first = arith::AndIOp::create(b, loc, fails, siteIs(b, loc, 0));
    Value number = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(int32_t(k + 1)));
    memref::StoreOp::create(b, loc,
                            arith::SelectOp::create(b, loc, first, number, loadSite(b, loc)),
                            siteSlot);
    for (auto [i, value] : llvm::enumerate(site.panic.getValues())) {
      Value old = memref::LoadOp::create(b, loc, valueSlots[i]);
      memref::StoreOp::create(b, loc, arith::SelectOp::create(b, loc, first, toSlot(b, loc, value), old),
                              valueSlots[i]);
    }
    auto br = cf::BranchOp::create(b, loc, site.next(), site.nextOperands());
    if (Attribute unroll = site.branch->getAttr(hm::HmDialect::kUnrollFullAttrName))
      br->setAttr(hm::HmDialect::kUnrollFullAttrName, unroll);
    site.branch.erase();
    return br;
  }

  Value toSlot(OpBuilder &b, Location loc, Value v) {
    Type i64 = b.getI64Type();
    if (v.getType().isF32())
      v = arith::BitcastOp::create(b, loc, b.getI32Type(), v);
    else if (v.getType().isF64())
      return arith::BitcastOp::create(b, loc, i64, v);
    if (v.getType() == i64)
      return v;
    return arith::ExtUIOp::create(b, loc, i64, v);
  }

  Value fromSlot(OpBuilder &b, Location loc, Value slot, Type t) {
    if (t.isF64())
      return arith::BitcastOp::create(b, loc, t, slot);
    Type bits = t.isF32() ? b.getI32Type() : t;
    Value v = bits == slot.getType() ? slot : arith::TruncIOp::create(b, loc, bits, slot);
    return t.isF32() ? Value(arith::BitcastOp::create(b, loc, t, v)) : v;
  }

  void makeSafe(Operation *op) {
    OpBuilder b(op);
    Location loc = op->getLoc();
    if (auto load = dyn_cast<hm::SliceLoadOp>(op)) {
      Value len = hm::SliceLenOp::create(b, loc, load.getSlice());
      load.getValidMutable().assign(
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, load.getIndex(), len));
      return;
    }
    // Array accesses: clamping keeps an out-of-range index inside the array;
    // in range it is the identity. (A private store then writes a value that
    // is never read: the pending site is reported first.)
    auto clamp = [&](MemRefType type, MutableOperandRange indices) {
      ArrayRef<int64_t> shape = type.getShape();
      for (unsigned i = 0; i < indices.size(); ++i) {
        Value index = indices[i].get();
        if (matchPattern(index, m_Constant()))
          continue;
        Value last = arith::ConstantIndexOp::create(b, loc, shape[i] - 1);
        indices[i].assign(arith::MinUIOp::create(b, loc, index, last));
      }
    };
    if (auto load = dyn_cast<memref::LoadOp>(op))
      return clamp(load.getMemRefType(), load.getIndicesMutable());
    if (auto store = dyn_cast<memref::StoreOp>(op))
      return clamp(store.getMemRefType(), store.getIndicesMutable());
    if (isa<arith::ShLIOp, arith::ShRUIOp, arith::ShRSIOp>(op)) {
      // In range the mask changes nothing (the shift's own check is deferred).
      Type t = op->getResult(0).getType();
      Value mask = arith::ConstantOp::create(
          b, loc, b.getIntegerAttr(t, t.getIntOrFloatBitWidth() - 1));
      op->setOperand(1, arith::AndIOp::create(b, loc, op->getOperand(1), mask));
      return;
    }
    // Overflow flags make a wrapped result poison.
    auto flags = cast<arith::ArithIntegerOverflowFlagsInterface>(op);
    op->setAttr(flags.getIntegerOverflowAttrName(),
                arith::IntegerOverflowFlagsAttr::get(op->getContext(),
                                                     arith::IntegerOverflowFlags::none));
  }

  /// Runs store `op` only while no site is pending; returns the block after it.
  Block *guard(Operation *op) {
    Block *before = op->getBlock();
    Block *store = before->splitBlock(op);
    Block *after = store->splitBlock(op->getNextNode());
    OpBuilder b = OpBuilder::atBlockEnd(before);
    Location loc = op->getLoc();
    cf::CondBranchOp::create(b, loc, siteIs(b, loc, 0), store, after);
    b.setInsertionPointToEnd(store);
    cf::BranchOp::create(b, loc, after);
    return after;
  }

  /// Branches to the pending site's panic before `op`; returns op's block.
  Block *flushBefore(Operation *op, const SiteSet &pending) {
    Block *before = op->getBlock();
    Block *rest = before->splitBlock(op);
    OpBuilder b = OpBuilder::atBlockEnd(before);
    Location loc = op->getLoc();
    Value none = siteIs(b, loc, 0);
    cf::CondBranchOp::create(b, loc, none, rest, dispatch(pending));
    // Past a flush nothing is pending: say so with constants, so the checks
    // that follow do not depend on what came before (LLVM then hoists the
    // state updates of loop-invariant checks out of their loop).
    b.setInsertionPointToStart(rest);
    resetState(b, loc);
    return rest;
  }

  /// A chain of site tests ending in the panics of `pending` (one chain per
  /// set: flushes with the same pending sites share it).
  Block *dispatch(const SiteSet &pending) {
    std::vector<unsigned> members;
    for (unsigned k : pending.set_bits())
      members.push_back(k);
    if (Block *known = dispatchBlocks[members])
      return known;
    Block *target = panicFor(members.back());
    for (auto k = members.rbegin() + 1; k != members.rend(); ++k) {
      Block *test = new Block();
      func.getBody().push_back(test);
      OpBuilder b = OpBuilder::atBlockEnd(test);
      Location loc = sites[*k].panic.getLoc();
      cf::CondBranchOp::create(b, loc, siteIs(b, loc, int32_t(*k + 1)), panicFor(*k), target);
      target = test;
    }
    return dispatchBlocks[members] = target;
  }

  /// Site k's panic, with its values read back from the slots.
  Block *panicFor(unsigned k) {
    if (Block *known = panicBlocks[k])
      return known;
    hm::PanicOp original = sites[k].panic;
    Block *block = new Block();
    func.getBody().push_back(block);
    OpBuilder b = OpBuilder::atBlockEnd(block);
    Location loc = original.getLoc();
    SmallVector<Value> values;
    for (auto [i, value] : llvm::enumerate(original.getValues()))
      values.push_back(fromSlot(b, loc, memref::LoadOp::create(b, loc, valueSlots[i]),
                                value.getType()));
    auto panic = cast<hm::PanicOp>(b.clone(*original));
    panic->setOperands(values);
    return panicBlocks[k] = block;
  }

  func::FuncOp func;
  SmallVector<Site> sites;
  DenseSet<Operation *> backEdges;
  DenseMap<Operation *, unsigned> siteOfBranch;
  DenseMap<Block *, SiteSet> pendingAtEntry;
  Value siteSlot;
  SmallVector<Value> valueSlots;
  std::map<std::vector<unsigned>, Block *> dispatchBlocks;
  DenseMap<unsigned, Block *> panicBlocks;
};

struct DeferChecks : hm::impl::HmDeferChecksBase<DeferChecks> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<Site> sites;
    for (Block &block : func.getBody())
      if (std::optional<Site> site = asSite(block.getTerminator()))
        sites.push_back(*site);
    if (sites.empty())
      return;
    Deferral(func, std::move(sites)).run();
  }
};

} // namespace
