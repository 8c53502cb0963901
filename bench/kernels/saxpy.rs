// saxpy: y = a * x + y. One thread per element; launched with 256-thread blocks
// on ceil(n / 256) blocks. Memory-bound: 12 bytes per element (x, y read; y written).
use gpu::*;

#[kernel]
pub fn saxpy(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}
