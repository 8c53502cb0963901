// e2e family `atomics` (GPU model): every atomic on i32, u32, i64 and u64 (and
// atomic_add on f32), on elements of device slices and of block-shared memory
// (flat arrays, an array of arrays, scalars). lang_test.cpp checks each kernel
// against a C++ reference; the kernels are written so that their results do
// not depend on the order in which the threads' atomics land:
//   - many threads hit a few slots with add/sub/min/max/and/or/xor, whose final
//     values are the same in any order (the slots start from random values);
//   - each thread applies every atomic to a slot of its own, so the old value
//     each returns is the slot's starting value;
//   - many threads exchange into a few slots: the returned old values and the
//     final value are a permutation of the starting value and the exchanged ones;
//   - a claim: the threads of a slot compare_exchange(sentinel -> their id), so
//     exactly one wins (and saw the sentinel), the others see the winner's id,
//     and the winners are counted with atomic_add.
// Compiled for Vulkan with -C target-feature=+int64-atomics,+float-atomic-add.
use gpu::*;

// ---- device memory: many threads on 7 slots per operation ---------------------------
// out: [add 7 | sub 7 | min 7 | max 7 | and 7 | or 7 | xor 7 | exchange 7 | n olds of
// the exchanges]. Item i hits slot i % 7 of each group; `and` takes m[i] (mostly
// ones), `or` takes !m[i] (mostly zeros), so that neither saturates.

#[kernel]
pub fn hits_i32(x: &[i32], m: &[i32], out: &mut [i32]) {
    let i = global_idx_x();
    if i < x.len() {
        let k = i % 7;
        atomic_add(&mut out[k], x[i]);
        atomic_sub(&mut out[7 + k], x[i]);
        atomic_min(&mut out[14 + k], x[i]);
        atomic_max(&mut out[21 + k], x[i]);
        atomic_and(&mut out[28 + k], m[i]);
        atomic_or(&mut out[35 + k], !m[i]);
        atomic_xor(&mut out[42 + k], x[i]);
        let old = atomic_exchange(&mut out[49 + k], x[i]);
        out[56 + i] = old;
    }
}

#[kernel]
pub fn hits_u32(x: &[u32], m: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < x.len() {
        let k = i % 7;
        atomic_add(&mut out[k], x[i]);
        atomic_sub(&mut out[7 + k], x[i]);
        atomic_min(&mut out[14 + k], x[i]);
        atomic_max(&mut out[21 + k], x[i]);
        atomic_and(&mut out[28 + k], m[i]);
        atomic_or(&mut out[35 + k], !m[i]);
        atomic_xor(&mut out[42 + k], x[i]);
        let old = atomic_exchange(&mut out[49 + k], x[i]);
        out[56 + i] = old;
    }
}

#[kernel]
pub fn hits_i64(x: &[i64], m: &[i64], out: &mut [i64]) {
    let i = global_idx_x();
    if i < x.len() {
        let k = i % 7;
        atomic_add(&mut out[k], x[i]);
        atomic_sub(&mut out[7 + k], x[i]);
        atomic_min(&mut out[14 + k], x[i]);
        atomic_max(&mut out[21 + k], x[i]);
        atomic_and(&mut out[28 + k], m[i]);
        atomic_or(&mut out[35 + k], !m[i]);
        atomic_xor(&mut out[42 + k], x[i]);
        let old = atomic_exchange(&mut out[49 + k], x[i]);
        out[56 + i] = old;
    }
}

#[kernel]
pub fn hits_u64(x: &[u64], m: &[u64], out: &mut [u64]) {
    let i = global_idx_x();
    if i < x.len() {
        let k = i % 7;
        atomic_add(&mut out[k], x[i]);
        atomic_sub(&mut out[7 + k], x[i]);
        atomic_min(&mut out[14 + k], x[i]);
        atomic_max(&mut out[21 + k], x[i]);
        atomic_and(&mut out[28 + k], m[i]);
        atomic_or(&mut out[35 + k], !m[i]);
        atomic_xor(&mut out[42 + k], x[i]);
        let old = atomic_exchange(&mut out[49 + k], x[i]);
        out[56 + i] = old;
    }
}

