// e2e family 11b: two `&mut` borrows of disjoint fields of one struct passed to one
// call (valid Rust: the borrows do not overlap), and `&mut` plus `&` of two fields.
use gpu::*;

struct Counter {
    hits: u32,
    misses: u32,
}

fn swap(a: &mut u32, b: &mut u32) {
    let t = *a;
    *a = *b;
    *b = t;
}

fn add_into(dst: &mut u32, src: &u32) {
    *dst += *src;
}

// out[2i..2i+2]
#[kernel]
pub fn references_disjoint(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let mut c = Counter { hits: a[i], misses: b[i] };
        swap(&mut c.hits, &mut c.misses);
        add_into(&mut c.hits, &c.misses);
        out[2 * i] = c.hits;
        out[2 * i + 1] = c.misses;
    }
}
