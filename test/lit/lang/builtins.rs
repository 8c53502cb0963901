// Builtin methods of numbers that every target compiles (the f32
// transcendentals are in builtins-transcendental.rs: sm_90 and gfx942 refuse
// most of them with H0900 until libdevice/ocml are linked). Each lowers to the
// op with Rust's semantics: min/max ignore NaN (minnumf/maxnumf), clamp keeps
// NaN, signum keeps NaN, fract is x - trunc(x), is_finite is |x| < inf, pow
// and powi are square-and-multiply loops, saturating ops compare and select,
// rotates are two shifts by masked amounts.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @floats(
// CHECK-SAME: %[[X:[a-z0-9]+]]: f32 {hm.name = "x"}, %[[Y:[a-z0-9]+]]: f32 {hm.name = "y"}
// CHECK-DAG: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK-DAG: %[[SIGNBIT:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG: %[[THREE:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-DAG: %[[P3:.*]] = arith.constant 3 : i32
// CHECK: math.sqrt %[[X]] : f32
// CHECK: %[[ABS:.*]] = math.absf %[[X]] : f32
// CHECK: math.floor %[[X]] : f32
// CHECK: math.ceil %[[X]] : f32
// CHECK: math.round %[[X]] : f32
// CHECK: %[[TR:.*]] = math.trunc %[[X]] : f32
// CHECK: arith.minnumf %[[X]], %[[Y]] : f32
// CHECK: arith.maxnumf %[[X]], %[[Y]] : f32
// clamp(-1, 1)
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[X]], %[[MONE]] : f32
// CHECK: %[[CL1:.*]] = arith.select %[[LT]], %[[MONE]], %[[X]] : f32
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[CL1]], %[[ONE]] : f32
// CHECK: arith.select %[[GT]], %[[ONE]], %[[CL1]] : f32
// CHECK: math.fma %[[X]], %[[Y]], %[[THREE]] : f32
// fract, signum
// CHECK: arith.subf %[[X]], %[[TR]] : f32
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK: %[[CS:.*]] = math.copysign %[[ONE]], %[[X]] : f32
// CHECK: arith.select %[[NAN]], %[[X]], %[[CS]] : f32
// powi(3): starts at (1.0, x, 3), squares, multiplies on odd bits.
// CHECK: cf.br ^bb[[PW:[0-9]+]](%[[ONE]], %[[X]], %[[P3]] : f32, f32, i32)
// CHECK: ^bb[[PW]](%[[ACC:[0-9]+]]: f32, %[[BASE:[0-9]+]]: f32, %[[E:[0-9]+]]: i32):
// CHECK: arith.mulf %[[ACC]], %[[BASE]] : f32
// CHECK: arith.mulf %[[BASE]], %[[BASE]] : f32
// CHECK: arith.shrui %[[E]]
// to_bits / from_bits are bitcasts.
// CHECK: %[[BITS:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK: %[[FL:.*]] = arith.xori %[[BITS]], %[[SIGNBIT]] : i32
// CHECK: arith.bitcast %[[FL]] : i32 to f32
// CHECK: arith.extui %[[NAN]] : i1 to i32
// CHECK: arith.cmpf olt, %[[ABS]], %[[INF]] : f32
// CHECK-NOT: hm.panic
// CHECK: hm.slice_store

