// e2e family 11: references: `&mut u32` and `&u32` parameters, `&mut` to locals,
// struct fields, array elements and slice elements, swapping through two `&mut`.
// Two `&mut` to disjoint fields of one struct in one call are in
// references_disjoint.rs.
use gpu::*;

struct Counter {
    hits: u32,
    misses: u32,
}

fn bump(x: &mut u32) {
    *x += 1;
}

fn bump_by(x: &mut u32, k: u32) {
    *x = *x * 2 + k;
}

fn read_plus_one(x: &u32) -> u32 {
    *x + 1
}

fn swap(a: &mut u32, b: &mut u32) {
    let t = *a;
    *a = *b;
    *b = t;
}

fn tally(c: &mut Counter, v: u32) {
    if v % 3 == 0 {
        bump(&mut c.hits);
    } else {
        bump_by(&mut c.misses, v % 5);
    }
}

// out[7i..7i+7]
#[kernel]
pub fn references(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    let n = a.len();
    if i < n {
        let mut x = a[i];
        bump(&mut x);
        bump(&mut x);
        let mut c = Counter { hits: 0, misses: 0 };
        for k in 0..6 {
            let v = a[(i + k) % n];
            if v % 2 == 0 {
                bump(&mut c.hits);
            } else {
                tally(&mut c, v);
            }
        }
        let mut p = a[i];
        let mut q = b[i];
        swap(&mut p, &mut q);
        let (h, m) = (c.hits, c.misses);
        c.hits = m;
        c.misses = h;
        {
            let r = &mut x;
            *r += 10;
        }
        let y = read_plus_one(&x);
        let mut arr = [5u32; 4];
        bump(&mut arr[(a[i] % 4) as usize]);
        bump_by(&mut arr[(b[i] % 4) as usize], 3);
        out[7 * i] = x;
        out[7 * i + 1] = c.hits * 1000 + c.misses;
        out[7 * i + 2] = p - q / 2;
        out[7 * i + 3] = y;
        out[7 * i + 4] = arr[0] + arr[1] * 10 + arr[2] * 100 + arr[3] * 1000;
        out[7 * i + 5] = a[i];
        bump(&mut out[7 * i + 5]);
        out[7 * i + 6] = read_plus_one(&a[i]) + read_plus_one(&arr[3]);
    }
}
