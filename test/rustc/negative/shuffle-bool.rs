// Shuffles move 32- and 64-bit integers and floats, not `bool`.
// rustc-expect-error: E0277
use gpu::*;

#[kernel]
pub fn k(y: &mut [u32]) {
    let b = shuffle(y[0] > 0, 0);
    y[0] = b as u32;
}
