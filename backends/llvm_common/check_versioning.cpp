// Check versioning: loops whose bounds checks are decided before they start.
//
// A bounds check in a loop is a branch to a panic path that leaves the loop.
// ptxas cannot move a load above it, and LLVM neither unrolls nor if-converts
// across it well (docs/benchmarks.md, "Why ours is slower"). Most checks in
// GPU kernels pass or fail for reasons fixed before the loop starts: their
// index is a sum, product or quotient of loop-invariant values and induction
// variables whose trip counts scalar evolution knows. For each such check this
// pass computes, in the loop's preheader, an upper bound of every value the
// index takes in the loop (with the arithmetic's own overflow checked), and
// compares it with the length. If every hoisted check passes, the loop runs in
// a copy without them; otherwise the original loop runs, every check in place,
// so a failing program still panics at its first failing check with that
// check's values. This is loop versioning, as JVMs eliminate range checks with
// a slow path. (LLVM's LoopVersioning utility needs a single exit; checks add
// exits. LLVM's unswitching does not clone loops on divergent conditions.)
//
// It runs early in LLVM's pipeline, before loops are unrolled, so a loop such
// as `for k in (0..32).step_by(8)` is versioned once and then unrolled in
// both copies. A kernel without loops gets the same for two or more checks
// whose conditions can be computed in its entry block (stencil's neighbours).
// The SPIR-V backend's counterpart is hm-version-checks
// (mlir-dialects/hm/transforms/version_checks.cpp).
//
// Threads of one block may take different copies. A loop with a barrier or a
// warp collective is versioned only if the target can make that call safe for
// threads that meet at different copies of it (on NVIDIA, barriers without
// `.aligned`); see LlvmTargetInfo::divergenceSafeCallee.
#include "backends/llvm_common/check_versioning.h"

#include "backends/common/kernel_metadata.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

namespace hematite {

/// The first block of a panic path claims the panic record
/// (gpu_ops_to_llvm.cpp, PanicLowering).
bool isPanicBlock(const BasicBlock *block) {
  for (const Instruction &inst : *block)
    if (auto *cas = dyn_cast<AtomicCmpXchgInst>(&inst))
      if (auto *record = dyn_cast<GlobalVariable>(
              cas->getPointerOperand()->stripPointerCasts()))
        if (record->getName() == kPanicRecordSymbol)
          return true;
  return false;
}

namespace {

/// `br %c, %continue, %panic` (or with the successors swapped).
struct Check {
  BranchInst *branch;
  unsigned okSuccessor;
};

/// Upper bounds, over every iteration of `loop`, of integer SCEV expressions,
/// emitted as IR before the preheader's terminator. Each bound is the value of
/// a monotone expression at the largest values of its operands; the unsigned
/// overflow of that arithmetic goes into `overflow` (the bound is then no
/// bound, and the check is not taken as passed).
class BoundBuilder {
public:
  BoundBuilder(ScalarEvolution &se, const Loop &loop, const BasicBlock *checkBlock,
               SCEVExpander &expander, IRBuilder<> &b)
      : se(se), loop(loop), checkBlock(checkBlock), expander(expander), b(b) {}

  /// A loop-invariant expression's value, or null if it cannot be computed
  /// before the loop.
  Value *exact(const SCEV *s) {
    Instruction *at = &*b.GetInsertPoint();
    if (!se.isLoopInvariant(s, &loop) || !expander.isSafeToExpandAt(s, at))
      return nullptr;
    return expander.expandCodeFor(s, s->getType(), at);
  }

