use gpu::*;

#[kernel]
pub fn bytes(x: &[u8], y: &mut [i16]) {
    let i = global_idx_x();
    if i < y.len() { y[i] = x[i] as i16; }
}
