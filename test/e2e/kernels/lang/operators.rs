// e2e family 12: operator overloading through core::ops (Add, Mul with another
// Rhs, Neg, AddAssign, Sub via a generic helper) on a small vector struct.
use core::ops::{Add, AddAssign, Mul, Neg, Sub};
use gpu::*;

#[derive(Clone, Copy, PartialEq)]
struct V3 {
    x: f32,
    y: f32,
    z: f32,
}

impl Add for V3 {
    type Output = V3;
    fn add(self, o: V3) -> V3 {
        V3 { x: self.x + o.x, y: self.y + o.y, z: self.z + o.z }
    }
}

impl Sub for V3 {
    type Output = V3;
    fn sub(self, o: V3) -> V3 {
        V3 { x: self.x - o.x, y: self.y - o.y, z: self.z - o.z }
    }
}

impl Mul<f32> for V3 {
    type Output = Self;
    fn mul(self, k: f32) -> Self::Output {
        V3 { x: self.x * k, y: self.y * k, z: self.z * k }
    }
}

impl Neg for V3 {
    type Output = V3;
    fn neg(self) -> V3 {
        V3 { x: -self.x, y: -self.y, z: -self.z }
    }
}

impl AddAssign for V3 {
    fn add_assign(&mut self, o: V3) {
        self.x += o.x;
        self.y += o.y;
        self.z += o.z;
    }
}

// out[3i..3i+3] = (v + v * k) - v * 0.5, then += -v * 0.25, with v = (a, b, a - b).
#[kernel]
pub fn operators(a: &[f32], b: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < a.len() && i < b.len() {
        let v = V3 { x: a[i], y: b[i], z: a[i] - b[i] };
        let k = 3.0;
        let mut w = (v + v * k) - v * 0.5;
        w += -v * 0.25;
        out[3 * i] = w.x;
        out[3 * i + 1] = w.y;
        out[3 * i + 2] = w.z;
    }
}