  Value *upper(const SCEV *s, unsigned depth = 0) {
    if (Value *v = exact(s))
      return v;
    if (depth > 16)
      return rangeMax(s);
    switch (s->getSCEVType()) {
    case scAddExpr:
    case scMulExpr: {
      bool add = s->getSCEVType() == scAddExpr;
      Value *acc = nullptr;
      for (const SCEV *op : cast<SCEVNAryExpr>(s)->operands()) {
        Value *v = upper(op, depth + 1);
        acc = !acc ? v : withOverflow(add ? Intrinsic::uadd_with_overflow
                                          : Intrinsic::umul_with_overflow,
                                      acc, v);
      }
      return acc;
    }
    case scAddRecExpr: {
      // {start, +, step} takes start + step * i in iteration i: at most
      // upper(start) + upper(step) * (the last iteration the check runs in).
      auto *rec = cast<SCEVAddRecExpr>(s);
      if (!rec->isAffine() || !loop.contains(rec->getLoop()))
        return rangeMax(s);
      if (Value *v = boundFromExitTest(rec, depth))
        return v;
      Value *last = lastIteration(rec->getLoop(), s->getType(), depth);
      if (!last)
        return rangeMax(s);
      Value *start = upper(rec->getStart(), depth + 1);
      Value *step = upper(rec->getStepRecurrence(se), depth + 1);
      return withOverflow(Intrinsic::uadd_with_overflow, start,
                          withOverflow(Intrinsic::umul_with_overflow, step, last));
    }
    case scZeroExtend: {
      const SCEV *op = cast<SCEVZeroExtendExpr>(s)->getOperand();
      return b.CreateZExt(upper(op, depth + 1), s->getType());
    }
    case scUDivExpr: {
      auto *div = cast<SCEVUDivExpr>(s);
      auto *rhs = dyn_cast<SCEVConstant>(div->getRHS());
      if (!rhs || rhs->getValue()->isZero())
        return rangeMax(s);
      return b.CreateUDiv(upper(div->getLHS(), depth + 1), rhs->getValue());
    }
    case scUMaxExpr:
    case scUMinExpr:
    case scSequentialUMinExpr: {
      // umin's bound is the least of its operands' bounds, umax's the greatest.
      Intrinsic::ID id = s->getSCEVType() == scUMaxExpr ? Intrinsic::umax : Intrinsic::umin;
      Value *acc = nullptr;
      for (const SCEV *op : cast<SCEVNAryExpr>(s)->operands()) {
        Value *v = upper(op, depth + 1);
        acc = !acc ? v : b.CreateBinaryIntrinsic(id, acc, v);
      }
      return acc;
    }
    default:
      return rangeMax(s);
    }
  }

  Value *overflow = nullptr;

private:
  /// `while c < n { ...; c += step }` with a step not known at compile time:
  /// where the loop's header has not left, c < n, so c <= n - 1. (The trip
  /// count would need a 64-bit division by the step, which costs more than a
  /// GPU thread's share of a memory-bound loop; with a constant step it is a
  /// shift, and tighter when the step does not divide n.)
  Value *boundFromExitTest(const SCEVAddRecExpr *rec, unsigned depth) {
    const Loop *recLoop = rec->getLoop();
    BasicBlock *header = recLoop->getHeader();
    if (isa<SCEVConstant>(rec->getStepRecurrence(se)) || !recLoop->contains(checkBlock) ||
        checkBlock == header)
      return nullptr;
    auto *br = dyn_cast<BranchInst>(header->getTerminator());
    if (!br || !br->isConditional() || !recLoop->contains(br->getSuccessor(0)) ||
        recLoop->contains(br->getSuccessor(1)))
      return nullptr;
    auto *cmp = dyn_cast<ICmpInst>(br->getCondition());
    if (!cmp || cmp->getPredicate() != CmpInst::ICMP_ULT)
      return nullptr;
    // The tested c is {c0, +, step}; rec (say base + c) is c + (rec0 - c0).
    auto *tested = dyn_cast<SCEVAddRecExpr>(se.getSCEV(cmp->getOperand(0)));
    const SCEV *limit = se.getSCEV(cmp->getOperand(1));
    if (!tested || tested->getLoop() != recLoop || !tested->isAffine() ||
        tested->getType() != rec->getType() ||
        tested->getStepRecurrence(se) != rec->getStepRecurrence(se) ||
        !se.isLoopInvariant(limit, recLoop))
      return nullptr;
    Value *n = upper(limit, depth + 1);
    Type *type = n->getType();
    Value *zero = ConstantInt::get(type, 0);
    Value *last = b.CreateSelect(b.CreateICmpEQ(n, zero), zero, b.CreateSub(n, ConstantInt::get(type, 1)));
    const SCEV *offset = se.getMinusSCEV(rec->getStart(), tested->getStart());
    if (offset->isZero())
      return last;
    return withOverflow(Intrinsic::uadd_with_overflow, upper(offset, depth + 1), last);
  }

