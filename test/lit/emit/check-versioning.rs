// Check versioning (backends/llvm_common/check_versioning.cpp): a loop whose
// bounds checks can be decided before it starts gets a copy without them.
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=sm_90 --emit=llvm -C check-versioning=off %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=sm_90 --emit=llvm -O1 %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=gfx942 --emit=llvm %s -o - | FileCheck %s --check-prefix=AMD
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// A thread's array indexed at run time (arrays_local) lives in AMDGPU's private
// address space; in space 0, as MLIR's lowering leaves it, instruction
// selection failed ("Cannot select: FrameIndex"):
// RUN: %hematite --target=gfx942 %S/../../e2e/kernels/lang/arrays.rs -o %t-arrays.hsaco
// The bound's overflow check (llvm.uadd/umul.with.overflow) is there only if
// the branch to the copy is: nothing else uses it.
// OFF-NOT: with.overflow
// OFF-NOT: barrier.cta.sync.all(
use gpu::*;

// `x[base + c]` for c < cols, stepping by the block size: bounded by
// base + cols - 1 before the loop (no division by the step).
// (The copy's loop is then unrolled at run time, unroll_streaming_loops.cpp,
// whose trip count does divide by the step: after the bound.)
// ON-LABEL: define {{.*}}@row_max(
// ON-NOT: udiv
// ON: @llvm.uadd.with.overflow.i64
// ON-LABEL: define
// AMD-LABEL: define {{.*}}@row_max(
// AMD: @llvm.uadd.with.overflow.i64
// AMD-LABEL: define
#[kernel]
pub fn row_max(cols: u32, x: &[f32], out: &mut [f32]) {
    let cols = cols as usize;
    let base = block_idx_x() as usize * cols;
    let mut m = f32::NEG_INFINITY;
    let mut c = thread_idx_x() as usize;
    while c < cols {
        m = m.max(x[base + c]);
        c += block_dim_x() as usize;
    }
    out[global_idx_x()] = m;
}

// An index read from memory has no bound: the loop keeps its check.
// ON-NOT: with.overflow
// ON-LABEL: define {{.*}}@tiles(
#[kernel]
pub fn gather_sum(x: &[f32], idx: &[u32], out: &mut [f32]) {
    let i = global_idx_x();
    let mut s = 0.0f32;
    for k in 0..idx.len() {
        s += x[idx[k] as usize];
    }
    out[i] = s;
}

// A loop with a barrier: NVIDIA's copies meet at `barrier.sync` without
// `.aligned`; AMDGPU cannot let a wave meet at two barriers, so no copy there.
// ON: call void @llvm.nvvm.barrier.cta.sync.all(
// ON-NOT: barrier.cta.sync.aligned
// AMD-LABEL: define {{.*}}@tiles(
// AMD-NOT: with.overflow
// AMD: declare
#[kernel]
pub fn tiles(n: u32, x: &[f32], sel: &[u32], out: &mut [f32]) {
    let tile = shared::<[f32; 256]>();
    let t = thread_idx_x() as usize;
    let mut picks = [0u32; 4];
    let mut acc = 0.0f32;
    let mut base = 0usize;
    while base < n as usize {
        tile[t] = x[base + t];
        sync_threads();
        acc += tile[255 - t];
        picks[(base / 256) % 4] += 1;
        sync_threads();
        base += 256;
    }
    out[global_idx_x()] = acc + picks[sel[0] as usize % 4] as f32;
}

// No loops: checks outside the entry block whose conditions can be computed in
// it are, and the rest of the body runs in a copy without them if they pass
// (two or more: one check up front costs what it costs in place).
// ON-LABEL: define {{.*}}@neighbours(
// ON: br i1 %{{.*}}, label %unchecked, label %checked
// OFF-NOT: label %unchecked
#[kernel]
pub fn neighbours(src: &[f32], dst: &mut [f32]) {
    let i = global_idx_x();
    if i > 0 && i < dst.len() {
        dst[i] = src[i - 1] + src[i] + src[i + 1];
    }
}

// ON-LABEL: define {{.*}}@one_check(
// ON-NOT: label %unchecked
// ON: declare
#[kernel]
pub fn one_check(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}
