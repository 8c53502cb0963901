// Hematite rejects this (H0323); the `kernel` macro must too.
// rustc-expect-error: unknown argument `threads`
use gpu::*;

#[kernel(threads = 256)]
pub fn k(y: &mut [u32]) {
    y[0] = 0;
}
