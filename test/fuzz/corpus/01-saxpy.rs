use gpu::*;

#[kernel]
pub fn saxpy(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();          // usize
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}
