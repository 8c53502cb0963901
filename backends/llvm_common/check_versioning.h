// Check versioning: a loop whose bounds checks can all be decided before it
// starts runs in a copy without them when they pass (see check_versioning.cpp).
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_CHECK_VERSIONING_H
#define HEMATITE_BACKENDS_LLVM_COMMON_CHECK_VERSIONING_H

#include "llvm/IR/PassManager.h"

#include <functional>

namespace llvm {
class BasicBlock;
class CallBase;
class Function;
} // namespace llvm

namespace hematite {

/// Whether `block` is the first block of a panic path (it claims the panic
/// record: gpu_ops_to_llvm.cpp, PanicLowering).
bool isPanicBlock(const llvm::BasicBlock *block);

/// For a convergent call (barrier, warp collective) in a loop about to be
/// versioned: the function to call instead so that threads of one block that
/// run different copies of the loop still meet at it, or null if there is
/// none (the loop is then left alone). The target decides
/// (LlvmTargetInfo::divergenceSafeCallee).
using DivergenceSafeCallee = std::function<llvm::Function *(llvm::CallBase &)>;

class CheckVersioningPass : public llvm::PassInfoMixin<CheckVersioningPass> {
public:
  explicit CheckVersioningPass(DivergenceSafeCallee safeCallee)
      : safeCallee(std::move(safeCallee)) {}
  llvm::PreservedAnalyses run(llvm::Function &f,
                              llvm::FunctionAnalysisManager &fam);

private:
  DivergenceSafeCallee safeCallee;
};

} // namespace hematite

#endif
