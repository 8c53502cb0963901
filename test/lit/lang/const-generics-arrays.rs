// Const generics and arrays: const generic functions, structs and impls,
// explicit `{ LEN + 2 }` arguments, inference of N from an array argument,
// repeat expressions `[v; N]`, nested arrays, const tables. Each instantiation
// gets its length substituted: in the array storage, in `j % N`, in the bounds
// checks and where `N` is used as a value.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[J:[a-z0-9]+]]: i64 {hm.name = "j"}, %[[V:[a-z0-9]+]]: f32 {hm.name = "v"}
// CHECK-DAG: %[[SEVENF:.*]] = arith.constant 7.000000e+00 : f32
// CHECK-DAG: %[[FIVEF:.*]] = arith.constant 5.000000e+00 : f32
// CHECK-DAG: %[[N7:.*]] = arith.constant 7 : i64
// CHECK-DAG: %[[N5:.*]] = arith.constant 5 : i64
// CHECK-DAG: %[[N3:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[FOUR:.*]] = arith.constant 4 : i32
// CHECK-DAG: %[[C50:.*]] = arith.constant 50 : i32
// Tile::<7>, fill::<{ LEN + 2 }> and TABLE, the [_; 3] literal, [[v; 2]; LEN].
// CHECK-DAG: memref.alloca() : memref<7xf32>
// CHECK-DAG: memref.alloca() : memref<5xi32>
// CHECK-DAG: memref.alloca() : memref<5xi32>
// CHECK-DAG: memref.alloca() : memref<3xf32>
// CHECK-DAG: %[[NEST:.*]] = memref.alloca() : memref<3x2xf32>
// [4; 5]: exactly five stores of 4, the last at index 4.
// CHECK: memref.store %[[FOUR]], %[[FILL:[a-z0-9_]+]][%{{.*}}] : memref<5xi32>
// CHECK: memref.store %[[FOUR]], %[[FILL]][%{{.*}}] : memref<5xi32>
// CHECK: memref.store %[[FOUR]], %[[FILL]][%{{.*}}] : memref<5xi32>
// CHECK: memref.store %[[FOUR]], %[[FILL]][%{{.*}}] : memref<5xi32>
// CHECK: memref.store %[[FOUR]], %[[FILL]][%{{.*}}] : memref<5xi32>
// CHECK-NOT: memref.store %[[FOUR]], %[[FILL]]
// pick::<7>: j % 7, checked against 7.
// CHECK: %[[R7:.*]] = arith.remui %[[J]], %[[N7]] : i64
// CHECK: arith.cmpi ult, %[[R7]], %[[N7]] : i64
// CHECK: memref.load %{{.*}}[%{{.*}}] : memref<7xf32>
// pick::<3>
// CHECK: %[[R3:.*]] = arith.remui %[[J]], %[[N3]] : i64
// CHECK: memref.load %{{.*}}[%{{.*}}] : memref<3xf32>
// Tile::<7>::width() and len_of::<i32, 5>() are the constants 7 and 5.
// CHECK: arith.addf %{{.*}}, %[[SEVENF]] : f32
// CHECK: arith.addf %{{.*}}, %[[FIVEF]] : f32
// a[j % 5] and TABLE[j % 5]
// CHECK: %[[R5:.*]] = arith.remui %[[J]], %[[N5]] : i64
// CHECK: memref.load %[[FILL]][%{{.*}}] : memref<5xi32>
// CHECK: arith.sitofp %{{.*}} : i32 to f32
// CHECK: memref.store %[[C50]], %{{.*}} : memref<5xi32>
// CHECK: arith.uitofp %{{.*}} : i32 to f32
// nested[j % LEN][1]
// CHECK: memref.load %[[NEST]][%{{.*}}, %{{.*}}] : memref<3x2xf32>
// CHECK: hm.slice_store
use gpu::*;

const LEN: usize = 3;
const TABLE: [u32; 5] = [10, 20, 30, 40, 50];

#[derive(Clone, Copy)]
struct Tile<const W: usize> {
    data: [f32; W],
}

impl<const W: usize> Tile<W> {
    fn width(&self) -> usize {
        W
    }
}

fn pick<const N: usize>(xs: [f32; N], j: usize) -> f32 {
    xs[j % N]
}

fn len_of<T: Copy, const N: usize>(_xs: [T; N]) -> usize {
    N
}

fn fill<const N: usize>(v: i32) -> [i32; N] {
    [v; N]
}

#[kernel]
pub fn k(j: usize, v: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let t = Tile::<7> { data: [v; 7] };
        let a = fill::<{ LEN + 2 }>(4);
        let nested = [[v; 2]; LEN];
        out[i] = pick(t.data, j) + pick([1.0, 2.0, v], j) + t.width() as f32
            + len_of(a) as f32 + a[j % 5] as f32 + TABLE[j % 5] as f32
            + nested[j % LEN][1];
    }
}
