// Every `gpu` intrinsic of DESIGN.md, called the way Hematite's subset allows, must
// type-check with rustc against rust/gpu (the rustc-fidelity ctest checks this file).
use gpu::*;

#[kernel]
pub fn indices(out: &mut [u32], wide: &mut [usize]) {
    let t = thread_idx_x() + thread_idx_y() + thread_idx_z();
    let b = block_idx_x() + block_idx_y() + block_idx_z();
    let d = block_dim_x() * block_dim_y() * block_dim_z();
    let g = grid_dim_x() * grid_dim_y() * grid_dim_z();
    let i: usize = global_idx_x();
    let j: usize = global_idx_y() + global_idx_z();
    if i < out.len() && i < wide.len() {
        out[i] = t + b + d + g;
        wide[i] = j;
    }
}

#[kernel(max_threads = 256)]
pub fn block_sum(x: &[f32], sums: &mut [f32]) {
    let tile: &mut [f32; 256] = shared::<[f32; 256]>();
    let t = thread_idx_x() as usize;
    let i = global_idx_x();
    tile[t] = if i < x.len() { x[i] } else { 0.0 };
    sync_threads();
    let mut stride = 128;
    while stride > 0 {
        if t < stride {
            tile[t] += tile[t + stride];
        }
        sync_threads();
        stride /= 2;
    }
    if t == 0 {
        atomic_add(&mut sums[0], tile[0]);
    }
    thread_fence();
    thread_fence_block();
}

#[kernel(max_threads = 1_024)]
pub fn atomics(ints: &mut [i32], uints: &mut [u32], longs: &mut [i64], ulongs: &mut [u64], fl: &mut [f32]) {
    let a: i32 = atomic_add(&mut ints[0], 1);
    let b: i32 = atomic_sub(&mut ints[0], 1);
    let c: i32 = atomic_min(&mut ints[0], -5);
    let d: i32 = atomic_max(&mut ints[0], 5);
    let e: u32 = atomic_and(&mut uints[0], 0xff);
    let f: u32 = atomic_or(&mut uints[0], 1 << 3);
    let g: u64 = atomic_xor(&mut ulongs[0], 7);
    let h: i64 = atomic_exchange(&mut longs[0], 42);
    let k: u32 = atomic_compare_exchange(&mut uints[1], 0, 1);
    let l: f32 = atomic_add(&mut fl[0], 0.5);
    let counter: &mut u32 = shared::<u32>();
    let m: u32 = atomic_add(counter, 1);
    ints[1] = a + b + c + d;
    uints[2] = e + f + k + m;
    longs[1] = h;
    ulongs[1] = g;
    fl[1] = l;
}

#[kernel]
pub fn warps(x: &[f32], y: &mut [f32], bits: &mut [u64], flags: &mut [u32]) {
    let i = global_idx_x();
    if i >= x.len() || i >= y.len() {
        return;
    }
    let lane: u32 = lane_id();
    let w: u32 = warp_size();
    let v = x[i];
    let a: f32 = shuffle(v, 0);
    let b: f32 = shuffle_xor(v, 1);
    let c: f32 = shuffle_up(v, 1);
    let d: f32 = shuffle_down(v, 1);
    let n: u32 = shuffle(lane, (lane + 1) % w);
    let s: f32 = warp_reduce_add(v);
    let lo: f32 = warp_reduce_min(v);
    let hi: f32 = warp_reduce_max(v);
    let isum: i32 = warp_reduce_add(1i32);
    let ballot_bits: u64 = ballot(v > 0.0);
    let all: bool = vote_all(v > 0.0);
    let any: bool = vote_any(v > 0.0);
    y[i] = a + b + c + d + s + lo + hi + rsqrt(v * v + 1.0) + isum as f32 + n as f32;
    if i < bits.len() && i < flags.len() {
        bits[i] = ballot_bits;
        flags[i] = (all as u32) | ((any as u32) << 1);
    }
}
