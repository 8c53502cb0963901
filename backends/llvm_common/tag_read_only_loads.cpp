#include "backends/llvm_common/tag_read_only_loads.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Argument.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/PassManager.h"

using namespace llvm;

namespace hematite {
namespace {

bool isKernel(const Function &f) {
  CallingConv::ID cc = f.getCallingConv();
  return cc == CallingConv::PTX_Kernel || cc == CallingConv::AMDGPU_KERNEL;
}

bool isReadOnlyArgument(const Value *v) {
  auto *arg = dyn_cast<Argument>(v);
  return arg && arg->hasNoAliasAttr() && arg->onlyReadsMemory();
}

/// Every object the address can come from (through GEPs, casts, phis and
/// selects, at any depth: MaxLookup 0) is a read-only argument.
bool loadsReadOnlyMemory(const LoadInst &load) {
  SmallVector<const Value *, 4> objects;
  getUnderlyingObjects(load.getPointerOperand(), objects, /*LI=*/nullptr,
                       /*MaxLookup=*/0);
  return !objects.empty() && all_of(objects, isReadOnlyArgument);
}

} // namespace

PreservedAnalyses TagReadOnlyLoadsPass::run(Function &f, FunctionAnalysisManager &) {
  if (!isKernel(f) || none_of(f.args(), [](const Argument &a) { return isReadOnlyArgument(&a); }))
    return PreservedAnalyses::all();
  bool changed = false;
  MDNode *empty = MDNode::get(f.getContext(), {});
  for (Instruction &inst : instructions(f)) {
    auto *load = dyn_cast<LoadInst>(&inst);
    if (!load || load->isVolatile() || load->isAtomic() ||
        load->hasMetadata(LLVMContext::MD_invariant_load) || !loadsReadOnlyMemory(*load))
      continue;
    load->setMetadata(LLVMContext::MD_invariant_load, empty);
    changed = true;
  }
  if (!changed)
    return PreservedAnalyses::all();
  PreservedAnalyses kept;
  kept.preserveSet<CFGAnalyses>();  // metadata only
  return kept;
}

} // namespace hematite
