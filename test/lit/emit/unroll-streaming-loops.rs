// A loop with a run-time trip count that reads device memory is unrolled 16
// times with a remainder loop (backends/llvm_common/unroll_streaming_loops.cpp),
// so that a thread has 16 loads in flight; its trip count is known because a
// slice's length is below 2^63 (kernel_abi.cpp). Loops with a barrier or warp
// operation, and MLIRGen's small constant loops, are left as they are.
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=sm_90 -O1 --emit=llvm %s -o - | FileCheck %s --check-prefix=O1
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// Loops that keep their bounds checks are not unrolled (each load would still
// wait for its check): with -C check-versioning=off, grid_sum's loop has one.
// RUN: %hematite --target=sm_90 -C check-versioning=off %s -o - | FileCheck %s --check-prefix=NOCV
// SPIR-V does the same in its backend (backends/spirv/unroll_streaming_loops.cpp;
// Vulkan drivers do not unroll such loops on a hint): a copy in front of the
// loop runs 16 iterations at a time while the 16th is in range, the original
// loop does the rest.
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
// RUN: spirv-val --target-env vulkan1.2 %t.spv
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV
// RUN: %hematite --target=vulkan1.2 -O1 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV-O1
// RUN: %hematite --target=vulkan1.2 -C check-versioning=off --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV-NOCV
use gpu::*;

#[kernel]
pub fn grid_sum(x: &[f32], out: &mut [f32], n: u32) {
    let stride = block_dim_x() as usize * grid_dim_x() as usize;
    let mut s = 0.0f32;
    let mut i = global_idx_x();
    while i < n as usize {
        s += x[i];
        i += stride;
    }
    let g = global_idx_x();
    if g < out.len() {
        out[g] = s;
    }
}

#[kernel]
pub fn with_barrier(x: &[f32], out: &mut [f32]) {
    let mut s = 0.0f32;
    let mut i = thread_idx_x() as usize;
    while i < x.len() {
        s += x[i];
        sync_threads();
        i += block_dim_x() as usize;
    }
    let g = global_idx_x();
    if g < out.len() {
        out[g] = s;
    }
}
// The unroller's remainder count (xtraiter) is there in grid_sum only.
// LLVM-LABEL: define {{.*}}@grid_sum(
// LLVM: %xtraiter
// LLVM-LABEL: define {{.*}}@with_barrier(
// LLVM-NOT: %xtraiter
// LLVM: }
// grid_sum's loop is versioned (its check on x[i] decided before it): one load
// in the checked copy, which stays rolled, one in the remainder loop and 16
// in the unrolled one; with_barrier's loop keeps its one.
// PTX-LABEL: .entry grid_sum(
// PTX-COUNT-18: ld.global.nc.b32
// PTX-NOT: ld.global
// PTX-LABEL: .entry with_barrier(
// PTX: ld.global.nc.b32
// PTX-NOT: ld.global
// At -O1 the pass does not run: no remainder count (the unroller consumes the
// unroll.count metadata, so the optimized IR never shows it).
// O1-LABEL: define {{.*}}@grid_sum(
// O1-NOT: %xtraiter
// O1: }
// NOCV-LABEL: .entry grid_sum(
// NOCV: ld.global.nc.b32
// NOCV-NOT: ld.global
// NOCV: .entry with_barrier(

// SPIR-V: the unrolled copy (16 loads of x in one block), then the original
// loop with its one load (both in the copy without checks), then the checked
// copy's loop.
// SPV-LABEL: %grid_sum = OpFunction
// SPV: OpLoopMerge
// SPV-COUNT-16: OpLoad %float
// SPV-NEXT: OpFAdd
// SPV: OpLoopMerge
// SPV-NEXT: OpBranchConditional
// SPV-NOT: OpLoopMerge
// SPV-COUNT-1: OpLoad %float
// SPV: OpLoopMerge
// SPV-COUNT-1: OpLoad %float
// SPV-NOT: OpLoad %float
// SPV: OpFunctionEnd
// SPV-LABEL: %with_barrier = OpFunction
// SPV-COUNT-1: OpLoad %float
// SPV-NOT: OpLoad %float
// SPV: OpFunctionEnd
// Without it, one loop (at -O1 there is no versioning either, and function
// variables are loaded as well: loops are counted, not loads).
// SPV-O1-LABEL: %grid_sum = OpFunction
// SPV-O1-COUNT-1: OpLoopMerge
// SPV-O1-NOT: OpLoopMerge
// SPV-O1: OpFunctionEnd
// SPV-NOCV-LABEL: %grid_sum = OpFunction
// SPV-NOCV-COUNT-1: OpLoopMerge
// SPV-NOCV-NOT: OpLoopMerge
// SPV-NOCV: OpFunctionEnd