  /// An upper bound of the iterations of `rec` (0-based) in which the check
  /// block runs, as `type`; null if unknown. The backedge-taken count bounds
  /// every iteration; a block that the header must not leave from runs only
  /// in the iterations before the header's exit is taken.
  Value *lastIteration(const Loop *rec, Type *type, unsigned depth) {
    auto fits = [&](const SCEV *n) {
      return !isa<SCEVCouldNotCompute>(n) &&
             n->getType()->getIntegerBitWidth() <= type->getIntegerBitWidth();
    };
    BasicBlock *header = rec->getHeader();
    if (rec->contains(checkBlock) && checkBlock != header && rec->isLoopExiting(header)) {
      const SCEV *exits = se.getExitCount(rec, header, ScalarEvolution::SymbolicMaximum);
      if (fits(exits)) {
        Value *n = b.CreateZExt(upper(exits, depth + 1), type);
        Value *zero = ConstantInt::get(type, 0);
        // n == 0: the block never runs; 0 is as good a bound as any.
        return b.CreateSelect(b.CreateICmpEQ(n, zero), zero,
                              b.CreateSub(n, ConstantInt::get(type, 1)));
      }
    }
    const SCEV *taken = se.getSymbolicMaxBackedgeTakenCount(rec);
    if (!fits(taken))
      return nullptr;
    return b.CreateZExt(upper(taken, depth + 1), type);
  }

  /// What scalar evolution knows of every value of `s` (range metadata on
  /// thread indices, `urem` by a constant as a truncation, ...).
  Value *rangeMax(const SCEV *s) {
    return ConstantInt::get(s->getType(), se.getUnsignedRangeMax(s));
  }

  Value *withOverflow(Intrinsic::ID id, Value *x, Value *y) {
    auto *cx = dyn_cast<ConstantInt>(x), *cy = dyn_cast<ConstantInt>(y);
    if (cx && cy) {
      bool ov = false;
      APInt r = id == Intrinsic::uadd_with_overflow ? cx->getValue().uadd_ov(cy->getValue(), ov)
                                                    : cx->getValue().umul_ov(cy->getValue(), ov);
      if (ov)
        noteOverflow(b.getTrue());
      return ConstantInt::get(x->getType(), r);
    }
    Value *pair = b.CreateBinaryIntrinsic(id, x, y);
    noteOverflow(b.CreateExtractValue(pair, 1));
    return b.CreateExtractValue(pair, 0);
  }

  void noteOverflow(Value *flag) {
    overflow = overflow ? b.CreateOr(overflow, flag) : flag;
  }

  ScalarEvolution &se;
  const Loop &loop;
  const BasicBlock *checkBlock;
  SCEVExpander &expander;
  IRBuilder<> &b;
};

/// The condition, computed before `loop`, under which `check` passes in every
/// iteration; null if there is none that is not always false.
Value *hoistCheck(const Check &check, const Loop &loop, ScalarEvolution &se,
                  SCEVExpander &expander, IRBuilder<> &b) {
  Value *cond = check.branch->getCondition();
  bool okWhenTrue = check.okSuccessor == 0;
  if (loop.isLoopInvariant(cond))
    return okWhenTrue ? cond : b.CreateNot(cond);
  auto *cmp = dyn_cast<ICmpInst>(cond);
  if (!cmp || !cmp->getOperand(0)->getType()->isIntegerTy())
    return nullptr;
  CmpInst::Predicate pred = okWhenTrue ? cmp->getPredicate() : cmp->getInversePredicate();
  BoundBuilder bounds(se, loop, check.branch->getParent(), expander, b);
  const SCEV *lhs = se.getSCEV(cmp->getOperand(0)), *rhs = se.getSCEV(cmp->getOperand(1));
  Value *ok;
  if (pred == CmpInst::ICMP_ULT || pred == CmpInst::ICMP_UGT) {
    // index < len, or len > index: the index's bound against the length.
    const SCEV *index = pred == CmpInst::ICMP_ULT ? lhs : rhs;
    const SCEV *len = pred == CmpInst::ICMP_ULT ? rhs : lhs;
    Value *lenValue = bounds.exact(len);
    if (!lenValue)
      return nullptr;
    Value *indexBound = bounds.upper(index);
    if (auto *c = dyn_cast<ConstantInt>(indexBound); c && c->isMinusOne())
      return nullptr; // nothing is known of the index
    ok = b.CreateICmpULT(indexBound, lenValue);
  } else {
    // Any other comparison of loop-invariant values.
    Value *x = bounds.exact(lhs), *y = bounds.exact(rhs);
    if (!x || !y)
      return nullptr;
    ok = b.CreateICmp(pred, x, y);
  }
  if (bounds.overflow)
    ok = b.CreateAnd(ok, b.CreateNot(bounds.overflow));
  if (auto *c = dyn_cast<ConstantInt>(ok); c && c->isZero())
    return nullptr;
  return ok;
}

class LoopVersioner {
public:
  LoopVersioner(Function &f, const DivergenceSafeCallee &safeCallee,
                TargetLibraryInfo &tli, AssumptionCache &ac)
      : f(f), safeCallee(safeCallee), tli(tli), ac(ac) {}

