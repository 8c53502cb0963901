// Hematite rejects this (H0323); the `kernel` macro must too.
// rustc-expect-error: `max_threads` must be a positive integer literal
use gpu::*;

#[kernel(max_threads = 0)]
pub fn k(y: &mut [u32]) {
    y[0] = 0;
}
