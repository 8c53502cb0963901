// histogram: bins[b] += the number of elements v of x with v % 256 == b. Each block
// counts its grid-stride share into a shared 256-bin histogram with shared-memory
// atomics, then adds its nonzero bins to the global one. Launched with 256-thread
// blocks on a fixed grid (bench/gpu: 8 blocks per SM's worth). 4 bytes read per element.
use gpu::*;

#[kernel]
pub fn histogram(x: &[u32], bins: &mut [u32]) {
    let local = shared::<[u32; 256]>();
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let mut b = t;
    while b < 256 {
        local[b] = 0;
        b += threads;
    }
    sync_threads();

    let stride = threads * grid_dim_x() as usize;
    let mut i = global_idx_x();
    while i < x.len() {
        atomic_add(&mut local[(x[i] % 256) as usize], 1);
        i += stride;
    }
    sync_threads();

    let mut b = t;
    while b < 256 {
        let count = local[b];
        if count != 0 {
            atomic_add(&mut bins[b], count);
        }
        b += threads;
    }
}
