// e2e family 6: loops: labeled `break`/`continue` out of nested `for`s, `loop` with
// `break value` (also labeled), `(a..b).rev()`, `(a..=b).rev()`, `.step_by()`, `a..=b`,
// `while`.
use gpu::*;

// out[8i..8i+8]
#[kernel]
pub fn loops(a: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let v = a[i] % 64;

        let mut count = 0u32;
        'outer: for p in 0..10u32 {
            for q in 0..10u32 {
                if q > p {
                    continue 'outer;
                }
                if p * q > v {
                    break 'outer;
                }
                count += p + q;
            }
        }

        let mut k = 0u32;
        let root = loop {
            if k * k > v {
                break k;
            }
            k += 1;
        };

        let mut r = 0u32;
        for j in (0..v % 10).rev() {
            r = r * 3 + j;
        }

        let mut s = 0u32;
        for j in (1..v + 1).step_by(3) {
            s += j;
        }

        let mut t = 0u32;
        for j in 1..=v % 10 {
            t += j * j;
        }

        let mut x = v + 1;
        let mut steps = 0u32;
        while x != 1 {
            x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
            steps += 1;
        }

        // The first (p, q) with p * q == v + 7 and p <= q, or 0, through a labeled loop
        // that breaks with a value from an inner loop.
        let mut p = 1u32;
        let found = 'search: loop {
            if p > 20 {
                break 0;
            }
            let mut q = p;
            while q <= 40 {
                if p * q == v + 7 {
                    break 'search p * 100 + q;
                }
                q += 1;
            }
            p += 1;
        };

        let mut u = 0u32;
        for j in (2..=v % 13).rev() {
            if j == 6 || j % 3 == 0 {
                continue;
            }
            u = u * 2 + j;
        }

        out[8 * i] = count;
        out[8 * i + 1] = root;
        out[8 * i + 2] = r;
        out[8 * i + 3] = s;
        out[8 * i + 4] = t;
        out[8 * i + 5] = steps;
        out[8 * i + 6] = found;
        out[8 * i + 7] = u;
    }
}

// Labeled blocks: `break 'a value` leaves the block with a value; a unit block
// can be left early. out[i] = 2v if v > 10, 0 -> 7 when v == 3, else v + 1.
#[kernel]
pub fn labeled_blocks(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < x.len() && i < out.len() {
        let v = x[i] % 16;
        let r = 'a: {
            if v > 10 {
                break 'a v * 2;
            }
            if v == 3 {
                break 'a 0;
            }
            v + 1
        };
        'b: {
            if r == 0 {
                out[i] = 7;
                break 'b;
            }
            out[i] = r;
        }
    }
}

// Streaming loops: a run-time trip count and a slice read in the body, the loops
// that every target unrolls 16 times (a copy that runs 16 iterations at a time,
// then the loop itself for the rest). out[4i..4i+4]:
// - a stride walk over the whole input from i (step 1..7): many iterations;
// - a u32 counter from v % 16 while < 500, step 3: 162..167 iterations;
// - a u32 counter near the top of its range (0xFFFF_FF00 + v % 16 while below
//   0xFFFF_FFE0, step 0x20: 7 iterations): 16 steps ahead would wrap past
//   u32::MAX, so the unrolled copy must not run and the loop does them all;
// - the same near the top with a bound and a step from the data (bound
//   0xFFFF_FEE0 + v % 256, step 1..32, 7..479 iterations): whether 16 steps
//   ahead wraps is decided at run time, each way for some threads.
#[kernel]
pub fn streaming(a: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() && 4 * i + 3 < out.len() {
        let v = a[i];
        let step = 1 + (v % 7) as usize;
        let mut s = 0u32;
        let mut j = i;
        while j < a.len() {
            s = s.wrapping_add(a[j]);
            j += step;
        }

        let mut t = 0u32;
        let mut c = v % 16;
        while c < 500 {
            t = t.wrapping_add(a[c as usize % a.len()]);
            c += 3;
        }

        let mut w = 0u32;
        let mut d = 0xFFFF_FF00u32 + v % 16;
        while d < 0xFFFF_FFE0 {
            w = w.wrapping_add(a[(d % 64) as usize % a.len()] ^ d);
            d += 0x20;
        }

        let mut x = 0u32;
        let top = 0xFFFF_FEE0u32 + v % 256;
        let step = 1 + (v >> 12) % 32;
        let mut e = 0xFFFF_FE00u32 + (v >> 8) % 16;
        while e < top {
            x = x.wrapping_add(a[(e % 64) as usize % a.len()] ^ e);
            e += step;
        }

        out[4 * i] = s;
        out[4 * i + 1] = t;
        out[4 * i + 2] = w;
        out[4 * i + 3] = x;
    }
}
