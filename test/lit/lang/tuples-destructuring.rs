// Tuples and destructuring: tuple returns, nested tuple patterns with `_`,
// struct patterns with `..`, tuple-struct patterns, patterns as function
// parameters, tuple fields `.0`/`.1` (nested too). Each element lands on the
// right leaf: a swap in the wrong order, or `.0` confused with `.1`, changes
// which argument feeds which op below.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[A:[a-z0-9]+]]: i32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i32 {hm.name = "b"}, %[[F:[a-z0-9]+]]: f32 {hm.name = "f"}, %[[G:[a-z0-9]+]]: f32 {hm.name = "g"}
// CHECK-NOT: memref
// divmod returns (a / b, a % b).
// CHECK: %[[Q:.*]] = arith.divui %[[A]], %[[B]] : i32
// CHECK: %[[R:.*]] = arith.remui %[[A]], %[[B]] : i32
// (c, d) = swap_pair((f, g)) = (g, f); sel = if a > b { d } else { c }.
// CHECK: %[[GT:.*]] = arith.cmpi ugt, %[[A]], %[[B]] : i32
// CHECK: %[[SEL:.*]] = arith.select %[[GT]], %[[F]], %[[G]] : f32
// norm2(P { x: px, y: t }) with px = f, t = g.
// CHECK: %[[FF:.*]] = arith.mulf %[[F]], %[[F]] : f32
// CHECK: %[[GG:.*]] = arith.mulf %[[G]], %[[G]] : f32
// CHECK: %[[N:.*]] = arith.addf %[[FF]], %[[GG]] : f32
// CHECK: %[[D:.*]] = arith.subf %[[N]], %[[SEL]] : f32
// W(u, _) = W(q, r) binds u = q; tup.0 = r.
// CHECK: %[[QF:.*]] = arith.uitofp %[[Q]] : i32 to f32
// CHECK: %[[S1:.*]] = arith.addf %[[D]], %[[QF]] : f32
// CHECK: %[[RF:.*]] = arith.uitofp %[[R]] : i32 to f32
// CHECK: %[[S2:.*]] = arith.addf %[[S1]], %[[RF]] : f32
// CHECK: hm.slice_store %[[S2]]
use gpu::*;

#[derive(Clone, Copy)]
struct P {
    x: f32,
    y: f32,
}

#[derive(Clone, Copy)]
struct W(u32, u32);

fn divmod(a: u32, b: u32) -> (u32, u32) {
    (a / b, a % b)
}

fn norm2(P { x, y }: P) -> f32 {
    x * x + y * y
}

fn swap_pair((a, b): (f32, f32)) -> (f32, f32) {
    (b, a)
}

#[kernel]
pub fn k(a: u32, b: u32, f: f32, g: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let (q, r) = divmod(a, b);
        let ((s, _), t) = ((f, 1.0f32), g);
        let P { x: px, .. } = P { x: s, y: t };
        let W(u, _) = W(q, r);
        let (c, d) = swap_pair((f, g));
        let tup: (u32, (f32, bool)) = (r, (d, a > b));
        let nested = tup.1;
        let sel = if nested.1 { nested.0 } else { c };
        out[i] = norm2(P { x: px, y: t }) - sel + u as f32 + tup.0 as f32;
    }
}
