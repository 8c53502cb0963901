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
