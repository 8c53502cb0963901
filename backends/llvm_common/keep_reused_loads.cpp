#include "backends/llvm_common/keep_reused_loads.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace hematite {
namespace {

/// Makes reads of the same special register one value: LICM leaves a read of
/// block_dim_x in front of each loop, and two loops' steps should compare equal.
/// Only intrinsics without arguments and without memory effects (the index
/// registers, which do not change while a thread runs).
class OneReadPerRegister : public SCEVRewriteVisitor<OneReadPerRegister> {
public:
  explicit OneReadPerRegister(ScalarEvolution &se) : SCEVRewriteVisitor(se) {}
  const SCEV *visitUnknown(const SCEVUnknown *u) {
    auto *call = dyn_cast<IntrinsicInst>(u->getValue());
    if (!call || call->arg_size() != 0 || !call->doesNotAccessMemory())
      return u;
    return first.try_emplace(call->getIntrinsicID(), u).first->second;
  }

private:
  DenseMap<Intrinsic::ID, const SCEV *> first;
};

/// The sequence of addresses a load reads: for an address that advances by a
/// fixed step in its loop, the start and the step, whatever the loop (two loops
/// over the same range have the same key); else the address itself.
struct AccessKey {
  const SCEV *start;
  const SCEV *step;
};

std::optional<AccessKey> accessKey(ScalarEvolution &se, OneReadPerRegister &registers,
                                   LoadInst &load) {
  const SCEV *address = se.getSCEV(load.getPointerOperand());
  if (isa<SCEVCouldNotCompute>(address))
    return std::nullopt;
  if (auto *rec = dyn_cast<SCEVAddRecExpr>(address)) {
    if (!rec->isAffine())
      return std::nullopt;
    return AccessKey{registers.visit(rec->getStart()),
                     registers.visit(rec->getStepRecurrence(se))};
  }
  return AccessKey{registers.visit(address), nullptr};
}

/// Whether two keys are the same sequence (the difference of their starts and
/// of their steps folds to zero; the same expression may be written two ways).
bool sameAccesses(ScalarEvolution &se, const AccessKey &a, const AccessKey &b) {
  auto same = [&se](const SCEV *x, const SCEV *y) {
    if (x == y)
      return true;
    if (!x || !y || x->getType() != y->getType())
      return false;
    return se.getMinusSCEV(x, y)->isZero();
  };
  return same(a.step, b.step) && same(a.start, b.start);
}

/// The blocks control reaches from the end of `block` without starting
/// another iteration of `loop` or a loop around it: later in the same
/// iterations of those loops. Other loops `block` is in may be left through
/// their headers (before rotation a loop exits there).
SmallPtrSet<BasicBlock *, 32> blocksAfter(BasicBlock *block, Loop *loop) {
  SmallPtrSet<BasicBlock *, 8> headers;
  for (; loop; loop = loop->getParentLoop())
    headers.insert(loop->getHeader());
  SmallPtrSet<BasicBlock *, 32> seen;
  SmallVector<BasicBlock *> work(succ_begin(block), succ_end(block));
  while (!work.empty()) {
    BasicBlock *next = work.pop_back_val();
    if (headers.contains(next) || !seen.insert(next).second)
      continue;
    work.append(succ_begin(next), succ_end(next));
  }
  return seen;
}

/// The innermost loop that holds both blocks, if any.
Loop *commonLoop(LoopInfo &loops, BasicBlock *a, BasicBlock *b) {
  for (Loop *loop = loops.getLoopFor(a); loop; loop = loop->getParentLoop())
    if (loop->contains(b))
      return loop;
  return nullptr;
}

} // namespace

