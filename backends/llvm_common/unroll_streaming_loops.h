// Loops whose trip count is known only at run time and that read device
// memory (grid-stride loops, row loops over `c += threads`) issue one load per
// iteration: a GPU thread issues in order, so the next load waits for this
// one's value to be used, and the kernel is latency-bound well below the
// memory bandwidth. Unrolled 16 times (with a remainder loop), a thread has
// 16 loads in flight. LLVM's NVPTX heuristics would runtime-unroll such loops
// but give up on their trip count, a division by the stride, as too expensive;
// an unroll count on the loop lifts that limit.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_UNROLL_STREAMING_LOOPS_H
#define HEMATITE_BACKENDS_LLVM_COMMON_UNROLL_STREAMING_LOOPS_H

#include "llvm/IR/PassManager.h"

namespace hematite {

/// Gives llvm.loop.unroll.count 16 to every innermost loop that loads from
/// device memory (address space `globalSpace`), has no convergent call
/// (barriers and warp operations must stay where every thread meets them),
/// no bounds check left, and no unroll metadata yet (MLIRGen's full unrolls
/// stay as they are). Runs after check versioning, whose copies without
/// checks are what it unrolls.
class UnrollStreamingLoopsPass : public llvm::PassInfoMixin<UnrollStreamingLoopsPass> {
public:
  explicit UnrollStreamingLoopsPass(unsigned globalSpace) : globalSpace(globalSpace) {}
  llvm::PreservedAnalyses run(llvm::Function &f, llvm::FunctionAnalysisManager &fam);

private:
  unsigned globalSpace;
};

} // namespace hematite

#endif
