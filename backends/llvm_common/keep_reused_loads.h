// L1 eviction priority for read-only data a kernel reads again later.
//
// A kernel that makes several passes over the same data (softmax: the row's
// max, then the sum of exp(x - max), then the outputs) reads each element from
// DRAM once and hopes to find it in L1 for the later passes. With the default
// eviction policy only about half of those later reads hit on an H100
// (run 23f: 33% L1 hit rate over all of softmax's reads), and the rest go to
// L2. Loads whose data a later load of the same thread reads again are marked
// to be evicted last: softmax then runs 1.06x faster (run 30). The hint changes
// no result.
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_KEEP_REUSED_LOADS_H
#define HEMATITE_BACKENDS_LLVM_COMMON_KEEP_REUSED_LOADS_H

#include "backends/llvm_common/target_info.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"

namespace hematite {

/// The metadata that marks a load whose data a later load reads again.
inline constexpr llvm::StringLiteral kReusedLoad = "hematite.reused";

/// Marks (kReusedLoad) each load from `addressSpace` whose addresses a later
/// load reads again: another load of the same type, reachable from this one
/// within the same iterations of the loops around it, whose address has the
/// same start and the same step per iteration (each pass of softmax's
/// `while c < cols { x[base + c]; c += threads }`), or the same address
/// outside loops. Runs at the vectorizer's start: after LICM (each loop's step
/// is invariant) and check versioning (whose copies of a loop are marked
/// alike), before runtime unrolling (each pass is still one loop; unrolling
/// copies the mark with the load). The last pass's loads, which nothing reads
/// again, stay unmarked.
class MarkReusedLoadsPass : public llvm::PassInfoMixin<MarkReusedLoadsPass> {
public:
  explicit MarkReusedLoadsPass(unsigned addressSpace) : addressSpace(addressSpace) {}
  llvm::PreservedAnalyses run(llvm::Function &f, llvm::FunctionAnalysisManager &fam);

private:
  unsigned addressSpace;
};

/// Replaces each marked load that reads read-only memory (!invariant.load) by
/// the target's load that keeps its line in L1 in preference to others
/// (LlvmTargetInfo::emitLoadKeptInL1), except one beside another load of its
/// block, which the load-store vectorizer may widen. Runs last.
class KeepReusedLoadsPass : public llvm::PassInfoMixin<KeepReusedLoadsPass> {
public:
  explicit KeepReusedLoadsPass(const LlvmTargetInfo &target) : target(target) {}
  llvm::PreservedAnalyses run(llvm::Function &f, llvm::FunctionAnalysisManager &fam);

private:
  const LlvmTargetInfo &target;
};

} // namespace hematite

#endif
