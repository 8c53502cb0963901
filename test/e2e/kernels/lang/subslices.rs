// e2e family 10: sub-slices `&x[a..b]`, `&x[..b]`, `&x[a..]`, a sub-slice of a
// sub-slice, and `&mut out[a..b]`, passed to device functions.
use gpu::*;

fn sum(xs: &[u32]) -> u32 {
    let mut s = 0;
    for k in 0..xs.len() {
        s += xs[k];
    }
    s
}

fn max_of(xs: &[u32]) -> u32 {
    let mut m = 0;
    for k in 0..xs.len() {
        if xs[k] > m {
            m = xs[k];
        }
    }
    m
}

fn fill_steps(dst: &mut [u32], start: u32) {
    for k in 0..dst.len() {
        dst[k] = start + k as u32;
    }
}

// out[4i..4i+4]: each thread fills its own chunk through `&mut out[..]`, then adds.
#[kernel]
pub fn subslice_window(x: &[u32], w: u32, out: &mut [u32]) {
    let i = global_idx_x();
    let n = x.len();
    if i < n {
        let end = if i + (w as usize) < n { i + w as usize } else { n };
        let win = &x[i..end];
        let head = &x[..i % 7 + 1];
        let tail = &x[n - 1 - i % 5..];
        let chunk = &mut out[4 * i..4 * i + 4];
        fill_steps(chunk, x[i] % 100);
        out[4 * i] += sum(win);
        out[4 * i + 1] += max_of(win) + win.len() as u32;
        out[4 * i + 2] += sum(head) + sum(tail);
        out[4 * i + 3] += if win.len() > 1 { sum(&win[1..]) } else { 0 };
    }
}
