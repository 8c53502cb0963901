// On SPIR-V, a loop with a run-time trip count that reads a slice gets a copy
// in front of it that runs 16 iterations at a time while the 16th is still in
// range, the original loop doing the rest (backends/spirv/unroll_streaming_loops.cpp;
// Vulkan drivers do not unroll such loops on a hint). Loops with a barrier,
// loops that keep their bounds checks, and everything at -O1 stay as they are.
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
// RUN: spirv-val --target-env vulkan1.2 %t.spv
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s
// RUN: %hematite --target=vulkan1.2 -O1 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=O1
// RUN: %hematite --target=vulkan1.2 -C check-versioning=off --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=NOCV
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

// The unrolled copy: 16 loads of x in one block; then the original loop with
// its one load (both in the copy without checks); then the checked copy.
// CHECK-LABEL: %grid_sum = OpFunction
// CHECK: OpLoopMerge
// CHECK-COUNT-16: OpLoad %float
// CHECK-NEXT: OpFAdd
// CHECK: OpLoopMerge
// CHECK-NEXT: OpBranchConditional
// CHECK-NOT: OpLoopMerge
// CHECK-COUNT-1: OpLoad %float
// CHECK: OpLoopMerge
// CHECK-COUNT-1: OpLoad %float
// CHECK-NOT: OpLoad %float
// CHECK: OpFunctionEnd
// CHECK-LABEL: %with_barrier = OpFunction
// CHECK-COUNT-1: OpLoad %float
// CHECK-NOT: OpLoad %float
// CHECK: OpFunctionEnd

// Without it: one loop (at -O1 there is no versioning either; function
// variables are loaded as well, so loops are counted, not loads).
// O1-LABEL: %grid_sum = OpFunction
// O1-COUNT-1: OpLoopMerge
// O1-NOT: OpLoopMerge
// O1: OpFunctionEnd

// NOCV-LABEL: %grid_sum = OpFunction
// NOCV-COUNT-1: OpLoopMerge
// NOCV-NOT: OpLoopMerge
// NOCV: OpFunctionEnd