// ---- device memory: one slot per item, the returned old values ----------------------
// out: 9 groups of n targets (add, sub, min, max, and, or, xor, exchange,
// compare_exchange), then 9 groups of n old values. compare_exchange(y[i] -> x[i]):
// the C++ side starts about half of those slots at y[i].

#[kernel]
pub fn old_i32(x: &[i32], y: &[i32], out: &mut [i32]) {
    let n = x.len();
    let i = global_idx_x();
    if i < n {
        let v = x[i];
        let o = 9 * n;
        let r = atomic_add(&mut out[i], v);
        out[o + i] = r;
        let r = atomic_sub(&mut out[n + i], v);
        out[o + n + i] = r;
        let r = atomic_min(&mut out[2 * n + i], v);
        out[o + 2 * n + i] = r;
        let r = atomic_max(&mut out[3 * n + i], v);
        out[o + 3 * n + i] = r;
        let r = atomic_and(&mut out[4 * n + i], v);
        out[o + 4 * n + i] = r;
        let r = atomic_or(&mut out[5 * n + i], v);
        out[o + 5 * n + i] = r;
        let r = atomic_xor(&mut out[6 * n + i], v);
        out[o + 6 * n + i] = r;
        let r = atomic_exchange(&mut out[7 * n + i], v);
        out[o + 7 * n + i] = r;
        let r = atomic_compare_exchange(&mut out[8 * n + i], y[i], v);
        out[o + 8 * n + i] = r;
    }
}

#[kernel]
pub fn old_u32(x: &[u32], y: &[u32], out: &mut [u32]) {
    let n = x.len();
    let i = global_idx_x();
    if i < n {
        let v = x[i];
        let o = 9 * n;
        let r = atomic_add(&mut out[i], v);
        out[o + i] = r;
        let r = atomic_sub(&mut out[n + i], v);
        out[o + n + i] = r;
        let r = atomic_min(&mut out[2 * n + i], v);
        out[o + 2 * n + i] = r;
        let r = atomic_max(&mut out[3 * n + i], v);
        out[o + 3 * n + i] = r;
        let r = atomic_and(&mut out[4 * n + i], v);
        out[o + 4 * n + i] = r;
        let r = atomic_or(&mut out[5 * n + i], v);
        out[o + 5 * n + i] = r;
        let r = atomic_xor(&mut out[6 * n + i], v);
        out[o + 6 * n + i] = r;
        let r = atomic_exchange(&mut out[7 * n + i], v);
        out[o + 7 * n + i] = r;
        let r = atomic_compare_exchange(&mut out[8 * n + i], y[i], v);
        out[o + 8 * n + i] = r;
    }
}

#[kernel]
pub fn old_i64(x: &[i64], y: &[i64], out: &mut [i64]) {
    let n = x.len();
    let i = global_idx_x();
    if i < n {
        let v = x[i];
        let o = 9 * n;
        let r = atomic_add(&mut out[i], v);
        out[o + i] = r;
        let r = atomic_sub(&mut out[n + i], v);
        out[o + n + i] = r;
        let r = atomic_min(&mut out[2 * n + i], v);
        out[o + 2 * n + i] = r;
        let r = atomic_max(&mut out[3 * n + i], v);
        out[o + 3 * n + i] = r;
        let r = atomic_and(&mut out[4 * n + i], v);
        out[o + 4 * n + i] = r;
        let r = atomic_or(&mut out[5 * n + i], v);
        out[o + 5 * n + i] = r;
        let r = atomic_xor(&mut out[6 * n + i], v);
        out[o + 6 * n + i] = r;
        let r = atomic_exchange(&mut out[7 * n + i], v);
        out[o + 7 * n + i] = r;
        let r = atomic_compare_exchange(&mut out[8 * n + i], y[i], v);
        out[o + 8 * n + i] = r;
    }
}

