// A `for` over a constant range of at most 32 iterations is unrolled fully on
// the LLVM targets (llvm.loop.unroll.full on its back edge, as nvcc does with
// such loops): per-thread register arrays become registers and their indices
// constants. Loops with a bound known only at run time, or longer ones, keep
// LLVM's own heuristics. On SPIR-V the same loops get the Unroll loop
// control (backends/spirv/unroll_hints.cpp), the others None.
// RUN: %hematite --target=sm_90 --emit=hm %s -o - | FileCheck %s --check-prefix=HM
// RUN: %hematite --target=sm_90 --emit=llvm -O0 %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
// RUN: %hematite --target=vulkan1.2 -O0 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV

use gpu::*;

const N: usize = 8;

#[kernel]
pub fn k(x: &[f32], out: &mut [f32], n: u32) {
    let i = global_idx_x();
    if i >= out.len() {
        return;
    }
    let mut acc = [0.0f32; N];
    for j in 0..N {
        acc[j] = x[(i + j) % x.len()];
    }
    let mut s = 0.0f32;
    for j in 0..N / 2 {
        s += acc[2 * j] * acc[2 * j + 1];
    }
    for _ in 0..n {
        s = s * 0.5;
    }
    for j in 0..100 {
        s += j as f32;
    }
    out[i] = s;
}

// Two small loops are marked, the run-time and the 100-iteration ones not.
// HM-COUNT-2: hm.unroll_full
// HM-NOT: hm.unroll_full
// LLVM-COUNT-2: !llvm.loop
// LLVM-NOT: !llvm.loop !{{[0-9]+}}
// LLVM: !"llvm.loop.unroll.full"
// The unrolled loops leave no local-memory array.
// PTX-NOT: .local
// PTX: .entry k(

// SPV: OpLoopMerge {{%[0-9]+ %[0-9]+}} Unroll
// SPV: OpLoopMerge {{%[0-9]+ %[0-9]+}} Unroll
// SPV: OpLoopMerge {{%[0-9]+ %[0-9]+}} None
// SPV: OpLoopMerge {{%[0-9]+ %[0-9]+}} None
// SPV-NOT: OpLoopMerge
// SPV-NOT: hm.unroll_marker
