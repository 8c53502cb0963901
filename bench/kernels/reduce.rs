// reduce: out[0] += sum(x) (f32). Each thread sums a grid-stride loop, each warp
// reduces its threads' sums with warp_reduce_add, the per-warp sums meet in shared
// memory, warp 0 adds them up and thread 0 does one atomic_add per block.
// Launched with 256-thread blocks on a fixed grid (bench/gpu: 4 blocks per SM's worth,
// 1056 on the H100). Memory-bound: 4 bytes read per element.
use gpu::*;

const MAX_WARPS: usize = 32;

#[kernel]
pub fn reduce(x: &[f32], out: &mut [f32]) {
    let partials = shared::<[f32; MAX_WARPS]>();
    let ws = warp_size();
    let t = thread_idx_x();
    let lane = lane_id();
    let warp = t / ws;
    let warps = block_dim_x() / ws; // the block is a multiple of the warp size

    let stride = block_dim_x() as usize * grid_dim_x() as usize;
    let mut s = 0.0f32;
    let mut i = global_idx_x();
    while i < x.len() {
        s += x[i];
        i += stride;
    }

    let w = warp_reduce_add(s);
    if lane == 0 {
        partials[warp as usize] = w;
    }
    sync_threads();
    if warp == 0 {
        let mut p = 0.0f32;
        let mut j = lane;
        while j < warps {
            p += partials[j as usize];
            j += ws;
        }
        let total = warp_reduce_add(p);
        if lane == 0 {
            atomic_add(&mut out[0], total);
        }
    }
}
