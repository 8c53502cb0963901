#include "backends/llvm_common/panic_paths.h"

#include "backends/common/kernel_metadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;

namespace hematite {

bool isPanicBlock(const BasicBlock *block) {
  for (const Instruction &inst : *block)
    if (auto *cas = dyn_cast<AtomicCmpXchgInst>(&inst))
      if (auto *record = dyn_cast<GlobalVariable>(cas->getPointerOperand()->stripPointerCasts()))
        if (record->getName() == kPanicRecordSymbol)
          return true;
  return false;
}

PreservedAnalyses UnlikelyPanicsPass::run(Function &f, FunctionAnalysisManager &) {
  MDBuilder weights(f.getContext());
  bool changed = false;
  for (BasicBlock &block : f) {
    auto *branch = dyn_cast<BranchInst>(block.getTerminator());
    if (!branch || !branch->isConditional() || branch->hasMetadata(LLVMContext::MD_prof))
      continue;
    bool toPanic[2] = {isPanicBlock(branch->getSuccessor(0)),
                       isPanicBlock(branch->getSuccessor(1))};
    if (toPanic[0] == toPanic[1])
      continue;
    branch->setMetadata(LLVMContext::MD_prof, toPanic[0]
                                                  ? weights.createUnlikelyBranchWeights()
                                                  : weights.createLikelyBranchWeights());
    changed = true;
  }
  return changed ? PreservedAnalyses::allInSet<CFGAnalyses>() : PreservedAnalyses::all();
}

} // namespace hematite
