// Operator bounds on type parameters (`T: Add<Output = T> + Mul<Output = T>`):
// the same generic axpy is monomorphized to float ops for f32 and integer ops
// (wrapping) for u32.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
use core::ops::{Add, AddAssign, Mul};
use gpu::*;

fn axpy<T: Add<Output = T> + Mul<Output = T> + Copy>(a: T, x: T, y: T) -> T {
    a * x + y
}

fn total<T: AddAssign + Copy>(mut acc: T, v: T, n: u32) -> T {
    for _ in 0..n {
        acc += v;
    }
    acc
}

#[kernel]
pub fn kf(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() && i < y.len() {
        y[i] = axpy(a, x[i], y[i]);
    }
}

#[kernel]
pub fn ku(a: u32, x: &[u32], y: &mut [u32]) {
    let i = global_idx_x();
    if i < x.len() && i < y.len() {
        y[i] = total(axpy(a, x[i], y[i]), 3, 2);
    }
}

// CHECK-LABEL: func.func @kf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-LABEL: func.func @ku
// CHECK: arith.muli
// CHECK: arith.addi
