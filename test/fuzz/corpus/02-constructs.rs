use gpu::*;

#[kernel]
pub fn k(x: &[f32], y: &mut [i32], n: u32, d: u32) {
    let i = global_idx_x();
    if i < y.len() && i < x.len() {
        let mut acc: u32 = 0;
        for j in 0..n {
            acc += j;
        }
        let mut w = 0u32;
        while w < n {
            w *= 2;
            w += 1;
        }
        let s = if acc > 10 { acc << d } else { acc >> 3 };
        let q = s / d;
        y[i] = (x[i] as i32) + (q as i32);
    }
}
