// Integer semantics with the default options: `+`, `-`, `*` and unary `-`
// wrap (plain arith ops, no overflow panic); division and remainder by zero
// panic, and so does signed MIN / -1 and MIN % -1; shift amounts are masked to
// bits-1 (31 for u32/i32, 63 for i64, after extending a u8 amount); `>>` is
// arithmetic on signed and logical on unsigned; float->int casts saturate
// (MAX/MIN at the limits, 0 for NaN) and int->int casts truncate or extend.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @arith(
// CHECK-SAME: %[[A:[a-z0-9]+]]: i32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i32 {hm.name = "b"}, %[[U:[a-z0-9]+]]: i32 {hm.name = "u"}, %[[V:[a-z0-9]+]]: i32 {hm.name = "v"}
// CHECK-DAG: %[[MINUS1:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NOT: hm.panic "attempt to {{add|subtract|multiply|negate}} with overflow"
// CHECK: %[[W:.*]] = arith.addi %[[A]], %[[B]] : i32
// CHECK: %[[X:.*]] = arith.muli %[[U]], %[[V]] : i32
// a / b: b != 0, then !(a == MIN && b == -1).
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %[[B]], %[[ZERO]] : i32
// CHECK: cf.cond_br %[[NZ]], ^bb[[OK0:[0-9]+]], ^bb[[DZ:[0-9]+]]
// CHECK: ^bb[[OK0]]:
// CHECK: %[[ISMIN:.*]] = arith.cmpi eq, %[[A]], %[[MIN]] : i32
// CHECK: %[[ISM1:.*]] = arith.cmpi eq, %[[B]], %[[MINUS1]] : i32
// CHECK: %[[BOTH:.*]] = arith.andi %[[ISMIN]], %[[ISM1]] : i1
// CHECK: %[[NOOV:.*]] = arith.xori %[[BOTH]], %{{.*}} : i1
// CHECK: cf.cond_br %[[NOOV]], ^bb[[OK1:[0-9]+]], ^bb[[OV:[0-9]+]]
// CHECK: ^bb[[DZ]]:
// CHECK-NEXT: hm.panic "attempt to divide by zero"
// CHECK: ^bb[[OK1]]:
// CHECK-NEXT: %[[Q:.*]] = arith.divsi %[[A]], %[[B]] : i32
// CHECK: ^bb[[OV]]:
// CHECK-NEXT: hm.panic "attempt to divide with overflow"
// CHECK: hm.panic "attempt to calculate the remainder with a divisor of zero"
// CHECK: %[[R:.*]] = arith.remsi %[[A]], %[[B]] : i32
// Unsigned division: only the zero check.
// CHECK: %[[VNZ:.*]] = arith.cmpi ne, %[[V]], %[[ZERO]] : i32
// CHECK: hm.panic "attempt to calculate the remainder with overflow"
// CHECK: arith.divui %[[U]], %[[V]] : i32
// CHECK: arith.subi %[[W]], %[[X]] : i32
// -a wraps: 0 - a.
// CHECK: arith.subi %[[ZERO]], %[[A]] : i32
// CHECK-NOT: hm.panic "attempt to {{add|subtract|multiply|negate}} with overflow"
// CHECK: hm.panic "attempt to divide by zero"
// CHECK-NOT: hm.panic

// CHECK-LABEL: func.func @shifts(
// CHECK-SAME: %[[SX:[a-z0-9]+]]: i32 {hm.name = "x"}, %[[SS:[a-z0-9]+]]: i32 {hm.name = "s"}, %[[SY:[a-z0-9]+]]: i64 {hm.name = "y"}, %[[ST:[a-z0-9]+]]: i8 {hm.name = "t"}
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i32
// CHECK-DAG: %[[M63:.*]] = arith.constant 63 : i64
// CHECK-DAG: %[[M31:.*]] = arith.constant 31 : i32
// x << s, s masked to 31
// CHECK: %[[AMT:.*]] = arith.andi %[[SS]], %[[M31]] : i32
// CHECK: arith.shli %[[SX]], %[[AMT]] : i32
// y >> t: the u8 amount is extended to i64, masked to 63, arithmetic shift
// CHECK: %[[TW:.*]] = arith.extui %[[ST]] : i8 to i64
// CHECK: %[[TM:.*]] = arith.andi %[[TW]], %[[M63]] : i64
// CHECK: arith.shrsi %[[SY]], %[[TM]] : i64
// (x as i32) >> s: arithmetic
// CHECK: arith.shrsi %[[SX]], %[[AMT]] : i32
// x >> 3 on u32: logical, constant amount needs no mask
// CHECK: arith.shrui %[[SX]], %[[C3]] : i32
// CHECK-NOT: hm.panic

