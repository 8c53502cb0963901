// Hematite rejects this (H0308); so must rustc.
// rustc-expect-error: E0384
use gpu::*;

#[kernel]
pub fn k(y: &mut [u32]) {
    let i = global_idx_x();
    i = i + 1;
    y[i] = 0;
}