PreservedAnalyses MarkReusedLoadsPass::run(Function &f, FunctionAnalysisManager &fam) {
  struct Candidate {
    LoadInst *load;
    AccessKey key;
  };
  SmallVector<Candidate> candidates;
  ScalarEvolution &se = fam.getResult<ScalarEvolutionAnalysis>(f);
  OneReadPerRegister registers(se);
  for (Instruction &inst : instructions(f)) {
    auto *load = dyn_cast<LoadInst>(&inst);
    if (!load || !load->isSimple() || load->getPointerAddressSpace() != addressSpace)
      continue;
    if (std::optional<AccessKey> key = accessKey(se, registers, *load))
      candidates.push_back({load, *key});
  }
  // Every pair is compared: past a few hundred loads (straight-line code
  // unrolled from constant loops) the hint is not worth the compile time.
  constexpr size_t kMaxCandidates = 256;
  if (candidates.size() < 2 || candidates.size() > kMaxCandidates)
    return PreservedAnalyses::all();
  LoopInfo &loops = fam.getResult<LoopAnalysis>(f);

  // Whether `later` runs after `first` in the same iterations of the loops
  // around both (a later pass over the data, not the next row's).
  DenseMap<std::pair<BasicBlock *, Loop *>, SmallPtrSet<BasicBlock *, 32>> after;
  auto comesAfter = [&](LoadInst *first, LoadInst *later) {
    BasicBlock *block = first->getParent();
    if (later->getParent() == block)
      return first->comesBefore(later);
    Loop *common = commonLoop(loops, block, later->getParent());
    auto found = after.find({block, common});
    if (found == after.end())
      found = after.try_emplace({block, common}, blocksAfter(block, common)).first;
    return found->second.contains(later->getParent());
  };
  MDNode *empty = MDNode::get(f.getContext(), {});
  bool changed = false;
  for (const Candidate &first : candidates) {
    bool readAgain = llvm::any_of(candidates, [&](const Candidate &later) {
      return later.load != first.load && later.load->getType() == first.load->getType() &&
             sameAccesses(se, first.key, later.key) && comesAfter(first.load, later.load);
    });
    if (readAgain) {
      first.load->setMetadata(kReusedLoad, empty);
      changed = true;
    }
  }
  if (!changed)
    return PreservedAnalyses::all();
  PreservedAnalyses kept;
  kept.preserveSet<CFGAnalyses>();  // metadata only
  return kept;
}

PreservedAnalyses KeepReusedLoadsPass::run(Function &f, FunctionAnalysisManager &fam) {
  if (!target.canKeepLoadsInL1())
    return PreservedAnalyses::all();
  SmallVector<LoadInst *> marked;
  for (Instruction &inst : instructions(f))
    if (auto *load = dyn_cast<LoadInst>(&inst))
      if (load->hasMetadata(kReusedLoad) && load->isSimple() &&
          load->hasMetadata(LLVMContext::MD_invariant_load) &&
          load->getPointerAddressSpace() == target.globalAddressSpace())
        marked.push_back(load);
  if (marked.empty())
    return PreservedAnalyses::all();
  // A load next to another of its block (the address one value on or back) is
  // left to the code generator's load-store vectorizer, which an inline load
  // would stop: a wider load is worth more than the eviction priority.
  ScalarEvolution &se = fam.getResult<ScalarEvolutionAnalysis>(f);
  const DataLayout &layout = f.getDataLayout();
  auto hasNeighbour = [&](LoadInst *load) {
    const SCEV *address = se.getSCEV(load->getPointerOperand());
    int64_t size = layout.getTypeStoreSize(load->getType()).getFixedValue();
    return llvm::any_of(*load->getParent(), [&](Instruction &inst) {
      auto *other = dyn_cast<LoadInst>(&inst);
      if (!other || other == load || other->getType() != load->getType())
        return false;
      auto *distance = dyn_cast<SCEVConstant>(
          se.getMinusSCEV(se.getSCEV(other->getPointerOperand()), address));
      return distance && std::abs(distance->getAPInt().getSExtValue()) == size;
    });
  };
  llvm::erase_if(marked, hasNeighbour);
  bool changed = false;
  for (LoadInst *load : marked) {
    IRBuilder<> b(load);
    Value *kept = target.emitLoadKeptInL1(b, *load);
    if (!kept)
      continue;
    kept->takeName(load);
    load->replaceAllUsesWith(kept);
    load->eraseFromParent();
    changed = true;
  }
  if (!changed)
    return PreservedAnalyses::all();
  PreservedAnalyses kept;
  kept.preserveSet<CFGAnalyses>();
  return kept;
}

} // namespace hematite
