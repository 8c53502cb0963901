// e2e family 2: traits with required and default methods (a default calling a required
// one, an override), generic functions with trait bounds (`T: Tr`, `T: Tr + Copy`,
// `where`), each monomorphized for two types, and a trait implemented for primitives.
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

#[derive(Clone, Copy)]
struct Square {
    side: u32,
}

#[derive(Clone, Copy)]
struct Rect {
    w: u32,
    h: u32,
}

impl Metric for Square {
    fn measure(&self) -> u32 {
        self.side * self.side
    }
}

impl Metric for Rect {
    fn measure(&self) -> u32 {
        self.w * self.h
    }

    fn weight(&self) -> u16 {
        3
    }
}

fn total<T: Metric>(a: &T, b: &T) -> u32 {
    a.score() + b.score()
}

fn pick_larger<T: Metric + Copy>(a: T, b: T) -> T {
    if a.measure() >= b.measure() {
        a
    } else {
        b
    }
}

fn doubled_score<T>(x: &T) -> u32
where
    T: Metric,
{
    x.score() * 2
}

trait Halve {
    fn halve(self) -> Self;
}

impl Halve for u32 {
    fn halve(self) -> u32 {
        self / 2
    }
}

impl Halve for f32 {
    fn halve(self) -> f32 {
        self * 0.5
    }
}

fn quarter<T: Halve>(x: T) -> T {
    x.halve().halve()
}

// out[5i..5i+5]
#[kernel]
pub fn trait_generic(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let s1 = Square { side: a[i] };
        let s2 = Square { side: b[i] };
        let r1 = Rect { w: a[i], h: b[i] };
        let r2 = Rect { w: b[i], h: 3 };
        out[5 * i] = total(&s1, &s2);
        out[5 * i + 1] = total(&r1, &r2);
        out[5 * i + 2] = pick_larger(s1, s2).side + pick_larger(r1, r2).w;
        out[5 * i + 3] = doubled_score(&r2) + doubled_score(&s1);
        out[5 * i + 4] = quarter(a[i]);
    }
}

#[kernel]
pub fn trait_generic_f32(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        out[i] = quarter(x[i]);
    }
}