// CHECK-LABEL: func.func @ints(
// CHECK-SAME: %[[A:[a-z0-9]+]]: i32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i32 {hm.name = "b"}, %[[S:[a-z0-9]+]]: i32 {hm.name = "s"}, %[[W:[a-z0-9]+]]: i8 {hm.name = "w"}
// CHECK-DAG: %[[C27:.*]] = arith.constant 27 : i32
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : i32
// CHECK-DAG: %[[U8MAX:.*]] = arith.constant -1 : i8
// CHECK-DAG: %[[C200:.*]] = arith.constant -56 : i8
// CHECK-DAG: %[[C20:.*]] = arith.constant 20 : i32
// CHECK-DAG: %[[C10:.*]] = arith.constant 10 : i32
// CHECK-DAG: %[[U32MAX:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[C31:.*]] = arith.constant 31 : i32
// CHECK-DAG: %[[Z:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i32
// a.pow(3): exponent 3, base a.
// CHECK: ^bb{{[0-9]+}}(%[[ONE]], %[[A]], %[[C3]] : i32, i32, i32)
// rotate_left(b): a << (b & 31) | a >> (-b & 31)
// CHECK: %[[L:.*]] = arith.andi %[[B]], %[[C31]] : i32
// CHECK: %[[NL:.*]] = arith.subi %[[Z]], %[[L]] : i32
// CHECK: %[[R:.*]] = arith.andi %[[NL]], %[[C31]] : i32
// CHECK: %[[SHL:.*]] = arith.shli %[[A]], %[[L]] : i32
// CHECK: %[[SHR:.*]] = arith.shrui %[[A]], %[[R]] : i32
// CHECK: arith.ori %[[SHL]], %[[SHR]] : i32
// rotate_right(5)
// CHECK: %[[R5:.*]] = arith.shrui %[[A]], %[[C5]] : i32
// CHECK: %[[L27:.*]] = arith.shli %[[A]], %[[C27]] : i32
// CHECK: arith.ori %[[R5]], %[[L27]] : i32
// wrapping_sub, saturating_add (a + b < a -> MAX), saturating_sub (a < b -> 0)
// CHECK: %[[WS:.*]] = arith.subi %[[A]], %[[B]] : i32
// CHECK: %[[SUM:.*]] = arith.addi %[[A]], %[[B]] : i32
// CHECK: %[[OV:.*]] = arith.cmpi ult, %[[SUM]], %[[A]] : i32
// CHECK: arith.select %[[OV]], %[[U32MAX]], %[[SUM]] : i32
// CHECK: %[[UN:.*]] = arith.cmpi ult, %[[A]], %[[B]] : i32
// CHECK: arith.select %[[UN]], %[[Z]], %[[WS]] : i32
// count_ones, leading_zeros, trailing_zeros, count_zeros = ctpop(!a)
// CHECK: math.ctpop %[[A]] : i32
// CHECK: math.ctlz %[[A]] : i32
// CHECK: math.cttz %[[A]] : i32
// CHECK: %[[NOT:.*]] = arith.xori %[[A]], %[[U32MAX]] : i32
// CHECK: math.ctpop %[[NOT]] : i32
// unsigned min/max/clamp
// CHECK: arith.minui %[[A]], %[[B]] : i32
// CHECK: arith.maxui %[[A]], %[[B]] : i32
// CHECK: %[[LO:.*]] = arith.maxui %[[A]], %[[C10]] : i32
// CHECK: arith.minui %[[LO]], %[[C20]] : i32
// s.abs(), s.wrapping_neg()
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[S]], %[[Z]] : i32
// CHECK: %[[MS:.*]] = arith.subi %[[Z]], %[[S]] : i32
// CHECK: arith.select %[[NEG]], %[[MS]], %[[S]] : i32
// w.saturating_add(200) on u8
// CHECK: %[[WSUM:.*]] = arith.addi %[[W]], %[[C200]] : i8
// CHECK: %[[WOV:.*]] = arith.cmpi ult, %[[WSUM]], %[[W]] : i8
// CHECK: arith.select %[[WOV]], %[[U8MAX]], %[[WSUM]] : i8
// is_power_of_two: a != 0 && a & (a - 1) == 0
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %[[A]], %[[Z]] : i32
// CHECK: %[[AM1:.*]] = arith.subi %[[A]], %[[ONE]] : i32
// CHECK: %[[AND:.*]] = arith.andi %[[A]], %[[AM1]] : i32
// CHECK: %[[ISZ:.*]] = arith.cmpi eq, %[[AND]], %[[Z]] : i32
// CHECK: arith.andi %[[NZ]], %[[ISZ]] : i1
// pow's loop body: multiply on odd exponent bits, square the base.
// CHECK: ^bb{{[0-9]+}}:
// CHECK: arith.muli
use gpu::*;

#[kernel]
pub fn floats(x: f32, y: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let a = x.sqrt() + x.abs() + x.floor() + x.ceil() + x.round() + x.trunc();
        let b = x.min(y) + f32::max(x, y) + x.clamp(-1.0, 1.0) + x.mul_add(y, 3.0);
        let c = x.fract() + x.signum() + x.powi(3);
        let d = f32::from_bits(x.to_bits() ^ 0x8000_0000);
        let e = x.is_nan() as u32 + x.is_finite() as u32 * 2;
        out[i] = a + b + c + d + e as f32;
    }
}

#[kernel]
pub fn ints(a: u32, b: u32, s: i32, w: u8, out: &mut [u32]) {
    let i = global_idx_x();
    if i < out.len() {
        let p = a.pow(3) + a.rotate_left(b) + a.rotate_right(5);
        let q = a.wrapping_sub(b) ^ a.saturating_add(b) ^ a.saturating_sub(b);
        let r = a.count_ones() + a.leading_zeros() + a.trailing_zeros() + a.count_zeros();
        let t = a.swap_bytes() ^ a.reverse_bits() ^ a.min(b) ^ a.max(b) ^ a.clamp(10, 20);
        let u = s.abs() as u32 + s.wrapping_neg() as u32 + w.saturating_add(200) as u32;
        out[i] = p ^ q ^ r ^ t ^ u ^ a.is_power_of_two() as u32;
    }
}
