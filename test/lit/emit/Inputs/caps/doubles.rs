use gpu::*;

#[kernel]
pub fn doubles(x: &[f64], y: &mut [f64]) {
    let i = global_idx_x();
    if i < y.len() { y[i] = x[i] * 2.0; }
}
