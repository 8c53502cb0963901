use gpu::*;

#[kernel]
pub fn k(x: &mut [i64], y: &[i8], d: i32, s: u8) {
    let i = global_idx_x();
    if i < x.len() && i < y.len() {
        let q = i32::MIN / d;
        let r = (y[i] as i32) % d;
        let sh = (q >> s) << (s as u32);
        x[i] = (sh as i64) * -3 + (r as i64) - (u64::MAX as i64) + (1.5f64 as i64);
        x[i] -= x[i] / 2;
    }
}
