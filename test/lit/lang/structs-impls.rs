// Structs (named, tuple, unit, nested), struct update syntax, field shorthand,
// impl blocks with `self`, `&self`, `&mut self` receivers and associated
// functions. Aggregates are lowered to their scalar leaves: no aggregate type
// survives in hm, only the field arithmetic.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[A:.*]]: f32 {hm.name = "a"}, %[[OUT:.*]]: !hm.slice<mut f32> {hm.name = "out"}) attributes {hm.kernel}
// CHECK-NOT: tuple<
// CHECK-NOT: struct
// CHECK-NOT: memref
// CHECK-DAG: %[[C7:.*]] = arith.constant 7.000000e+00 : f32
// CHECK-DAG: %[[C3:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-DAG: %[[C2:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-DAG: %[[C5:.*]] = arith.constant 5.000000e+00 : f32
// v = Vec3::new(a, 2, 3); v.scale(a): every field times a.
// CHECK: %[[X:.*]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK: %[[Y:.*]] = arith.mulf %[[A]], %[[C2]] : f32
// CHECK: %[[Z:.*]] = arith.mulf %[[A]], %[[C3]] : f32
// r.o.dot(r.d) with r.d = Vec3 { z: 7.0, ..v }: x*x + y*y + z*7.
// CHECK: %[[XX:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK: %[[YY:.*]] = arith.mulf %[[Y]], %[[Y]] : f32
// CHECK: %[[S1:.*]] = arith.addf %[[XX]], %[[YY]] : f32
// CHECK: %[[ZZ:.*]] = arith.mulf %[[Z]], %[[C7]] : f32
// CHECK: %[[S2:.*]] = arith.addf %[[S1]], %[[ZZ]] : f32
// + r.t.0 (the tuple struct's field, 5.0).
// CHECK: %[[S3:.*]] = arith.addf %[[S2]], %[[C5]] : f32
// CHECK: hm.slice_store %[[S3]], %[[OUT]][%{{.*}}] : <mut f32>
// CHECK-NOT: tuple<
// CHECK-NOT: struct
// CHECK-NOT: memref
// CHECK: return
use gpu::*;

#[derive(Clone, Copy)]
struct Vec3 {
    x: f32,
    y: f32,
    z: f32,
}

#[derive(Clone, Copy)]
struct Meters(f32);

#[derive(Clone, Copy)]
struct Marker;

#[derive(Clone, Copy)]
struct Ray {
    o: Vec3,
    d: Vec3,
    t: Meters,
    _m: Marker,
}

impl Vec3 {
    fn new(x: f32, y: f32, z: f32) -> Vec3 {
        Vec3 { x, y, z }
    }
    fn dot(self, o: Vec3) -> f32 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
    fn scale(&mut self, s: f32) {
        self.x *= s;
        self.y *= s;
        self.z *= s;
    }
}

impl Ray {
    fn origin_dot_dir(&self) -> f32 {
        self.o.dot(self.d)
    }
    fn with_dir(self, d: Vec3) -> Self {
        Self { d, ..self }
    }
}

#[kernel]
pub fn k(a: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let mut v = Vec3::new(a, 2.0, 3.0);
        v.scale(a);
        let r = Ray { o: v, d: v, t: Meters(5.0), _m: Marker };
        let r = r.with_dir(Vec3 { z: 7.0, ..v });
        out[i] = r.origin_dot_dir() + r.t.0;
    }
}
