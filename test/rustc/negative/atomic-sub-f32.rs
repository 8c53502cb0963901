// Only `atomic_add` accepts f32.
// rustc-expect-error: E0277
use gpu::*;

#[kernel]
pub fn k(y: &mut [f32]) {
    atomic_sub(&mut y[0], 1.0);
}
