// -C fmad=on lets a float multiply feeding an add become one FMA, as nvcc's
// default --fmad=true; without it (Rust's semantics) both are rounded.
// RUN: %hematite --target=sm_90 -C fmad=on %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=gfx942 -C fmad=on --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GFX
use gpu::*;

#[kernel]
pub fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}
// ON: fma.rn.f32
// OFF-NOT: fma.rn.f32
// OFF: mul.rn.f32
// OFF: add.rn.f32
// GFX: v_fma{{c?}}_f32
