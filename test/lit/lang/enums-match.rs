// C-like enums and match: implicit and explicit discriminants (isize by
// default, `#[repr(u8)]`, negative ones), `use Enum::*`, `==` through
// `derive(PartialEq)`, `as` casts, match on enums, integers (literals, consts,
// ranges, guards, `_`) and tuples with or-patterns. An enum value is its
// discriminant: a match compares against exactly the discriminant constants
// (0, 1, 10, 11 for Op; -3 and 3 for Sign; 200 as u8 is -56 in i8).
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[C:[a-z0-9]+]]: i32 {hm.name = "c"}, %[[S:[a-z0-9]+]]: i32 {hm.name = "s"}
// CHECK-DAG: %[[D0:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[D1:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[D10:.*]] = arith.constant 10 : i64
// CHECK-DAG: %[[D11:.*]] = arith.constant 11 : i64
// CHECK-DAG: %[[NEG3:.*]] = arith.constant -3 : i64
// CHECK-DAG: %[[POS3:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[HIGH:.*]] = arith.constant -56 : i8
// CHECK-DAG: %[[MID:.*]] = arith.constant 77 : i8
// CHECK-DAG: %[[LOW:.*]] = arith.constant 1 : i8
// CHECK-DAG: %[[DIV:.*]] = arith.constant 11 : i32
// CHECK-DAG: %[[K7:.*]] = arith.constant 7 : i32
// decode(c): the match on c yields the discriminants 0, 1, 10, 11 (Div for `_`).
// CHECK: cf.cond_br %{{.*}}, ^bb{{[0-9]+}}(%[[D0]] : i64), ^bb
// CHECK: ^bb{{[0-9]+}}(%[[OP:.*]]: i64):
// apply(op, ..) compares op against each discriminant, and so does `op == Sub`.
// CHECK-DAG: arith.cmpi eq, %[[OP]], %[[D0]] : i64
// CHECK-DAG: arith.cmpi eq, %[[OP]], %[[D1]] : i64
// CHECK-DAG: arith.cmpi eq, %[[OP]], %[[D1]] : i64
// CHECK-DAG: arith.cmpi eq, %[[OP]], %[[D10]] : i64
// CHECK-DAG: arith.cmpi eq, %[[OP]], %[[D11]] : i64
// CHECK-DAG: cf.cond_br %{{.*}}, ^bb{{[0-9]+}}(%[[D10]] : i64), ^bb{{[0-9]+}}(%[[D11]] : i64)
// CHECK-DAG: hm.panic "internal error: entered unreachable code"
// CHECK-DAG: arith.addf
// CHECK-DAG: arith.subf
// CHECK-DAG: arith.mulf
// CHECK-DAG: arith.divf
// level(c): #[repr(u8)] discriminants as i8.
// CHECK: ^bb{{[0-9]+}}(%[[HIGH]] : i8)
// CHECK: ^bb{{[0-9]+}}(%[[MID]] : i8), ^bb{{[0-9]+}}(%[[LOW]] : i8)
// sign(s): negative discriminants; the tuple match tests them.
// CHECK: %[[SG:.*]] = arith.select %{{.*}}, %[[NEG3]], %[[POS3]] : i64
// CHECK-DAG: arith.cmpi eq, %[[SG]], %[[POS3]] : i64
// CHECK-DAG: arith.cmpi eq, %[[SG]], %[[NEG3]] : i64
// `l as u32` zero-extends the u8; `sign(s) as i32` truncates the isize.
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.addi %{{.*}}, %[[DIV]] : i32
// CHECK: arith.trunci %[[SG]] : i64 to i32
// classify: `SEVEN` pattern and the 4..=9 range.
// CHECK: arith.cmpi eq, %[[C]], %[[K7]] : i32
// CHECK: arith.cmpi uge, %[[C]], %{{.*}} : i32
// CHECK: arith.cmpi ule, %[[C]], %{{.*}} : i32
use gpu::*;

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul = 10,
    Div,
}

#[repr(u8)]
#[derive(Clone, Copy)]
enum Level {
    Low = 1,
    Mid = 77,
    High = 200,
}

#[derive(Clone, Copy)]
enum Sign {
    Neg = -3,
    Pos = 3,
}

use Op::*;

const SEVEN: u32 = 7;

fn decode(c: u32) -> Op {
    match c {
        0 => Add,
        1 => Sub,
        2 => Mul,
        _ => Div,
    }
}

fn apply(op: Op, a: f32, b: f32) -> f32 {
    match op {
        Add => a + b,
        Sub => a - b,
        Mul => a * b,
        Div => a / b,
    }
}

fn classify(n: u32) -> u32 {
    match n {
        0 => 100,
        SEVEN => 101,
        4..=9 => 102,
        x if x % 2 == 0 => 103,
        _ => 104,
    }
}

fn level(c: u32) -> Level {
    if c > 5 { Level::High } else if c > 2 { Level::Mid } else { Level::Low }
}

fn sign(s: i32) -> Sign {
    if s < 0 { Sign::Neg } else { Sign::Pos }
}

#[kernel]
pub fn k(c: u32, s: i32, x: &mut [f32], codes: &mut [u32]) {
    let i = global_idx_x();
    if i < x.len() && i < codes.len() {
        let op = decode(c);
        x[i] = apply(op, x[i], 2.0);
        if op == Sub {
            x[i] = 0.0;
        }
        let l = level(c) as u8;
        let t = match (c > 3, sign(s)) {
            (true, Sign::Neg) => 1000u32,
            (_, Sign::Pos) | (false, _) => 2000,
        };
        codes[i] = classify(c) + l as u32 + Div as u32 + sign(s) as i32 as u32 + t;
    }
}