  /// Versions one loop not seen before; false when none is left.
  bool versionNext() {
    DominatorTree dt(f);
    LoopInfo li(dt);
    {
      ScalarEvolution se(f, tli, ac, dt, li);
      for (Loop *loop : li) {
        simplifyLoop(loop, &dt, &li, &se, &ac, nullptr, false);
        formLCSSARecursively(*loop, dt, &li, &se);
      }
    }
    ScalarEvolution se(f, tli, ac, dt, li);
    if (li.empty()) {
      if (straightLineDone)
        return false;
      straightLineDone = true;
      return versionStraightLine(se);
    }
    for (Loop *loop : li.getLoopsInPreorder()) {
      if (seen.count(loop->getHeader()))
        continue;
      seen.insert(loop->getHeader());
      if (version(*loop, dt, li, se))
        return true;
    }
    return false;
  }

private:
  /// For each convergent call in `blocks`, the callee that threads in
  /// different copies can meet at; false if one has none.
  bool relaxConvergentCalls(ArrayRef<BasicBlock *> blocks,
                            SmallVectorImpl<std::pair<CallBase *, Function *>> &relaxed) {
    for (BasicBlock *block : blocks)
      for (Instruction &inst : *block)
        if (auto *call = dyn_cast<CallBase>(&inst); call && call->isConvergent()) {
          Function *safe = safeCallee ? safeCallee(*call) : nullptr;
          if (!safe)
            return false;
          relaxed.push_back({call, safe});
        }
    return true;
  }

  /// Removes what computing conditions that went unused added to `block`.
  static void eraseUnusedAdded(BasicBlock &block, const SmallPtrSetImpl<Instruction *> &before) {
    for (Instruction &inst : make_early_inc_range(reverse(block)))
      if (!before.count(&inst) && inst.use_empty() && !inst.isTerminator())
        inst.eraseFromParent();
  }

  /// In the copy, each hoisted check's branch goes straight to its continuation.
  static void dropChecksInCopy(ArrayRef<Check> hoisted, ValueToValueMapTy &map) {
    for (const Check &check : hoisted) {
      auto *br = cast<BranchInst>(map[check.branch]);
      BasicBlock *panic = br->getSuccessor(1 - check.okSuccessor);
      panic->removePredecessor(br->getParent());
      BranchInst::Create(br->getSuccessor(check.okSuccessor), br->getIterator());
      br->eraseFromParent();
    }
  }

  /// The checks in `blocks`. (A panic path returns: it is never in a loop.)
  static SmallVector<Check> findChecks(ArrayRef<BasicBlock *> blocks) {
    SmallVector<Check> checks;
    for (BasicBlock *block : blocks) {
      auto *br = dyn_cast<BranchInst>(block->getTerminator());
      if (!br || !br->isConditional())
        continue;
      for (unsigned s = 0; s < 2; ++s)
        if (isPanicBlock(br->getSuccessor(s)) &&
            !isPanicBlock(br->getSuccessor(1 - s)))
          checks.push_back({br, 1 - s});
    }
    return checks;
  }

