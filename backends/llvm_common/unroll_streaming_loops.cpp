#include "backends/llvm_common/unroll_streaming_loops.h"
#include "backends/llvm_common/check_versioning.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"

using namespace llvm;

namespace hematite {
namespace {

// Measured on the H100 (docs/benchmarks.md, runs 18, 19 and 21): 4 brought
// reduce and histogram to 99% of the copy bandwidth; 8 took softmax from
// 0.873 to 0.761 of nvcc (its rows give each thread 16 iterations) and cost
// reduce 2.5%; 16 was a little faster again on both (0.747, 0.760).
constexpr unsigned kUnrollCount = 16;

bool readsDeviceMemory(const Loop &loop, unsigned globalSpace) {
  for (BasicBlock *block : loop.blocks())
    for (Instruction &inst : *block)
      if (auto *load = dyn_cast<LoadInst>(&inst);
          load && load->getPointerAddressSpace() == globalSpace)
        return true;
  return false;
}

bool hasConvergentCall(const Loop &loop) {
  for (BasicBlock *block : loop.blocks())
    for (Instruction &inst : *block)
      if (auto *call = dyn_cast<CallBase>(&inst); call && call->isConvergent())
        return true;
  return false;
}

/// A loop that still has bounds checks (not versioned, or its checked copy):
/// unrolled, each load would still wait for its own check, and the copies of
/// the checks cost more than the loads gain (softmax with -C
/// check-versioning=off ran 1.07x nvcc rolled, 1.43x unrolled; run 18).
bool hasChecks(const Loop &loop) {
  for (BasicBlock *block : loop.blocks())
    for (BasicBlock *next : successors(block))
      if (isPanicBlock(next))
        return true;
  return false;
}

} // namespace

PreservedAnalyses UnrollStreamingLoopsPass::run(Function &f, FunctionAnalysisManager &fam) {
  LoopInfo &loops = fam.getResult<LoopAnalysis>(f);
  LLVMContext &ctx = f.getContext();
  bool changed = false;
  for (Loop *loop : loops.getLoopsInPreorder()) {
    if (!loop->isInnermost() || loop->getLoopID() || hasConvergentCall(*loop) ||
        hasChecks(*loop) || !readsDeviceMemory(*loop, globalSpace))
      continue;
    Metadata *count[] = {MDString::get(ctx, "llvm.loop.unroll.count"),
                         ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(ctx),
                                                                  kUnrollCount))};
    // A loop ID refers to itself (LLVM's LangRef, "llvm.loop").
    Metadata *operands[] = {nullptr, MDNode::get(ctx, count)};
    MDNode *id = MDNode::getDistinct(ctx, operands);
    id->replaceOperandWith(0, id);
    loop->setLoopID(id);
    changed = true;
  }
  return changed ? PreservedAnalyses::allInSet<CFGAnalyses>() : PreservedAnalyses::all();
}

} // namespace hematite
