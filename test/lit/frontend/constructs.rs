// Language constructs of the issue-2 subset, as MLIRGen + the hm pipeline lower them.
// RUN: %hematite --emit=hm %s -o - | FileCheck %s
use gpu::*;

#[kernel]
pub fn k(x: &[f32], y: &mut [i32], n: u32, d: u32) {
    let i = global_idx_x();
    if i < y.len() && i < x.len() {
        let mut acc: u32 = 0;
        for j in 0..n {
            acc += j;
        }
        let mut w = 0u32;
        while w < n {
            w *= 2;
            w += 1;
        }
        let s = if acc > 10 { acc << d } else { acc >> 3 };
        let q = s / d;
        y[i] = (x[i] as i32) + (q as i32);
    }
}

// CHECK: func.func @k(%[[X:[a-z0-9_]+]]: !hm.slice<f32> {hm.name = "x"}, %[[Y:[a-z0-9_]+]]: !hm.slice<mut i32> {hm.name = "y"}, %[[N:[a-z0-9_]+]]: i32 {hm.name = "n"}, %[[D:[a-z0-9_]+]]: i32 {hm.name = "d"})
// `for j in 0..n { acc += j; }`: a loop header comparing j < n, carrying j and acc.
// CHECK: ^[[FOR:bb[0-9]+]](%[[J:[a-z0-9_]+]]: i32, %[[ACC:[a-z0-9_]+]]: i32):
// CHECK-NEXT: arith.cmpi ult, %[[J]], %[[N]] : i32
// CHECK: arith.addi %[[ACC]], %[[J]] : i32
// CHECK: arith.addi %[[J]], %c1_i32 : i32
// CHECK-NEXT: cf.br ^[[FOR]]
// `while w < n { w *= 2; w += 1; }`
// CHECK: ^[[WHILE:bb[0-9]+]](%[[W:[a-z0-9_]+]]: i32):
// CHECK-NEXT: arith.cmpi ult, %[[W]], %[[N]] : i32
// CHECK: arith.muli %[[W]], %c2_i32 : i32
// CHECK-NEXT: arith.addi
// CHECK-NEXT: cf.br ^[[WHILE]]
// `if acc > 10 { acc << d } else { acc >> 3 }` as an expression; the shift amount is masked.
// CHECK: arith.cmpi ugt, %[[ACC]], %c10_i32 : i32
// CHECK: %[[M:[a-z0-9_]+]] = arith.andi %[[D]], %c31_i32 : i32
// CHECK-NEXT: arith.shli %[[ACC]], %[[M]] : i32
// CHECK: arith.shrui %[[ACC]], %c3_i32 : i32
// CHECK: ^{{bb[0-9]+}}(%[[S:[a-z0-9_]+]]: i32):
// `s / d` checks for zero first.
// CHECK-NEXT: %[[NZ:[a-z0-9_]+]] = arith.cmpi ne, %[[D]], %c0_i32 : i32
// CHECK-NEXT: cf.cond_br %[[NZ]], ^{{bb[0-9]+}}, ^[[DIV0:bb[0-9]+]]
// CHECK-NEXT: ^{{.*}}:
// CHECK-NEXT: arith.divui %[[S]], %[[D]] : i32
// `x[i] as i32` saturates: NaN -> 0, out of range -> MIN/MAX.
// CHECK: %[[V:[a-z0-9_]+]] = hm.slice_load %[[X]]
// CHECK: arith.cmpf uno, %[[V]], %[[V]] : f32
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.select %{{.*}}, %c2147483647_i32
// CHECK: arith.select %{{.*}}, %c-2147483648_i32
// CHECK: hm.slice_store %{{.*}}, %[[Y]]
// CHECK: ^[[DIV0]]:
// CHECK-NEXT: hm.panic "attempt to divide by zero"