  /// A kernel without loops: its checks outside the entry block whose
  /// conditions can be computed in the entry block (indices from thread
  /// indices and parameters, as stencil's `src[i - nx]`) are computed there,
  /// and the rest of the body runs in a copy without them if they all pass.
  /// Under an `if` the condition may fail where the check would never run
  /// (`i - 1` where i == 0): that thread takes the checked body, which is
  /// always correct.
  bool versionStraightLine(ScalarEvolution &se) {
    BasicBlock &entry = f.getEntryBlock();
    SmallVector<BasicBlock *> body;
    for (BasicBlock &block : f)
      if (&block != &entry)
        body.push_back(&block);
    SmallVector<std::pair<CallBase *, Function *>> relaxed;
    if (!relaxConvergentCalls(body, relaxed))
      return false;
    SmallVector<Check> checks = findChecks(body);
    SmallPtrSet<Instruction *, 16> before;
    for (Instruction &inst : entry)
      before.insert(&inst);
    SCEVExpander expander(se, "hm.check");
    Instruction *at = entry.getTerminator();
    IRBuilder<> b(at);
    Value *allOk = nullptr;
    SmallVector<Check> hoisted;
    for (const Check &check : checks) {
      auto *cmp = dyn_cast<ICmpInst>(check.branch->getCondition());
      if (!cmp || !cmp->getOperand(0)->getType()->isIntegerTy())
        continue;
      const SCEV *lhs = se.getSCEV(cmp->getOperand(0)), *rhs = se.getSCEV(cmp->getOperand(1));
      if (!expander.isSafeToExpandAt(lhs, at) || !expander.isSafeToExpandAt(rhs, at))
        continue;
      Value *x = expander.expandCodeFor(lhs, lhs->getType(), at);
      Value *y = expander.expandCodeFor(rhs, rhs->getType(), at);
      Value *ok = b.CreateICmp(check.okSuccessor == 0 ? cmp->getPredicate()
                                                      : cmp->getInversePredicate(),
                               x, y);
      allOk = allOk ? b.CreateAnd(allOk, ok) : ok;
      hoisted.push_back(check);
    }
    // One check decided up front costs what it costs in place: not worth a copy.
    if (hoisted.size() < 2) {
      eraseUnusedAdded(entry, before);
      return false;
    }
    for (auto [call, safe] : relaxed)
      call->setCalledFunction(safe);
    ValueToValueMapTy map;
    SmallVector<BasicBlock *> copies;
    for (BasicBlock *block : body) {
      BasicBlock *copy = CloneBasicBlock(block, map, ".unchecked", &f);
      map[block] = copy;
      copies.push_back(copy);
    }
    remapInstructionsInBlocks(copies, map);
    // entry: ..., br allOk, unchecked, checked; each takes a copy of the
    // entry's old terminator.
    BasicBlock *checked = BasicBlock::Create(f.getContext(), "checked", &f);
    BasicBlock *unchecked = BasicBlock::Create(f.getContext(), "unchecked", &f);
    Instruction *jump = entry.getTerminator();
    Instruction *jumpCopy = jump->clone();
    jumpCopy->insertInto(unchecked, unchecked->end());
    RemapInstruction(jumpCopy, map, RF_NoModuleLevelChanges | RF_IgnoreMissingLocals);
    jump->removeFromParent();
    jump->insertInto(checked, checked->end());
    BranchInst::Create(unchecked, checked, allOk, &entry);
    for (BasicBlock *block : body)
      block->replacePhiUsesWith(&entry, checked);
    for (BasicBlock *block : copies)
      block->replacePhiUsesWith(&entry, unchecked);
    dropChecksInCopy(hoisted, map);
    return true;
  }

