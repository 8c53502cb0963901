// Sub-slices: `&x[a..b]`, `&mut y[a..]`, `&y[..b]`, `&x[a..=b]`,
// `&mut y[3..5]` passed to a function, `&x[..4]`. Each range is checked
// (end <= len, start <= end, `..=` end != usize::MAX) with rustc's panic
// messages; the sub-slice is the parent's buffer with an offset (the start
// is added to every index) and a length (end - start), which is what later
// indexing is checked against.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[A:[a-z0-9]+]]: i64 {hm.name = "a"}, %[[B:[a-z0-9]+]]: i64 {hm.name = "b"}, %[[X:[a-z0-9]+]]: !hm.slice<f32> {hm.name = "x"}, %[[Y:[a-z0-9]+]]: !hm.slice<mut f32> {hm.name = "y"}
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : i64
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : i64
// CHECK-DAG: %[[MAX:.*]] = arith.constant -1 : i64
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : i64
// mid = &x[a..b]: b <= x.len(), a <= b, len = b - a; mid[2] is x[a + 2].
// CHECK: %[[XN:.*]] = hm.slice_len %[[X]] : <f32>
// CHECK: %[[E1:.*]] = arith.cmpi ule, %[[B]], %[[XN]] : i64
// CHECK: cf.cond_br %[[E1]]
// CHECK: arith.cmpi ule, %[[A]], %[[B]] : i64
// CHECK: hm.panic "range end index {} out of range for slice of length {}"
// CHECK: %[[MIDN:.*]] = arith.subi %[[B]], %[[A]] : i64
// CHECK: arith.cmpi ugt, %[[MIDN]], %[[C2]] : i64
// CHECK: hm.panic "slice index starts at {} but ends at {}"
// CHECK: %[[I2:.*]] = arith.addi %[[A]], %[[C2]] : i64
// CHECK: %[[V:.*]] = hm.slice_load %[[X]][%[[I2]]] : <f32>
// tail = &mut y[a..]: a <= y.len(); tail[1] = v stores to y[a + 1].
// CHECK: %[[YN:.*]] = hm.slice_len %[[Y]] : <mut f32>
// CHECK: arith.cmpi ule, %[[A]], %[[YN]] : i64
// CHECK: hm.panic "index out of bounds: the len is {} but the index is {}"
// CHECK: %[[TAILN:.*]] = arith.subi %[[YN]], %[[A]] : i64
// CHECK: arith.cmpi ugt, %[[TAILN]], %[[C1]] : i64
// CHECK: hm.panic "range start index {} out of range for slice of length {}"
// CHECK: %[[I1:.*]] = arith.addi %[[A]], %[[C1]] : i64
// CHECK: hm.slice_store %[[V]], %[[Y]][%[[I1]]] : <mut f32>
// head = &y[..b]: b <= y.len(); head.len() is b.
// CHECK: arith.cmpi ule, %[[B]], %[[YN]] : i64
// CHECK: %[[N:.*]] = arith.uitofp %[[B]] : i64 to f32
// incl = &x[a..=b]: b != usize::MAX, then end = b + 1.
// CHECK: arith.cmpi ne, %[[B]], %[[MAX]] : i64
// CHECK: hm.panic "range end index {} out of range for slice of length {}"
// CHECK: %[[END:.*]] = arith.addi %[[B]], %[[C1]] : i64
// CHECK: arith.cmpi ule, %[[END]], %[[XN]] : i64
// CHECK: hm.panic "attempted to index slice up to maximum usize"
// CHECK: arith.cmpi ule, %[[A]], %[[END]] : i64
// CHECK: %[[INCLN:.*]] = arith.subi %[[END]], %[[A]] : i64
// &mut y[3..5]: a constant range only needs y.len() >= 5.
// CHECK: arith.cmpi uge, %[[YN]], %[[C5]] : i64
// incl[0] is x[a]
// CHECK: arith.cmpi ugt, %[[INCLN]], %[[C0]] : i64
// CHECK: hm.slice_load %[[X]][%[[A]]] : <f32>
// &x[..4]: x.len() >= 4; sum loops over 4 elements.
// CHECK: arith.cmpi uge, %[[XN]], %[[C4]] : i64
// CHECK: arith.cmpi ult, %{{.*}}, %[[C4]] : i64
// fill(&mut y[3..5], ..): 2 elements, stored at y[j + 3].
// CHECK: arith.cmpi ult, %[[J:[0-9]+]], %[[C2]] : i64
// CHECK: %[[YI:.*]] = arith.addi %[[J]], %[[C3]] : i64
// CHECK: hm.slice_store %{{.*}}, %[[Y]][%[[YI]]] : <mut f32>
use gpu::*;

fn sum(xs: &[f32]) -> f32 {
    let mut s = 0.0;
    for i in 0..xs.len() {
        s += xs[i];
    }
    s
}

fn fill(xs: &mut [f32], v: f32) {
    for i in 0..xs.len() {
        xs[i] = v;
    }
}

#[kernel]
pub fn k(a: usize, b: usize, x: &[f32], y: &mut [f32]) {
    let mid = &x[a..b];
    let v = mid[2];
    let tail = &mut y[a..];
    tail[1] = v;
    let head = &y[..b];
    let n = head.len() as f32;
    let incl = &x[a..=b];
    fill(&mut y[3..5], incl[0] + n + sum(&x[..4]));
}
