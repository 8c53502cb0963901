// e2e family 15 (GPU model): shuffles, ballot, votes and warp reductions. The
// warp size is the device's (8 on lavapipe, 32 on NVIDIA), and a block that is
// not a multiple of it leaves the last warp partial, so each thread computes
// what the warp operation must return from the input itself, skipping lanes
// that do not exist, and writes 1 where they agree: the CPU reference is all
// ones. Every thread of a block takes part (no early exit before the warp ops).
use gpu::*;

fn value(x: &[u32], j: usize) -> u32 {
    if j < x.len() {
        x[j]
    } else {
        0
    }
}

// Whether lane `s` of this thread's warp exists (partial last warp of a block).
fn exists(lane: u32, s: u32) -> bool {
    thread_idx_x() - lane + s < block_dim_x()
}

// out[8i..8i+8]: one flag per operation.
#[kernel]
pub fn warp_ops(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    let ws = warp_size();
    let lane = lane_id();
    let base = i - lane as usize;
    let v = value(x, i);
    let s0 = shuffle(v, 0);
    let sx = shuffle_xor(v, 1);
    let su = shuffle_up(v, 1);
    let sd = shuffle_down(v, 2);
    let sum = warp_reduce_add(v);
    let max = warp_reduce_max(v);
    let bits = ballot(v % 2 == 0);
    let all = vote_all(v % 4 != 3);
    let any = vote_any(v % 16 == 5);
    if i < x.len() && 8 * i + 7 < out.len() {
        let full = exists(lane, ws - 1);
        let mut want_sum = 0u32;
        let mut want_max = 0u32;
        let mut want_bits = 0u64;
        let mut want_all = true;
        let mut want_any = false;
        for s in 0..ws {
            if exists(lane, s) {
                let w = value(x, base + s as usize);
                want_sum = want_sum.wrapping_add(w);
                want_max = want_max.max(w);
                if w % 2 == 0 {
                    want_bits |= 1u64 << s;
                }
                want_all = want_all && w % 4 != 3;
                want_any = want_any || w % 16 == 5;
            }
        }
        let xor_src = lane ^ 1;
        let ok_xor = if xor_src >= ws {
            sx == v
        } else {
            !exists(lane, xor_src) || sx == value(x, base + xor_src as usize)
        };
        let ok_up = if lane >= 1 { su == value(x, i - 1) } else { su == v };
        let ok_down = if lane + 2 < ws {
            !exists(lane, lane + 2) || sd == value(x, i + 2)
        } else {
            sd == v
        };
        out[8 * i] = (s0 == value(x, base)) as u32;
        out[8 * i + 1] = ok_xor as u32;
        out[8 * i + 2] = ok_up as u32;
        out[8 * i + 3] = ok_down as u32;
        out[8 * i + 4] = (!full || sum == want_sum) as u32;
        out[8 * i + 5] = (!full || max == want_max) as u32;
        out[8 * i + 6] = (bits == want_bits) as u32;
        out[8 * i + 7] = (all == want_all && any == want_any) as u32;
    }
}
