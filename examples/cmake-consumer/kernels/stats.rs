// Per-block sums of squares of u32 values: out[block] = sum of x[i]^2 (as u64) over the
// block's items, through block-shared memory.
use gpu::*;

#[kernel]
pub fn sum_squares(x: &[u32], out: &mut [u64]) {
    let partial = shared::<[u64; 256]>();
    let t = thread_idx_x() as usize;
    let i = global_idx_x();
    partial[t] = if i < x.len() { (x[i] as u64) * (x[i] as u64) } else { 0 };
    sync_threads();
    let mut stride = (block_dim_x() as usize) / 2;
    while stride > 0 {
        if t < stride {
            partial[t] += partial[t + stride];
        }
        sync_threads();
        stride /= 2;
    }
    if t == 0 {
        out[block_idx_x() as usize] = partial[0];
    }
}
