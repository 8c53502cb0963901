// softmax: each row of a row-major matrix (rows x cols), one block per row:
// out[r][c] = exp(x[r][c] - max_r) / sum_c' exp(x[r][c'] - max_r). The row's max and sum
// are block reductions: warp_reduce_max/add, then the per-warp results through shared
// memory (every thread reads them all). Launched with 256-thread blocks (a multiple of
// the warp size) on `rows` blocks. Memory-bound: 8 bytes per element (the second and
// third reads of the row hit the caches).
use gpu::*;

const MAX_WARPS: usize = 32;

#[kernel]
pub fn softmax(cols: u32, x: &[f32], out: &mut [f32]) {
    let red = shared::<[f32; MAX_WARPS]>();
    let cols = cols as usize;
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let ws = warp_size();
    let lane = lane_id();
    let warp = thread_idx_x() / ws;
    let warps = block_dim_x() / ws;
    let base = block_idx_x() as usize * cols;

    let mut m = f32::NEG_INFINITY;
    let mut c = t;
    while c < cols {
        m = m.max(x[base + c]);
        c += threads;
    }
    let w = warp_reduce_max(m);
    if lane == 0 {
        red[warp as usize] = w;
    }
    sync_threads();
    let mut max = f32::NEG_INFINITY;
    for j in 0..warps as usize {
        max = max.max(red[j]);
    }
    sync_threads();

    let mut s = 0.0f32;
    let mut c = t;
    while c < cols {
        s += (x[base + c] - max).exp();
        c += threads;
    }
    let w = warp_reduce_add(s);
    if lane == 0 {
        red[warp as usize] = w;
    }
    sync_threads();
    let mut sum = 0.0f32;
    for j in 0..warps as usize {
        sum += red[j];
    }

    let mut c = t;
    while c < cols {
        out[base + c] = (x[base + c] - max).exp() / sum;
        c += threads;
    }
}
