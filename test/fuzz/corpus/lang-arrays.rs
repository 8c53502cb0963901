// e2e family 3: const generics and local arrays: `[T; N]` by value and returned,
// const-generic functions called with explicit and inferred `N`, dynamic indexing into
// a local array (reads and compound assignment), an array of structs, nested arrays.
use gpu::*;

#[derive(Clone, Copy)]
struct Pair {
    a: u32,
    b: u32,
}

fn gather<const N: usize>(x: &[u32], start: usize) -> [u32; N] {
    let mut a = [0u32; N];
    for k in 0..N {
        a[k] = x[(start + k) % x.len()];
    }
    a
}

fn sum_n<const N: usize>(a: [u32; N]) -> u32 {
    let mut s = 0;
    for k in 0..N {
        s += a[k];
    }
    s
}

fn max_n<const N: usize>(a: [u32; N]) -> u32 {
    let mut m = a[0];
    for k in 1..a.len() {
        if a[k] > m {
            m = a[k];
        }
    }
    m
}

// out[3i..3i+3]
#[kernel]
pub fn arrays_const_generic(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    let n = x.len();
    if i < n {
        let a4: [u32; 4] = gather(x, i);
        let a8 = gather::<8>(x, i);
        out[3 * i] = sum_n(a4);
        out[3 * i + 1] = sum_n(a8) - max_n(a8);
        out[3 * i + 2] = max_n::<3>([x[i], 700, x[(i + 1) % n]]);
    }
}

// out[7i..7i+7]
#[kernel]
pub fn arrays_local(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    let n = x.len();
    if i < n {
        let v = x[i];
        // A histogram: dynamic index with compound assignment.
        let mut hist = [0u32; 16];
        for k in 0..12 {
            let w = x[(i + k) % n];
            hist[(w % 16) as usize] += 1;
        }
        let table = [3u32, 1, 4, 1, 5, 9, 2, 6];
        let t = table[(v % 8) as usize];
        // Nested arrays.
        let mut m = [[0u32; 3]; 3];
        for r in 0..3 {
            for c in 0..3 {
                m[r][c] = x[(i + r * 3 + c) % n] % 1000;
            }
        }
        let idx = (v % 3) as usize;
        let diag = m[0][0] + m[1][1] + m[2][2];
        let col = m[0][idx] + m[1][idx] + m[2][idx];
        // An array of structs.
        let mut ps = [Pair { a: 0, b: 0 }; 4];
        for k in 0..4 {
            ps[k].a = x[(i + k) % n] % 1000;
            ps[k].b = k as u32;
        }
        let j = (v % 4) as usize;
        ps[j].b += 100;
        let row = m[idx];
        out[7 * i] = hist[(v % 16) as usize];
        out[7 * i + 1] = t;
        out[7 * i + 2] = diag;
        out[7 * i + 3] = col;
        out[7 * i + 4] = ps[j].a + ps[j].b + ps[3 - j].b;
        out[7 * i + 5] = (table.len() + hist.len()) as u32 + row[2 - idx];
        out[7 * i + 6] = m[idx][2 - idx];
    }
}
