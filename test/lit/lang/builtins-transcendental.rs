// The f32 transcendental methods, each one math op (hypot is expanded to a
// scaled sqrt that avoids overflow, with its infinity and zero cases).
// vulkan1.2 compiles them all; sm_90 does only where libdevice is found
// (test/lit/emit/libdevice-ptx.rs) and gfx942 where ocml is found
// (test/lit/emit/ocml-amdgcn.rs), so this file has no PTX/HSACO RUN line. `atan2` and `cbrt` are in
// test/lit/emit/spirv-atan2-cbrt.rs.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[X:[a-z0-9]+]]: f32 {hm.name = "x"}, %[[Y:[a-z0-9]+]]: f32 {hm.name = "y"}
// CHECK-DAG: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: math.exp %[[X]] : f32
// CHECK: math.exp2 %[[X]] : f32
// CHECK: math.log %[[X]] : f32
// CHECK: math.log2 %[[X]] : f32
// CHECK: math.log10 %[[X]] : f32
// CHECK: math.sin %[[X]] : f32
// CHECK: math.cos %[[X]] : f32
// CHECK: math.tan %[[X]] : f32
// CHECK: math.tanh %[[X]] : f32
// CHECK: math.asin %[[X]] : f32
// CHECK: math.acos %[[X]] : f32
// CHECK: math.atan %[[X]] : f32
// CHECK: math.sinh %[[X]] : f32
// CHECK: math.cosh %[[X]] : f32
// CHECK: math.powf %[[X]], %[[Y]] : f32
// hypot(x, y) = hi * sqrt(1 + (lo / hi)^2), 0 if hi == 0, inf if either is inf
// CHECK: %[[AX:.*]] = math.absf %[[X]] : f32
// CHECK: %[[AY:.*]] = math.absf %[[Y]] : f32
// CHECK: %[[HI:.*]] = arith.maximumf %[[AX]], %[[AY]] : f32
// CHECK: %[[LO:.*]] = arith.minimumf %[[AX]], %[[AY]] : f32
// CHECK: %[[Q:.*]] = arith.divf %[[LO]], %[[HI]] : f32
// CHECK: %[[QQ:.*]] = arith.mulf %[[Q]], %[[Q]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[QQ]], %[[ONE]] : f32
// CHECK: %[[R:.*]] = math.sqrt %[[S]] : f32
// CHECK: %[[H:.*]] = arith.mulf %[[HI]], %[[R]] : f32
// CHECK: %[[HZ:.*]] = arith.cmpf oeq, %[[HI]], %[[ZERO]] : f32
// CHECK: %[[H0:.*]] = arith.select %[[HZ]], %[[ZERO]], %[[H]] : f32
// CHECK: %[[XI:.*]] = arith.cmpf oeq, %[[AX]], %[[INF]] : f32
// CHECK: %[[YI:.*]] = arith.cmpf oeq, %[[AY]], %[[INF]] : f32
// CHECK: %[[EI:.*]] = arith.ori %[[XI]], %[[YI]] : i1
// CHECK: arith.select %[[EI]], %[[INF]], %[[H0]] : f32
// CHECK: hm.slice_store
use gpu::*;

#[kernel]
pub fn k(x: f32, y: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let a = x.exp() + x.exp2() + x.ln() + x.log2() + x.log10();
        let b = x.sin() + x.cos() + x.tan() + x.tanh() + x.asin() + x.acos() + x.atan();
        let c = x.sinh() + x.cosh() + x.powf(y) + x.hypot(y);
        out[i] = a + b + c;
    }
}
