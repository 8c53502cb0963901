// Every load from a `&[T]` is tagged !invariant.load
// (backends/llvm_common/tag_read_only_loads.cpp), so it takes the read-only
// path (ld.global.nc) however long its address computation is: in a loop
// unrolled 16 times, NVPTX's own inference (6 steps from the argument) used
// to miss the later copies. Loads from a `&mut [T]` are not tagged.
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
use gpu::*;

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
    let g = global_idx_x();
    if g < out.len() {
        out[g] = m;
    }
}

#[kernel]
pub fn accumulate(x: &[f32], y: &mut [f32]) {
    let mut i = global_idx_x();
    while i < y.len() && i < x.len() {
        y[i] = y[i] + x[i];
        i += block_dim_x() as usize * grid_dim_x() as usize;
    }
}

// LLVM-LABEL: define ptx_kernel void @row_max(
// LLVM-COUNT-16: load float, ptr addrspace(1) %{{.*}}, align 4, !invariant.load
// LLVM-LABEL: define ptx_kernel void @accumulate(
// The unrolled body: y's loads are plain, x's are tagged.
// LLVM: load float, ptr addrspace(1) %{{[0-9a-z.]+}}, align 4{{$}}
// LLVM: load float, ptr addrspace(1) %{{[0-9a-z.]+}}, align 4, !invariant.load

// PTX-LABEL: .entry row_max(
// PTX-NOT: ld.global.b32
// PTX-COUNT-16: ld.global.nc.b32
// PTX-NOT: ld.global.b32
// PTX-LABEL: .entry accumulate(
// PTX-DAG: ld.global.b32
// PTX-DAG: ld.global.nc.b32
