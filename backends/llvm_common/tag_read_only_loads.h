// Loads from a kernel's read-only slices (`&[T]`: noalias and readonly) are
// tagged !invariant.load, so that every one of them takes the read-only path
// (ld.global.nc on NVIDIA). NVPTX's own inference looks through only a few
// address computations (getUnderlyingObjects' default depth of 6): in a loop
// unrolled 16 times the later copies' addresses are chains of 7 or more adds
// from the argument, and their loads lost the read-only path (softmax's last
// 5 of 16 in run 22).
#ifndef HEMATITE_BACKENDS_LLVM_COMMON_TAG_READ_ONLY_LOADS_H
#define HEMATITE_BACKENDS_LLVM_COMMON_TAG_READ_ONLY_LOADS_H

#include "llvm/IR/PassManager.h"

namespace hematite {

/// Tags !invariant.load on every load in a kernel (PTX or AMDGPU kernel
/// calling convention) whose address derives only from arguments that are
/// noalias and readonly. A kernel is the whole program on the device, and
/// Rust's `&[T]` cannot be written while the kernel runs, so the memory is
/// invariant for the load's whole scope, as the metadata requires.
class TagReadOnlyLoadsPass : public llvm::PassInfoMixin<TagReadOnlyLoadsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &f, llvm::FunctionAnalysisManager &fam);
};

} // namespace hematite

#endif
