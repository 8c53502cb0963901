// e2e family 4: tuples: returned from functions, built from blocks and `if`, field
// access `.0`, assignment to fields, destructuring `let` (nested, `_`, `mut`), swaps.
use gpu::*;

fn divmod(a: u32, b: u32) -> (u32, u32) {
    (a / b, a % b)
}

fn minmax(a: i32, b: i32) -> (i32, i32) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

fn rotate(t: (u32, u32, u32)) -> (u32, u32, u32) {
    let (a, b, c) = t;
    (b, c, a)
}

// out[8i..8i+8]; b[i] >= 1.
#[kernel]
pub fn tuples(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let (q, r) = divmod(a[i], b[i]);
        let t = (a[i], b[i], q);
        let (x, _, z) = t;
        let mut pair = (1u32, 2u32);
        pair.0 = q;
        pair.1 += r;
        let ((p, s), w) = ((x, z), pair);
        let (mut m, n) = (r, 5u32);
        m += n;
        let (lo, hi) = minmax(a[i] as i32 - 500000, b[i] as i32);
        let (c, d) = if q > r { (q, r) } else { (r, q) };
        let (u, v, y) = rotate((c, d, m));
        let (u, v) = (v, u);
        out[8 * i] = q;
        out[8 * i + 1] = r;
        out[8 * i + 2] = t.0 + t.1 + t.2;
        out[8 * i + 3] = p - s + w.0 + w.1;
        out[8 * i + 4] = m * n;
        out[8 * i + 5] = (hi - lo) as u32;
        out[8 * i + 6] = c * 3 + d;
        out[8 * i + 7] = u * 100 + v * 10 + y;
    }
}
