// How a panic looks in LLVM IR (gpu_ops_to_llvm.cpp, PanicLowering: a block
// that claims the panic record with a cmpxchg), and what the optimizer is told
// about it.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_PANIC_PATHS_H
#define HEMATITE_BACKENDS_LLVM_COMMON_PANIC_PATHS_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class BasicBlock;
} // namespace llvm

namespace hematite {

/// Whether `block` is the first block of a panic path.
bool isPanicBlock(const llvm::BasicBlock *block);

/// Gives every conditional branch into a panic path LLVM's "unlikely" branch
/// weights, as rustc does for its panics (they call #[cold] functions): block
/// placement then lays the checked path out as the fall-through, and the
/// panic code out of the way.
class UnlikelyPanicsPass : public llvm::PassInfoMixin<UnlikelyPanicsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &f, llvm::FunctionAnalysisManager &fam);
};

} // namespace hematite

#endif