// CHECK-LABEL: func.func @casts(
// CHECK-SAME: %[[F:[a-z0-9]+]]: f32 {hm.name = "f"}, %[[D:[a-z0-9]+]]: f64 {hm.name = "d"}, %[[N:[a-z0-9]+]]: i64 {hm.name = "n"}
// CHECK-DAG: %[[I32MAX:.*]] = arith.constant 2147483647 : i32
// CHECK-DAG: %[[I32MIN:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG: %[[I32Z:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[TWO31:.*]] = arith.constant 0x41E0000000000000 : f64
// CHECK-DAG: %[[MTWO31:.*]] = arith.constant 0xC1E0000000000000 : f64
// CHECK-DAG: %[[U8MAX:.*]] = arith.constant -1 : i8
// CHECK-DAG: %[[U8Z:.*]] = arith.constant 0 : i8
// CHECK-DAG: %[[F256:.*]] = arith.constant 2.560000e+02 : f32
// CHECK-DAG: %[[FM1:.*]] = arith.constant -1.000000e+00 : f32
// f as u8: >= 256 -> 255, <= -1 -> 0, NaN -> 0, else fptoui of a safe input.
// CHECK: %[[HI:.*]] = arith.cmpf oge, %[[F]], %[[F256]] : f32
// CHECK: %[[LO:.*]] = arith.cmpf ole, %[[F]], %[[FM1]] : f32
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[F]], %[[F]] : f32
// CHECK: %[[SAFE:.*]] = arith.select %{{.*}}, %{{.*}}, %[[F]] : f32
// CHECK: %[[CV:.*]] = arith.fptoui %[[SAFE]] : f32 to i8
// CHECK: %[[S1:.*]] = arith.select %[[HI]], %[[U8MAX]], %[[CV]] : i8
// CHECK: %[[S2:.*]] = arith.select %[[LO]], %[[U8Z]], %[[S1]] : i8
// CHECK: arith.select %[[NAN]], %[[U8Z]], %[[S2]] : i8
// d as i32: >= 2^31 -> MAX, < -2^31 -> MIN, NaN -> 0.
// CHECK: %[[DHI:.*]] = arith.cmpf oge, %[[D]], %[[TWO31]] : f64
// CHECK: %[[DLO:.*]] = arith.cmpf olt, %[[D]], %[[MTWO31]] : f64
// CHECK: %[[DNAN:.*]] = arith.cmpf uno, %[[D]], %[[D]] : f64
// CHECK: %[[DCV:.*]] = arith.fptosi %{{.*}} : f64 to i32
// CHECK: %[[D1:.*]] = arith.select %[[DHI]], %[[I32MAX]], %[[DCV]] : i32
// CHECK: %[[D2:.*]] = arith.select %[[DLO]], %[[I32MIN]], %[[D1]] : i32
// CHECK: arith.select %[[DNAN]], %[[I32Z]], %[[D2]] : i32
// n as u16 truncates; (n as i8) as i64 truncates then sign-extends.
// CHECK: %[[T16:.*]] = arith.trunci %[[N]] : i64 to i16
// CHECK: %[[T8:.*]] = arith.trunci %[[N]] : i64 to i8
// CHECK: arith.extsi %[[T8]] : i8 to i64
// u8 -> i64 zero-extends, i32 -> i64 sign-extends, u16 -> i64 zero-extends.
// CHECK: arith.extui %{{.*}} : i8 to i64
// CHECK: arith.extsi %{{.*}} : i32 to i64
// CHECK: arith.extui %[[T16]] : i16 to i64
// CHECK: arith.extf %[[F]] : f32 to f64
// CHECK-NOT: hm.panic
use gpu::*;

#[kernel]
pub fn arith(a: i32, b: i32, u: u32, v: u32, out: &mut [i32]) {
    let i = global_idx_x();
    if i < out.len() {
        let w = a + b;
        let x = u.wrapping_mul(v) as i32;
        let q = a / b;
        let r = a % b;
        let uq = (u / v) as i32;
        out[i] = w - x + q + r + uq + (-a);
    }
}

#[kernel]
pub fn shifts(x: u32, s: u32, y: i64, t: u8, out: &mut [u64]) {
    let i = global_idx_x();
    if i < out.len() {
        let a = x << s;
        let b = y >> t;
        let c = (x as i32) >> s;
        out[i] = a as u64 + b as u64 + c as u64 + (x >> 3) as u64;
    }
}

#[kernel]
pub fn casts(f: f32, d: f64, n: i64, out: &mut [i64]) {
    let i = global_idx_x();
    if i < out.len() {
        let a = f as u8;
        let b = d as i32;
        let c = n as u16;
        let e = (n as i8) as i64;
        out[i] = a as i64 + b as i64 + c as i64 + e + (f as f64 > d) as i64;
    }
}