#[kernel]
pub fn old_u64(x: &[u64], y: &[u64], out: &mut [u64]) {
    let n = x.len();
    let i = global_idx_x();
    if i < n {
        let v = x[i];
        let o = 9 * n;
        let r = atomic_add(&mut out[i], v);
        out[o + i] = r;
        let r = atomic_sub(&mut out[n + i], v);
        out[o + n + i] = r;
        let r = atomic_min(&mut out[2 * n + i], v);
        out[o + 2 * n + i] = r;
        let r = atomic_max(&mut out[3 * n + i], v);
        out[o + 3 * n + i] = r;
        let r = atomic_and(&mut out[4 * n + i], v);
        out[o + 4 * n + i] = r;
        let r = atomic_or(&mut out[5 * n + i], v);
        out[o + 5 * n + i] = r;
        let r = atomic_xor(&mut out[6 * n + i], v);
        out[o + 6 * n + i] = r;
        let r = atomic_exchange(&mut out[7 * n + i], v);
        out[o + 7 * n + i] = r;
        let r = atomic_compare_exchange(&mut out[8 * n + i], y[i], v);
        out[o + 8 * n + i] = r;
    }
}

// ---- device memory: claims with compare_exchange ------------------------------------
// out: [7 owners, starting at `sentinel` | 7 win counters | n old values]. Item i
// (id base + i, wrapping) tries to claim owner i % 7; the one that saw the sentinel
// counts itself in the slot's counter.

#[kernel]
pub fn claim_i32(sentinel: i32, base: i32, n: u32, out: &mut [i32]) {
    let i = global_idx_x();
    if i < n as usize {
        let k = i % 7;
        let id = base.wrapping_add(i as i32);
        let old = atomic_compare_exchange(&mut out[k], sentinel, id);
        if old == sentinel {
            atomic_add(&mut out[7 + k], 1);
        }
        out[14 + i] = old;
    }
}

#[kernel]
pub fn claim_u32(sentinel: u32, base: u32, n: u32, out: &mut [u32]) {
    let i = global_idx_x();
    if i < n as usize {
        let k = i % 7;
        let id = base.wrapping_add(i as u32);
        let old = atomic_compare_exchange(&mut out[k], sentinel, id);
        if old == sentinel {
            atomic_add(&mut out[7 + k], 1);
        }
        out[14 + i] = old;
    }
}

#[kernel]
pub fn claim_i64(sentinel: i64, base: i64, n: u32, out: &mut [i64]) {
    let i = global_idx_x();
    if i < n as usize {
        let k = i % 7;
        let id = base.wrapping_add(i as i64);
        let old = atomic_compare_exchange(&mut out[k], sentinel, id);
        if old == sentinel {
            atomic_add(&mut out[7 + k], 1);
        }
        out[14 + i] = old;
    }
}

#[kernel]
pub fn claim_u64(sentinel: u64, base: u64, n: u32, out: &mut [u64]) {
    let i = global_idx_x();
    if i < n as usize {
        let k = i % 7;
        let id = base.wrapping_add(i as u64);
        let old = atomic_compare_exchange(&mut out[k], sentinel, id);
        if old == sentinel {
            atomic_add(&mut out[7 + k], 1);
        }
        out[14 + i] = old;
    }
}

// ---- shared memory ------------------------------------------------------------------
// Per block: 64 shared slots start from init[b * 65 ..][..64] and a shared scalar
// counter from init[b * 65 + 64]. Thread t of the block (item i, when i < n) hits
// slot t % 8 of each group of 8: add, sub, min, max, and (m[i]), or (!m[i]), xor,
// and a claim (sentinel -> t) counted in the shared counter. A shared array of one
// value per thread (starting at x[i], or 0 past n) is exchanged into by the
// previous thread: thread t exchanges m[i] into slot (t + 1) % threads.
// out: [65 per block: the slots and the counter | n claim olds | n exchange olds |
// n final values of the threads' own exchange slots].

