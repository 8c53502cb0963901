// Seed: CI's fuzzing turned `fn weight(&self) -> u32` in the impl below into
// `-> u16` (test/e2e/kernels/lang/traits.rs); the checker let it through and
// MLIRGen built ill-typed IR. Now H0333 (test/lit/frontend/trait-method-types.rs).
use gpu::*;

trait Metric {
    fn measure(&self) -> u32;
    fn weight(&self) -> u32 {
        1
    }
    fn score(&self) -> u32 {
        self.measure() * self.weight() + 5
    }
}

struct Rect {
    w: u32,
    h: u32,
}

impl Metric for Rect {
    fn measure(&self) -> u32 {
        self.w * self.h
    }
    fn weight(&self) -> u16 {
        3
    }
}

#[kernel]
pub fn score(a: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() && i < out.len() {
        out[i] = Rect { w: a[i], h: 3 }.score();
    }
}
