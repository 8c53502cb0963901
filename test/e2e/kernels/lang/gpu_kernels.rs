// e2e family 16 (GPU model): the representative kernels, written the way a CUDA
// programmer would, with block-shared memory, barriers, warp operations and
// atomics: a tiled matrix multiply, a block reduction, a 256-bin histogram, a
// block-level inclusive scan and a row softmax. lang_test.cpp checks each against
// a C++ reference.
//
// The warp size is the device's (8 on lavapipe, 32 on NVIDIA) and the block size
// is chosen at launch and need not be a multiple of it, so the last warp of a
// block may be partial: warp operations are reached by every thread of the warp
// (never under a lane-dependent condition), and values that shuffles read from
// lanes that do not exist are never used. The shared arrays of per-warp values
// hold 256 entries: blocks of up to 1024 threads with warps of 4 or more lanes.
use gpu::*;

const TILE: usize = 16;
const MAX_WARPS: usize = 256;

// The lanes of this thread's warp that exist: the whole warp, or the rest of a
// block whose size is not a multiple of the warp size (1-D blocks).
fn warp_lanes(ws: u32) -> u32 {
    let first = thread_idx_x() / ws * ws;
    ws.min(block_dim_x() - first)
}

// The sum (wrapping) of `v` over the first `lanes` lanes of the warp, in lane 0.
// A full warp uses warp_reduce_add; a partial one a shuffle_down tree that only
// adds values of lanes that exist. Every lane of the warp agrees on `lanes`, so
// the branch does not split the warp.
fn warp_sum(v: u32, lanes: u32) -> u32 {
    let ws = warp_size();
    if lanes == ws {
        warp_reduce_add(v)
    } else {
        let lane = lane_id();
        let mut s = v;
        let mut d = ws / 2;
        while d > 0 {
            let other = shuffle_down(s, d);
            if lane + d < lanes {
                s = s.wrapping_add(other);
            }
            d /= 2;
        }
        s
    }
}

// The inclusive scan (wrapping) of `v` over the lanes of the warp: lane L gets
// the sum of lanes 0..=L. shuffle_up only reads lower lanes, which exist.
fn warp_scan(v: u32) -> u32 {
    let ws = warp_size();
    let lane = lane_id();
    let mut s = v;
    let mut d = 1u32;
    while d < ws {
        let other = shuffle_up(s, d);
        if lane >= d {
            s = s.wrapping_add(other);
        }
        d *= 2;
    }
    s
}

// The tree reductions' first stride: half the smallest power of two >= n
// (0 for n = 1).
fn first_half(n: usize) -> usize {
    let mut p = 1usize;
    while p < n {
        p *= 2;
    }
    p / 2
}

// 1. C = A * B for row-major A (m x k), B (k x n), C (m x n), with 16 x 16 tiles of
// A and B staged in shared memory. Launched with 16 x 16 blocks on a grid of
// ceil(n / 16) x ceil(m / 16); sizes need not be multiples of the tile (the tiles
// are padded with zeros, and only threads inside C write).
#[kernel]
pub fn matmul(m: u32, k: u32, n: u32, a: &[f32], b: &[f32], c: &mut [f32]) {
    let ta = shared::<[[f32; TILE]; TILE]>();
    let tb = shared::<[[f32; TILE]; TILE]>();
    let (m, k, n) = (m as usize, k as usize, n as usize);
    let tx = thread_idx_x() as usize;
    let ty = thread_idx_y() as usize;
    let row = block_idx_y() as usize * TILE + ty;
    let col = block_idx_x() as usize * TILE + tx;
    let mut acc = 0.0f32;
    let tiles = (k + TILE - 1) / TILE;
    for t in 0..tiles {
        let ak = t * TILE + tx;
        ta[ty][tx] = if row < m && ak < k { a[row * k + ak] } else { 0.0 };
        let bk = t * TILE + ty;
        tb[ty][tx] = if bk < k && col < n { b[bk * n + col] } else { 0.0 };
        sync_threads();
        for e in 0..TILE {
            acc += ta[ty][e] * tb[e][tx];
        }
        sync_threads();
    }
    if row < m && col < n {
        c[row * n + col] = acc;
    }
}

