// References: `&mut` to a local, to an array element at a run-time index, to
// a struct field (through a `&mut` struct parameter); `&` read through a
// function and with `*`; a swap through two `&mut`; `&mut out[0]` written
// through `*slot`. Writes through a reference change the referent: after the
// swap n is b and m is a + 5, the array element is updated in place, and the
// slice store goes to out[0].
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[A:[a-z0-9]+]]: i32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i32 {hm.name = "b"}, %[[J:[a-z0-9]+]]: i64 {hm.name = "j"}, %[[OUT:[a-z0-9]+]]: !hm.slice<mut i32>
// CHECK-DAG: %[[IDX1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i32
// CHECK-DAG: %[[C9:.*]] = arith.constant 9 : i32
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : i32
// CHECK-DAG: %[[Z64:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : i64
// CHECK-DAG: %[[COUNTS:.*]] = memref.alloca() : memref<4xi32>
// bump(&mut n, 5)
// CHECK: %[[N5:.*]] = arith.addi %[[A]], %[[C5]] : i32
// bump(&mut counts[j % 4], 9): a read-modify-write of the same element.
// CHECK: %[[JM:.*]] = arith.remui %[[J]], %[[C4]] : i64
// CHECK: %[[E:.*]] = arith.index_cast %[[JM]] : i64 to index
// CHECK: %[[OLD:.*]] = memref.load %[[COUNTS]][%[[E]]] : memref<4xi32>
// CHECK: %[[NEW:.*]] = arith.addi %[[OLD]], %[[C9]] : i32
// CHECK: memref.store %[[NEW]], %[[COUNTS]][%[[E]]] : memref<4xi32>
// scale(&mut p, 3): p.x *= 3, bump(&mut p.y, 3)
// CHECK: %[[PX:.*]] = arith.muli %[[A]], %[[C3]] : i32
// CHECK: %[[PY:.*]] = arith.addi %[[B]], %[[C3]] : i32
// read(r) + *r with r = &m, m = a + 5 after the swap
// CHECK: %[[RR:.*]] = arith.addi %[[N5]], %[[N5]] : i32
// CHECK: %[[C1V:.*]] = memref.load %[[COUNTS]][%[[IDX1]]] : memref<4xi32>
// CHECK: %[[T1:.*]] = arith.addi %[[RR]], %[[C1V]] : i32
// CHECK: %[[T2:.*]] = arith.addi %[[T1]], %[[PX]] : i32
// CHECK: %[[T3:.*]] = arith.addi %[[T2]], %[[PY]] : i32
// + n, which is b after the swap
// CHECK: %[[T4:.*]] = arith.addi %[[T3]], %[[B]] : i32
// *slot = total, slot = &mut out[0]
// CHECK: hm.slice_len %[[OUT]]
// CHECK: hm.panic "index out of bounds: the len is {} but the index is {}"
// CHECK: hm.slice_store %[[T4]], %[[OUT]][%[[Z64]]] : <mut i32>
use gpu::*;

#[derive(Clone, Copy)]
struct P {
    x: u32,
    y: u32,
}

fn bump(v: &mut u32, by: u32) {
    *v += by;
}

fn read(v: &u32) -> u32 {
    *v
}

fn swap(a: &mut u32, b: &mut u32) {
    let t = *a;
    *a = *b;
    *b = t;
}

fn scale(p: &mut P, s: u32) {
    p.x *= s;
    bump(&mut p.y, s);
}

#[kernel]
pub fn k(a: u32, b: u32, j: usize, out: &mut [u32]) {
    let mut n = a;
    bump(&mut n, 5);
    let mut m = b;
    swap(&mut n, &mut m);
    let mut counts = [0u32; 4];
    bump(&mut counts[j % 4], 9);
    let mut p = P { x: a, y: b };
    scale(&mut p, 3);
    let r = &m;
    let total = read(r) + *r + counts[1] + p.x + p.y + n;
    let slot = &mut out[0];
    *slot = total;
}
