// Cross-block L2 prefetch for kernels that move one element per thread.
//
// A kernel that loads one 4-byte element per thread (saxpy's x[i] with
// i = block_idx * block_dim + thread_idx; a tile's src[y * w + x]) holds only
// a few bytes in flight per thread, and waits on memory well below the copy
// bandwidth (run 23: one element per thread caps a copy at 80% of a 16-byte
// copy's rate on an H100). The same load in a later block of the launch reads
// the same slice further on, and blocks start in launch order. So, next to
// each such load, this pass prefetches into L2 the address the same thread of
// a block some way ahead will load. A prefetch holds no register and returns
// nothing to the SM, so it adds bytes in flight where the thread could not
// (docs/benchmarks.md, run 29).
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_PREFETCH_AHEAD_H
#define HEMATITE_BACKENDS_LLVM_COMMON_PREFETCH_AHEAD_H

#include "backends/llvm_common/target_info.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"

namespace hematite {

/// The LLVM function attribute on a kernel that gives, for each argument, the
/// bytes of one element of the slice whose data pointer it is, else 0
/// ("0,4,0,4" for saxpy(a, x, x_len, y, y_len)); set by markKernels.
inline constexpr llvm::StringLiteral kSliceElementBytes = "hematite-slice-element-bytes";

/// For each load outside loops, in a kernel with kSliceElementBytes, whose
/// address is a slice's pointer plus an offset that depends on the block index
/// along x (and not y or z): a prefetch of the address that load has in the
/// block `blocks` later along x, if that address is inside the slice. With
/// `blocks` 0, the distance is 2048 blocks shared among the slices prefetched.
/// Loads a few bytes apart (stencil's i - 1, i, i + 1) share one prefetch.
/// Needs the target's L2 prefetch (LlvmTargetInfo::hasL2Prefetch).
class PrefetchAheadPass : public llvm::PassInfoMixin<PrefetchAheadPass> {
public:
  PrefetchAheadPass(const LlvmTargetInfo &target, unsigned blocks)
      : target(target), blocks(blocks) {}
  llvm::PreservedAnalyses run(llvm::Function &f, llvm::FunctionAnalysisManager &fam);

private:
  const LlvmTargetInfo &target;
  unsigned blocks;
};

} // namespace hematite

#endif
