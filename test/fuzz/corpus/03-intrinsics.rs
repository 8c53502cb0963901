use gpu::{block_dim_x, block_idx_x as bx, thread_idx_x, sync_threads};

#[kernel(max_threads = 256)]
pub fn stencil(input: &[f32], output: &mut [f32]) {
    let t = thread_idx_x();
    let i = (bx() * block_dim_x() + t) as usize;
    sync_threads();
    if i > 0 && i + 1 < input.len() && i < output.len() {
        output[i] = 0.25 * input[i - 1] + 0.5 * input[i] + 0.25 * input[i + 1];
    }
    let y = gpu::global_idx_y();
    let z = gpu::grid_dim_z();
    if y == 0 && z == 1 { return; }
}