  bool version(Loop &loop, DominatorTree &dt, LoopInfo &li, ScalarEvolution &se) {
    BasicBlock *preheader = loop.getLoopPreheader();
    if (!preheader || !loop.isLCSSAForm(dt))
      return false;
    SmallVector<std::pair<CallBase *, Function *>> relaxed;
    if (!relaxConvergentCalls(loop.getBlocks(), relaxed))
      return false;
    SmallVector<Check> checks = findChecks(loop.getBlocks());
    if (checks.empty())
      return false;

    SmallPtrSet<Instruction *, 16> before;
    for (Instruction &inst : *preheader)
      before.insert(&inst);
    SCEVExpander expander(se, "hm.bound");
    IRBuilder<> b(preheader->getTerminator());
    Value *allOk = nullptr;
    SmallVector<Check> hoisted;
    for (const Check &check : checks)
      if (Value *ok = hoistCheck(check, loop, se, expander, b)) {
        allOk = allOk ? b.CreateAnd(allOk, ok) : ok;
        hoisted.push_back(check);
      }
    if (hoisted.empty()) {
      eraseUnusedAdded(*preheader, before);
      return false;
    }

    for (auto [call, safe] : relaxed)
      call->setCalledFunction(safe);
    BasicBlock *header = loop.getHeader();
    BasicBlock *checkedPreheader =
        SplitBlock(preheader, preheader->getTerminator(), &dt, &li, nullptr,
                   header->getName() + ".checked.ph");
    ValueToValueMapTy map;
    SmallVector<BasicBlock *> blocks;
    Loop *unchecked = cloneLoopWithPreheader(checkedPreheader, preheader, &loop, map,
                                             ".unchecked", &li, &dt, blocks);
    remapInstructionsInBlocks(blocks, map);
    // The copy leaves through the same exits: LCSSA phis get its values too.
    SmallVector<BasicBlock *> exits;
    loop.getUniqueExitBlocks(exits);
    for (BasicBlock *exit : exits)
      for (PHINode &phi : exit->phis())
        for (unsigned i = 0, e = phi.getNumIncomingValues(); i != e; ++i) {
          BasicBlock *from = phi.getIncomingBlock(i);
          if (!loop.contains(from))
            continue;
          Value *v = phi.getIncomingValue(i);
          Value *mapped = map.lookup(v);
          phi.addIncoming(mapped ? mapped : v, cast<BasicBlock>(map[from]));
        }
    Instruction *jump = preheader->getTerminator();
    BranchInst::Create(unchecked->getLoopPreheader(), checkedPreheader, allOk,
                       jump->getIterator());
    jump->eraseFromParent();
    dropChecksInCopy(hoisted, map);
    keepColdCopyRolled(loop, se);
    for (BasicBlock *block : loop.blocks())
      seen.insert(block);
    for (BasicBlock *block : blocks)
      seen.insert(block);
    return true;
  }

  /// The checked copy runs only when a check may fail. Unrolled, it would set
  /// the kernel's register count (ptxas allocates for the whole kernel: sgemm's
  /// checked copy needs 120, the copy without checks 72), so its loops stay
  /// rolled, except those whose induction variable indexes a thread's array:
  /// unrolled in one copy and not in the other, the array could not become
  /// registers in either.
  static void keepColdCopyRolled(Loop &cold, ScalarEvolution &se) {
    SmallVector<Loop *> loops = cold.getLoopsInPreorder();
    for (Loop *l : loops) {
      bool indexesArray = false;
      for (BasicBlock *block : l->blocks())
        for (Instruction &inst : *block)
          if (auto *gep = dyn_cast<GetElementPtrInst>(&inst))
            if (isa<AllocaInst>(getUnderlyingObject(gep)) &&
                any_of(gep->indices(), [&](Value *index) {
                  return index->getType()->isIntegerTy() && se.isSCEVable(index->getType()) &&
                         !se.isLoopInvariant(se.getSCEV(index), l);
                }))
              indexesArray = true;
      if (!indexesArray)
        l->setLoopAlreadyUnrolled();
    }
  }

  Function &f;
  const DivergenceSafeCallee &safeCallee;
  TargetLibraryInfo &tli;
  AssumptionCache &ac;
  // Headers of loops already tried, and every block of a versioned loop.
  SmallPtrSet<BasicBlock *, 32> seen;
  bool straightLineDone = false;
};

} // namespace

PreservedAnalyses CheckVersioningPass::run(Function &f, FunctionAnalysisManager &fam) {
  // Without a panic path (no checks, or -C bounds-checks=off) there is
  // nothing to do, and no analysis worth building.
  if (f.isDeclaration() || none_of(f, [](const BasicBlock &block) { return isPanicBlock(&block); }))
    return PreservedAnalyses::all();
  LoopVersioner versioner(f, safeCallee, fam.getResult<TargetLibraryAnalysis>(f),
                          fam.getResult<AssumptionAnalysis>(f));
  while (versioner.versionNext()) {
  }
  // simplifyLoop and LCSSA change the CFG even where nothing is versioned.
  return PreservedAnalyses::none();
}

} // namespace hematite
