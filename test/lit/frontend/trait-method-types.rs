// An impl's method must have the types its trait declares, with Self and the
// trait's arguments substituted (rustc's E0053). Callers and default methods
// are checked against the declaration, so `fn weight(&self) -> u16` in an impl
// of `fn weight(&self) -> u32` reached MLIRGen and made ill-typed IR (an i32
// times an i16): the fuzzer found it (CI, 2026-11-26; seed
// test/fuzz/corpus/trait-method-return-type.rs).
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// rustc-check: skip
use gpu::*;

trait Metric {
    fn measure(&self) -> u32;
    fn weight(&self) -> u32 {
        1
    }
    fn score(&self) -> u32 {
        self.measure() * self.weight()
    }
}

struct Rect {
    w: u32,
}

// CHECK: error[H0333]: method `weight` does not match its declaration in trait `Metric`
// CHECK: fn weight(&self) -> u32 {
// CHECK: trait method declared here
// CHECK: fn weight(&self) -> u16 {
// CHECK: expected `u32`, found `u16`
impl Metric for Rect {
    fn measure(&self) -> u32 {
        self.w
    }
    fn weight(&self) -> u16 {
        3
    }
}

trait Conv<T> {
    fn conv(&self, x: T) -> T;
}

// CHECK: error[H0333]: method `conv` does not match its declaration in trait `Conv`
// CHECK: expected `u32`, found `u16`
impl Conv<u32> for Rect {
    fn conv(&self, x: u16) -> u32 {
        x as u32
    }
}

trait Get {
    fn get(&self) -> u32;
}

// CHECK: error[H0333]: method `get` does not match its declaration in trait `Get`
// CHECK: expected `&Rect`, found `Rect`
impl Get for Rect {
    fn get(self) -> u32 {
        self.w
    }
}

// Generic arguments, a generic impl, Self in a signature and a generic method
// match: no error for these.
// CHECK-NOT: error[H0333]
trait Make {
    fn make(v: u32) -> Self;
    fn pick<U: Copy>(&self, a: U) -> U;
}

#[derive(Clone, Copy)]
struct W<T> {
    v: T,
}

impl<T: Copy> Make for W<T> {
    fn make(v: u32) -> W<T> {
        loop {}
    }
    fn pick<U: Copy>(&self, a: U) -> U {
        a
    }
}

impl Conv<u32> for u32 {
    fn conv(&self, x: u32) -> u32 {
        x + *self
    }
}

#[kernel]
pub fn k(out: &mut [u32]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = Rect { w: 2 }.score() + (3u32).conv(out[i]);
    }
}
// CHECK: aborting due to 3 previous errors
