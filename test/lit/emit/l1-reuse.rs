// L1 eviction priority for re-read data (backends/llvm_common/keep_reused_loads.cpp):
// read-only loads whose addresses a later loop of the same thread reads again
// become `ld.global.nc.L1::evict_last`; the last reads, the slices the kernel
// may write, and loads beside another (left to the load-store vectorizer) stay
// as they were. Needs PTX ISA 7.4 (sm_90's default 7.8; sm_80's 7.0 only with
// -C ptx-version), -O2 and up; nothing on gfx942 or SPIR-V.
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_80 -C ptx-version=7.4 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=sm_80 %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=sm_90 -C l1-reuse=off %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=sm_90 -O1 %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=gfx942 --emit=llvm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=OFF
// OFF-NOT: evict_last
// OFF-NOT: hematite.reused

// The first pass (the 16 unrolled loads, the remainder's and the checked
// copy's) is read again by the second; the second is read by nothing after.
// PTX-LABEL: .entry two_passes(
// PTX-NOT: ld.global.nc.b32
// PTX-COUNT-18: ld.global.nc.L1::evict_last.b32 {{%r[0-9]+}}, [{{%rd[0-9]+}}];
// PTX-NOT: evict_last
// PTX: ld.global.nc.b32
// PTX-NEXT: sub.f32
// PTX-NOT: evict_last
// LLVM-LABEL: define {{.*}} @two_passes(
// LLVM: call i32 asm sideeffect "ld.global.nc.L1::evict_last.b32 $0, [$1];", "=r,l"(ptr addrspace(1)
// LLVM-NEXT: bitcast i32 {{.*}} to float
use gpu::*;

// Two passes over a row: the first pass's loads are read again by the second.
#[kernel]
pub fn two_passes(cols: u32, x: &[f32], out: &mut [f32]) {
    let cols = cols as usize;
    let base = block_idx_x() as usize * cols;
    let mut m = f32::NEG_INFINITY;
    let mut c = thread_idx_x() as usize;
    while c < cols {
        m = m.max(x[base + c]);
        c += block_dim_x() as usize;
    }
    let mut c = thread_idx_x() as usize;
    while c < cols {
        out[base + c] = x[base + c] - m;
        c += block_dim_x() as usize;
    }
}

// One pass: nothing is read again.
// PTX-LABEL: .entry one_pass(
// PTX-NOT: evict_last
#[kernel]
pub fn one_pass(x: &[f32], out: &mut [f32]) {
    let mut s = 0.0f32;
    let mut i = global_idx_x();
    while i < x.len() {
        s += x[i];
        i += block_dim_x() as usize * grid_dim_x() as usize;
    }
    if global_idx_x() < out.len() {
        out[global_idx_x()] = s;
    }
}

// Read twice, but from a slice the kernel may write: not read-only, no hint.
// PTX-LABEL: .entry in_place(
// PTX-NOT: evict_last
#[kernel]
pub fn in_place(cols: u32, x: &mut [f32]) {
    let cols = cols as usize;
    let base = block_idx_x() as usize * cols;
    let mut m = f32::NEG_INFINITY;
    let mut c = thread_idx_x() as usize;
    while c < cols {
        m = m.max(x[base + c]);
        c += block_dim_x() as usize;
    }
    sync_threads();
    let mut c = thread_idx_x() as usize;
    while c < cols {
        x[base + c] = x[base + c] - m;
        c += block_dim_x() as usize;
    }
}

// Rows in a loop: each row's first pass is read again by its second, but the
// second pass is not read again by the next row's first.
// PTX-LABEL: .entry row_loop(
// PTX: ld.global.nc.L1::evict_last.b32
// PTX-NEXT: // end inline asm
// PTX-NEXT: max.f32
// PTX-NOT: evict_last
// PTX: ld.global.nc.b32
// PTX-NEXT: sub.f32
// PTX-NOT: evict_last
#[kernel]
pub fn row_loop(rows: u32, cols: u32, x: &[f32], out: &mut [f32]) {
    let cols = cols as usize;
    let mut r = block_idx_x() as usize;
    while r < rows as usize {
        let base = r * cols;
        let mut m = f32::NEG_INFINITY;
        let mut c = thread_idx_x() as usize;
        while c < cols {
            m = m.max(x[base + c]);
            c += block_dim_x() as usize;
        }
        let mut c = thread_idx_x() as usize;
        while c < cols {
            out[base + c] = x[base + c] - m;
            c += block_dim_x() as usize;
        }
        r += grid_dim_x() as usize;
    }
}

// Pairs of neighbours: left to the load-store vectorizer, no hint.
// PTX-LABEL: .entry pairs(
// PTX-NOT: evict_last
#[kernel]
pub fn pairs(n: u32, x: &[f32], out: &mut [f32]) {
    let mut m = f32::NEG_INFINITY;
    let mut c = thread_idx_x() as usize;
    while c < n as usize {
        m = m.max(x[2 * c].max(x[2 * c + 1]));
        c += block_dim_x() as usize;
    }
    let mut c = thread_idx_x() as usize;
    while c < n as usize {
        out[c] = x[2 * c] + x[2 * c + 1] - m;
        c += block_dim_x() as usize;
    }
}

// A constant offset stays in the instruction (the remainder loop's load; the
// unrolled ones are neighbours).
// PTX-LABEL: .entry shifted(
// PTX: ld.global.nc.L1::evict_last.b32 {{%r[0-9]+}}, [{{%rd[0-9]+}}+32];
#[kernel]
pub fn shifted(n: u32, x: &[f32], out: &mut [f32]) {
    let mut m = f32::NEG_INFINITY;
    let mut c = thread_idx_x() as usize;
    while c < n as usize {
        m = m.max(x[c + 8]);
        c += 1;
    }
    let mut c = thread_idx_x() as usize;
    while c < n as usize {
        out[c] = x[c + 8] - m;
        c += 1;
    }
}

// 64-bit values take the 64-bit form.
// PTX-LABEL: .entry two_passes_f64(
// PTX: ld.global.nc.L1::evict_last.b64 {{%rd[0-9]+}}, [{{%rd[0-9]+}}];
#[kernel]
pub fn two_passes_f64(cols: u32, x: &[f64], out: &mut [f64]) {
    let cols = cols as usize;
    let base = block_idx_x() as usize * cols;
    let mut m = f64::NEG_INFINITY;
    let mut c = thread_idx_x() as usize;
    while c < cols {
        m = m.max(x[base + c]);
        c += block_dim_x() as usize;
    }
    let mut c = thread_idx_x() as usize;
    while c < cols {
        out[base + c] = x[base + c] - m;
        c += block_dim_x() as usize;
    }
}
