// SPIR-V's counterpart of backends/llvm_common/unroll_streaming_loops.cpp. A
// loop with a run-time trip count that reads device memory (a grid-stride loop,
// a row loop over `c += threads`) issues one load per iteration, and a GPU
// thread issues in order: the next load waits until this one's value is used.
// LLVM unrolls such loops 16 times for the NVIDIA and AMD targets; Vulkan
// drivers ignore the Unroll hint on a loop whose trip count they cannot
// compute (run 15, docs/benchmarks.md), so the SPIR-V backend unrolls them
// itself, on the structured loops that lifting to scf gives.
#ifndef HEMATITE_BACKENDS_SPIRV_UNROLL_STREAMING_LOOPS_H
#define HEMATITE_BACKENDS_SPIRV_UNROLL_STREAMING_LOOPS_H

#include "mlir/IR/BuiltinOps.h"

namespace hematite {

/// Unrolls `count` times every innermost scf.while of the form
///
///   scf.while (%i = %first, %acc...) {              // only loop-invariant ops
///     scf.condition(arith.cmpi ult, %i, %n) %i, %acc...
///   } do { ...; scf.yield (arith.addi %i, %step), ... }
///
/// whose body reads a slice (hm.slice_load) and has no barrier, shuffle or
/// ballot (every thread must meet those the same number of times) and no
/// return (a bounds check's panic: the checked copy stays as it is, as on the
/// LLVM targets). In front of it goes a copy that runs `count` iterations
/// at a time, `count` copies of the body in a row, while the last of them is
/// still below %n; the original loop then does what is left (fewer than
/// `count` iterations). Where the counter could wrap (%n - 1 + count * %step
/// does not fit) the copy runs no iteration and the original loop does all.
void unrollStreamingLoops(mlir::ModuleOp module, unsigned count);

} // namespace hematite

#endif