// 2. out[0] += the sum (wrapping) of x. Each thread sums a grid-stride loop (the
// grid may be smaller than the data), each warp reduces its threads' sums, the
// per-warp sums meet in shared memory, warp 0 reduces them, and thread 0 adds the
// block's sum to out[0] with one atomic_add per block.
#[kernel]
pub fn block_sum(x: &[u32], out: &mut [u32]) {
    let partials = shared::<[u32; MAX_WARPS]>();
    let ws = warp_size();
    let t = thread_idx_x();
    let lane = lane_id();
    let warp = t / ws;
    let warps = (block_dim_x() + ws - 1) / ws;

    let stride = block_dim_x() as usize * grid_dim_x() as usize;
    let mut s = 0u32;
    let mut i = global_idx_x();
    while i < x.len() {
        s = s.wrapping_add(x[i]);
        i += stride;
    }

    let w = warp_sum(s, warp_lanes(ws));
    if lane == 0 {
        partials[warp as usize] = w;
    }
    sync_threads();
    if warp == 0 {
        let mut p = 0u32;
        let mut j = lane;
        while j < warps {
            p = p.wrapping_add(partials[j as usize]);
            j += ws;
        }
        let total = warp_sum(p, warp_lanes(ws));
        if lane == 0 {
            atomic_add(&mut out[0], total);
        }
    }
}

// 3. bins[b] += the number of elements v of x with v % 256 == b. Each block
// counts its grid-stride share into a shared 256-bin histogram with shared-memory
// atomics, then adds its nonzero bins to the global histogram.
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

// 4. The inclusive scan (wrapping) of x within each block: out[i] is the sum of
// x[s..=i], where s is the first index of i's block (block_idx * block_dim). A
// scan of the whole array would need a second pass that adds the scanned block
// totals; here each block-size segment is scanned on its own, and the block size
// is whatever the launch chose. Each warp scans with shuffle_up, warp totals go to
// shared memory, warp 0 scans them in chunks of the warp size, and every thread
// adds the total of the warps before its own.
#[kernel]
pub fn block_scan(x: &[u32], out: &mut [u32]) {
    let totals = shared::<[u32; MAX_WARPS]>();
    let ws = warp_size();
    let t = thread_idx_x();
    let lane = lane_id();
    let warp = t / ws;
    let warps = (block_dim_x() + ws - 1) / ws;
    let i = global_idx_x();

    let v = if i < x.len() { x[i] } else { 0 };
    let s = warp_scan(v);
    if lane + 1 == warp_lanes(ws) {
        totals[warp as usize] = s;
    }
    sync_threads();

    if warp == 0 {
        let mut carry = 0u32;
        let mut first = 0u32;
        while first < warps {
            let j = first + lane;
            let w = if j < warps { totals[j as usize] } else { 0 };
            let scanned = warp_scan(w).wrapping_add(carry);
            if j < warps {
                totals[j as usize] = scanned;
            }
            first += ws;
            // The chunk's last lane holds the running total; in the last chunk
            // it may not exist, but then the carry is not used.
            carry = shuffle(scanned, ws - 1);
        }
    }
    sync_threads();

    let before = if warp > 0 { totals[warp as usize - 1] } else { 0 };
    if i < out.len() {
        out[i] = s.wrapping_add(before);
    }
}

// 5. Softmax of each row of a row-major matrix (rows x cols), one block per row:
// out[r][c] = exp(x[r][c] - max_r) / sum_c' exp(x[r][c'] - max_r). The row's max
// and sum are tree reductions over the block's threads in shared memory (any
// block size up to 1024, not only powers of two).
#[kernel]
pub fn softmax(cols: u32, x: &[f32], out: &mut [f32]) {
    let red = shared::<[f32; 1024]>();
    let cols = cols as usize;
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let base = block_idx_x() as usize * cols;

    let mut m = f32::NEG_INFINITY;
    let mut c = t;
    while c < cols {
        m = m.max(x[base + c]);
        c += threads;
    }
    red[t] = m;
    let mut half = first_half(threads);
    sync_threads();
    while half > 0 {
        if t < half && t + half < threads {
            red[t] = red[t].max(red[t + half]);
        }
        sync_threads();
        half /= 2;
    }
    let max = red[0];
    sync_threads();

    let mut s = 0.0f32;
    let mut c = t;
    while c < cols {
        s += (x[base + c] - max).exp();
        c += threads;
    }
    red[t] = s;
    let mut half = first_half(threads);
    sync_threads();
    while half > 0 {
        if t < half && t + half < threads {
            red[t] += red[t + half];
        }
        sync_threads();
        half /= 2;
    }
    let sum = red[0];

    let mut c = t;
    while c < cols {
        out[base + c] = (x[base + c] - max).exp() / sum;
        c += threads;
    }
}