#[kernel]
pub fn shared_i32(sentinel: i32, x: &[i32], m: &[i32], init: &[i32], out: &mut [i32]) {
    // An array of arrays: row = operation, column = slot.
    let s = shared::<[[i32; 8]; 8]>();
    let count = shared::<i32>();
    let ex = shared::<[i32; 1024]>();
    let n = x.len();
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let b = block_idx_x() as usize;
    let i = global_idx_x();
    let mut j = t;
    while j < 64 {
        s[j / 8][j % 8] = init[b * 65 + j];
        j += threads;
    }
    if t == 0 {
        *count = init[b * 65 + 64];
    }
    ex[t] = if i < n { x[i] } else { 0 };
    sync_threads();
    let per_block = grid_dim_x() as usize * 65;
    if i < n {
        let k = t % 8;
        atomic_add(&mut s[0][k], x[i]);
        atomic_sub(&mut s[1][k], x[i]);
        atomic_min(&mut s[2][k], x[i]);
        atomic_max(&mut s[3][k], x[i]);
        atomic_and(&mut s[4][k], m[i]);
        atomic_or(&mut s[5][k], !m[i]);
        atomic_xor(&mut s[6][k], x[i]);
        let old = atomic_compare_exchange(&mut s[7][k], sentinel, t as i32);
        if old == sentinel {
            atomic_add(count, 1);
        }
        out[per_block + i] = old;
        let prev = atomic_exchange(&mut ex[(t + 1) % threads], m[i]);
        out[per_block + n + i] = prev;
    }
    sync_threads();
    let mut j = t;
    while j < 64 {
        out[b * 65 + j] = s[j / 8][j % 8];
        j += threads;
    }
    if t == 0 {
        out[b * 65 + 64] = *count;
    }
    if i < n {
        out[per_block + 2 * n + i] = ex[t];
    }
}

#[kernel]
pub fn shared_u32(sentinel: u32, x: &[u32], m: &[u32], init: &[u32], out: &mut [u32]) {
    let s = shared::<[u32; 64]>();
    let count = shared::<u32>();
    let ex = shared::<[u32; 1024]>();
    let n = x.len();
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let b = block_idx_x() as usize;
    let i = global_idx_x();
    let mut j = t;
    while j < 64 {
        s[j] = init[b * 65 + j];
        j += threads;
    }
    if t == 0 {
        *count = init[b * 65 + 64];
    }
    ex[t] = if i < n { x[i] } else { 0 };
    sync_threads();
    let per_block = grid_dim_x() as usize * 65;
    if i < n {
        let k = t % 8;
        atomic_add(&mut s[k], x[i]);
        atomic_sub(&mut s[8 + k], x[i]);
        atomic_min(&mut s[16 + k], x[i]);
        atomic_max(&mut s[24 + k], x[i]);
        atomic_and(&mut s[32 + k], m[i]);
        atomic_or(&mut s[40 + k], !m[i]);
        atomic_xor(&mut s[48 + k], x[i]);
        let old = atomic_compare_exchange(&mut s[56 + k], sentinel, t as u32);
        if old == sentinel {
            atomic_add(count, 1);
        }
        out[per_block + i] = old;
        let prev = atomic_exchange(&mut ex[(t + 1) % threads], m[i]);
        out[per_block + n + i] = prev;
    }
    sync_threads();
    let mut j = t;
    while j < 64 {
        out[b * 65 + j] = s[j];
        j += threads;
    }
    if t == 0 {
        out[b * 65 + 64] = *count;
    }
    if i < n {
        out[per_block + 2 * n + i] = ex[t];
    }
}

#[kernel]
pub fn shared_i64(sentinel: i64, x: &[i64], m: &[i64], init: &[i64], out: &mut [i64]) {
    let s = shared::<[i64; 64]>();
    let count = shared::<i64>();
    let ex = shared::<[i64; 1024]>();
    let n = x.len();
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let b = block_idx_x() as usize;
    let i = global_idx_x();
    let mut j = t;
    while j < 64 {
        s[j] = init[b * 65 + j];
        j += threads;
    }
    if t == 0 {
        *count = init[b * 65 + 64];
    }
    ex[t] = if i < n { x[i] } else { 0 };
    sync_threads();
    let per_block = grid_dim_x() as usize * 65;
    if i < n {
        let k = t % 8;
        atomic_add(&mut s[k], x[i]);
        atomic_sub(&mut s[8 + k], x[i]);
        atomic_min(&mut s[16 + k], x[i]);
        atomic_max(&mut s[24 + k], x[i]);
        atomic_and(&mut s[32 + k], m[i]);
        atomic_or(&mut s[40 + k], !m[i]);
        atomic_xor(&mut s[48 + k], x[i]);
        let old = atomic_compare_exchange(&mut s[56 + k], sentinel, t as i64);
        if old == sentinel {
            atomic_add(count, 1);
        }
        out[per_block + i] = old;
        let prev = atomic_exchange(&mut ex[(t + 1) % threads], m[i]);
        out[per_block + n + i] = prev;
    }
    sync_threads();
    let mut j = t;
    while j < 64 {
        out[b * 65 + j] = s[j];
        j += threads;
    }
    if t == 0 {
        out[b * 65 + 64] = *count;
    }
    if i < n {
        out[per_block + 2 * n + i] = ex[t];
    }
}

