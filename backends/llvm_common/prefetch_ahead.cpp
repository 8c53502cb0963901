#include "backends/llvm_common/prefetch_ahead.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

using namespace llvm;

namespace hematite {
namespace {

SmallVector<uint64_t> parseElementBytes(StringRef list) {
  SmallVector<StringRef> fields;
  list.split(fields, ',');
  SmallVector<uint64_t> bytes;
  for (StringRef field : fields) {
    uint64_t value = 0;
    bytes.push_back(field.getAsInteger(10, value) ? 0 : value);
  }
  return bytes;
}

/// Rewrites an expression in the block index along x into the same expression
/// in (that index + `by`).
class MoveBlockIndex : public SCEVRewriteVisitor<MoveBlockIndex> {
public:
  MoveBlockIndex(ScalarEvolution &se, const LlvmTargetInfo &target, const SCEV *by)
      : SCEVRewriteVisitor(se), target(target), by(by) {}
  const SCEV *visitUnknown(const SCEVUnknown *u) {
    return target.blockIdDimension(*u->getValue()) == hm::Dim::x ? SE.getAddExpr(u, by) : u;
  }

private:
  const LlvmTargetInfo &target;
  const SCEV *by;
};

/// A load to prefetch for: its address and the slice's pointer argument.
struct Candidate {
  LoadInst *load;
  const SCEV *address;
  Argument *slice;
  uint64_t elementBytes;
};

// Two loads this close share one prefetch: the line the first one's prefetch
// brings covers the other, or the next block's prefetch does.
constexpr int64_t kSharedPrefetchBytes = 128;

// The automatic distance: 2048 blocks ahead, shared among the slices
// prefetched. With 256-thread blocks of 4-byte elements that is 2 MiB ahead
// in all: the best measured for a copy (one slice, 2048 blocks) and for saxpy
// (two, 1024 each) on an H100 (run 29).
constexpr unsigned kAutoBlocks = 2048;

} // namespace

PreservedAnalyses PrefetchAheadPass::run(Function &f, FunctionAnalysisManager &fam) {
  Attribute attr = f.getFnAttribute(kSliceElementBytes);
  if (!attr.isValid() || !target.hasL2Prefetch())
    return PreservedAnalyses::all();
  SmallVector<uint64_t> elementBytes = parseElementBytes(attr.getValueAsString());
  LoopInfo &loops = fam.getResult<LoopAnalysis>(f);
  ScalarEvolution &se = fam.getResult<ScalarEvolutionAnalysis>(f);

  SmallVector<Candidate> candidates;
  for (BasicBlock &block : f) {
    // A load in a loop already has its own later iterations to overlap with
    // (and the streaming loops are unrolled for that): only straight-line code.
    if (loops.getLoopFor(&block))
      continue;
    for (Instruction &inst : block) {
      auto *load = dyn_cast<LoadInst>(&inst);
      if (!load || !load->isSimple() ||
          load->getPointerAddressSpace() != target.globalAddressSpace())
        continue;
      const SCEV *address = se.getSCEV(load->getPointerOperand());
      auto *base = dyn_cast<SCEVUnknown>(se.getPointerBase(address));
      auto *slice = base ? dyn_cast<Argument>(base->getValue()) : nullptr;
      if (!slice || slice->getArgNo() + 1 >= f.arg_size() ||
          slice->getArgNo() >= elementBytes.size() || elementBytes[slice->getArgNo()] == 0)
        continue;
      // Only addresses that follow the block index along x alone. Along y
      // (a 2-D tile's rows) prefetching rows of blocks ahead gained nothing on
      // transpose, and 3 or more rows made it up to 1.6x slower (run 29);
      // stencil gained 1.14x by hand from one prefetch per thread (run 30),
      // not done here yet.
      bool uses[3] = {false, false, false};
      SCEVExprContains(address, [&](const SCEV *e) {
        if (auto *u = dyn_cast<SCEVUnknown>(e))
          if (std::optional<hm::Dim> dim = target.blockIdDimension(*u->getValue()))
            uses[static_cast<int>(*dim)] = true;
        return false;
      });
      if (!uses[0] || uses[1] || uses[2])
        continue;
      bool shared = llvm::any_of(candidates, [&](const Candidate &c) {
        if (c.slice != slice)
          return false;
        auto *distance = dyn_cast<SCEVConstant>(se.getMinusSCEV(address, c.address));
        return distance && std::abs(distance->getAPInt().getSExtValue()) < kSharedPrefetchBytes;
      });
      if (!shared)
        candidates.push_back({load, address, slice, elementBytes[slice->getArgNo()]});
    }
  }
  if (candidates.empty())
    return PreservedAnalyses::all();

  unsigned distance = blocks;
  if (distance == 0) {
    SmallPtrSet<Argument *, 4> slices;
    for (const Candidate &c : candidates)
      slices.insert(c.slice);
    distance = std::max(1u, kAutoBlocks / unsigned(slices.size()));
  }

  SCEVExpander expander(se, "prefetch");
  bool changed = false;
  for (const Candidate &c : candidates) {
    Type *i32 = Type::getInt32Ty(f.getContext());
    const SCEV *ahead =
        MoveBlockIndex(se, target, se.getConstant(i32, distance)).visit(c.address);
    // The prefetch is the load's own address plus the step between the two
    // blocks (saxpy: distance * block_dim * 4 bytes), which the thread's loads
    // share.
    const SCEV *step = se.getMinusSCEV(ahead, c.address);
    Instruction *at = c.load->getNextNode();
    if (isa<SCEVCouldNotCompute>(step) || !expander.isSafeToExpandAt(step, at))
      continue;
    Type *i64 = Type::getInt64Ty(f.getContext());
    Value *stepValue = expander.expandCodeFor(step, i64, at);
    IRBuilder<> b(at);
    Value *pointer = c.load->getPointerOperand();
    Value *offset = b.CreateSub(b.CreatePtrToInt(pointer, i64), b.CreatePtrToInt(c.slice, i64));
    Value *aheadOffset = b.CreateAdd(offset, stepValue, "prefetch.offset");
    // Only inside the slice: an address past it may not be mapped at all.
    Value *length = f.getArg(c.slice->getArgNo() + 1);
    Value *bytes = b.CreateMul(length, b.getInt64(c.elementBytes), "prefetch.bytes",
                               /*HasNUW=*/true);
    Value *inside = b.CreateICmpULT(aheadOffset, bytes, "prefetch.inside");
    Value *address = b.CreateSelect(
        inside, b.CreateGEP(b.getInt8Ty(), pointer, stepValue, "prefetch.ahead"), pointer);
    target.emitL2Prefetch(b, address);
    changed = true;
  }
  expander.clear();
  return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace hematite
