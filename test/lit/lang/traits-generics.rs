// Traits (default methods, overriding a default, associated functions,
// supertraits, impls for primitives and structs), generic functions with inline
// bounds, `where` clauses and turbofish, generic structs and impls. Every call
// is resolved statically and monomorphized: the same generic code instantiated
// at f32 and at i32 gives float ops in one kernel and integer ops in the other,
// with each type's own trait implementation.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @kf(
// CHECK-SAME: %[[X:[a-z0-9]+]]: f32 {hm.name = "x"}, %[[Y:[a-z0-9]+]]: f32 {hm.name = "y"}
// CHECK-DAG: %[[NINE:.*]] = arith.constant 9.000000e+00 : f32
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-DAG: %[[UNIT:.*]] = arith.constant 1.500000e+00 : f32
// fold: x.combine(y).combine(f32::unit()) with f32's combine = `*`.
// CHECK: %[[F1:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK: %[[F2:.*]] = arith.mulf %[[F1]], %[[UNIT]] : f32
// max_of::<f32>: an ordered float compare.
// CHECK: %[[C:.*]] = arith.cmpf ogt, %[[X]], %[[Y]] : f32
// CHECK: arith.select %[[C]], %[[X]], %[[Y]] : f32
// Pair<f32>::larger
// CHECK: %[[C2:.*]] = arith.cmpf ogt, %[[X]], %[[TWO]] : f32
// CHECK: arith.select %[[C2]], %[[X]], %[[TWO]] : f32
// describe(&sq): Area::area via the supertrait bound, plus Named::id (9).
// CHECK: %[[AR:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK: arith.addf %[[AR]], %[[NINE]] : f32
// The default method `twice` = y.combine(y) = y * y.
// CHECK: arith.mulf %[[Y]], %[[Y]] : f32
// CHECK-NOT: arith.subi
// CHECK-NOT: arith.xori
// CHECK: return

// CHECK-LABEL: func.func @ki(
// CHECK-SAME: %[[XI:[a-z0-9]+]]: i32 {hm.name = "x"}, %[[YI:[a-z0-9]+]]: i32 {hm.name = "y"}
// CHECK-DAG: %[[C77:.*]] = arith.constant 77 : i32
// CHECK-DAG: %[[C2I:.*]] = arith.constant 2 : i32
// CHECK-DAG: %[[C42:.*]] = arith.constant 42 : i32
// fold at i32: i32's combine = `-`, i32::unit() = 42.
// CHECK: %[[I1:.*]] = arith.subi %[[XI]], %[[YI]] : i32
// CHECK: arith.subi %[[I1]], %[[C42]] : i32
// max_of::<i32>: a signed compare.
// CHECK: %[[CI:.*]] = arith.cmpi sgt, %[[XI]], %[[YI]] : i32
// CHECK: arith.select %[[CI]], %[[XI]], %[[YI]] : i32
// CHECK: %[[CI2:.*]] = arith.cmpi sgt, %[[XI]], %[[C2I]] : i32
// CHECK: arith.select %[[CI2]], %[[XI]], %[[C2I]] : i32
// i32 overrides the default `twice`.
// CHECK: arith.xori %[[YI]], %[[C77]] : i32
// CHECK-NOT: arith.mulf
// CHECK-NOT: arith.cmpf
// CHECK: return
use gpu::*;

trait Combine {
    fn combine(self, o: Self) -> Self;
    fn twice(self) -> Self
    where
        Self: Sized + Copy,
    {
        self.combine(self)
    }
    fn unit() -> Self;
}

impl Combine for f32 {
    fn combine(self, o: f32) -> f32 {
        self * o
    }
    fn unit() -> f32 {
        1.5
    }
}

impl Combine for i32 {
    fn combine(self, o: i32) -> i32 {
        self - o
    }
    fn twice(self) -> i32 {
        self ^ 77
    }
    fn unit() -> i32 {
        42
    }
}

trait Area {
    fn area(&self) -> f32;
}

trait Named: Area {
    fn id(&self) -> u32;
}

#[derive(Clone, Copy)]
struct Square {
    side: f32,
}

impl Area for Square {
    fn area(&self) -> f32 {
        self.side * self.side
    }
}

impl Named for Square {
    fn id(&self) -> u32 {
        9
    }
}

fn fold<T: Combine + Copy>(a: T, b: T) -> T {
    a.combine(b).combine(T::unit())
}

fn max_of<T: PartialOrd + Copy>(a: T, b: T) -> T {
    if a > b { a } else { b }
}

fn describe<S>(s: &S) -> f32
where
    S: Named,
{
    s.area() + s.id() as f32
}

#[derive(Clone, Copy)]
struct Pair<T> {
    a: T,
    b: T,
}

impl<T: Copy + PartialOrd> Pair<T> {
    fn larger(self) -> T {
        max_of(self.a, self.b)
    }
}

#[kernel]
pub fn kf(x: f32, y: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let sq = Square { side: x };
        out[i] = fold(x, y) + max_of::<f32>(x, y) + Pair { a: x, b: 2.0 }.larger()
            + describe(&sq) + Combine::twice(y);
    }
}

#[kernel]
pub fn ki(x: i32, y: i32, out: &mut [i32]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = fold(x, y) + max_of(x, y) + Pair { a: x, b: 2 }.larger() + i32::twice(y);
    }
}
