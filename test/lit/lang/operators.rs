// Operator overloading through core::ops: `+`, `*` with a different Rhs, unary
// `-` and `+=` on a struct become calls of the impls' methods, inlined to the
// field arithmetic (w = v + v * 2.0; w += -v, so w.x = 2 a[i]).
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
use gpu::*;
use core::ops::{Add, Mul, Neg, AddAssign};

#[derive(Clone, Copy, PartialEq)]
struct V3 { x: f32, y: f32, z: f32 }

impl Add for V3 {
    type Output = V3;
    fn add(self, o: V3) -> V3 { V3 { x: self.x + o.x, y: self.y + o.y, z: self.z + o.z } }
}
impl Mul<f32> for V3 {
    type Output = Self;
    fn mul(self, k: f32) -> Self::Output { V3 { x: self.x * k, y: self.y * k, z: self.z * k } }
}
impl Neg for V3 {
    type Output = V3;
    fn neg(self) -> V3 { V3 { x: -self.x, y: -self.y, z: -self.z } }
}
impl AddAssign for V3 {
    fn add_assign(&mut self, o: V3) { self.x += o.x; self.y += o.y; self.z += o.z; }
}

#[kernel]
pub fn k(a: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() && i < a.len() {
        let v = V3 { x: a[i], y: 1.0, z: 2.0 };
        let mut w = v + v * 2.0;
        w += -v;
        out[i] = w.x + w.y + w.z;
    }
}

// CHECK: [[A:%[0-9]+]] = hm.slice_load
// CHECK: [[TWICE:%[0-9]+]] = arith.mulf [[A]], %{{.*}} : f32
// CHECK: [[THRICE:%[0-9]+]] = arith.addf [[A]], [[TWICE]] : f32
// CHECK: [[NEG:%[0-9]+]] = arith.negf [[A]] : f32
// CHECK: arith.addf [[THRICE]], [[NEG]] : f32
// CHECK-NOT: func.call