#[kernel]
pub fn shared_u64(sentinel: u64, x: &[u64], m: &[u64], init: &[u64], out: &mut [u64]) {
    let s = shared::<[u64; 64]>();
    let count = shared::<u64>();
    let ex = shared::<[u64; 1024]>();
    let n = x.len();
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let b = block_idx_x() as usize;
    let i = global_idx_x();
    let mut j = t;
    while j < 64 {
        s[j] = init[b * 65 + j];
        j += threads;
    }
    if t == 0 {
        *count = init[b * 65 + 64];
    }
    ex[t] = if i < n { x[i] } else { 0 };
    sync_threads();
    let per_block = grid_dim_x() as usize * 65;
    if i < n {
        let k = t % 8;
        atomic_add(&mut s[k], x[i]);
        atomic_sub(&mut s[8 + k], x[i]);
        atomic_min(&mut s[16 + k], x[i]);
        atomic_max(&mut s[24 + k], x[i]);
        atomic_and(&mut s[32 + k], m[i]);
        atomic_or(&mut s[40 + k], !m[i]);
        atomic_xor(&mut s[48 + k], x[i]);
        let old = atomic_compare_exchange(&mut s[56 + k], sentinel, t as u64);
        if old == sentinel {
            atomic_add(count, 1);
        }
        out[per_block + i] = old;
        let prev = atomic_exchange(&mut ex[(t + 1) % threads], m[i]);
        out[per_block + n + i] = prev;
    }
    sync_threads();
    let mut j = t;
    while j < 64 {
        out[b * 65 + j] = s[j];
        j += threads;
    }
    if t == 0 {
        out[b * 65 + 64] = *count;
    }
    if i < n {
        out[per_block + 2 * n + i] = ex[t];
    }
}

// ---- f32 atomic_add -----------------------------------------------------------------
// out: [7 slots hit by many items | n slots of one item each | n old values]: item
// i adds x[i] to slot i % 7 and y[i] to its own slot. The x are integer-valued, so
// the many-item sums are exact in any order.

#[kernel]
pub fn fadd(x: &[f32], y: &[f32], out: &mut [f32]) {
    let n = x.len();
    let i = global_idx_x();
    if i < n {
        atomic_add(&mut out[i % 7], x[i]);
        let old = atomic_add(&mut out[7 + i], y[i]);
        out[7 + n + i] = old;
    }
}

// Per block: 8 shared slots (thread t adds x[i] to slot t % 8) and a shared
// total of all of the block's x, from init[b * 9 ..]; out: 9 per block.
#[kernel]
pub fn shared_fadd(x: &[f32], init: &[f32], out: &mut [f32]) {
    let s = shared::<[f32; 8]>();
    let total = shared::<f32>();
    let t = thread_idx_x() as usize;
    let threads = block_dim_x() as usize;
    let b = block_idx_x() as usize;
    let i = global_idx_x();
    let mut j = t;
    while j < 8 {
        s[j] = init[b * 9 + j];
        j += threads;
    }
    if t == 0 {
        *total = init[b * 9 + 8];
    }
    sync_threads();
    if i < x.len() {
        atomic_add(&mut s[t % 8], x[i]);
        atomic_add(total, x[i]);
    }
    sync_threads();
    let mut j = t;
    while j < 8 {
        out[b * 9 + j] = s[j];
        j += threads;
    }
    if t == 0 {
        out[b * 9 + 8] = *total;
    }
}
