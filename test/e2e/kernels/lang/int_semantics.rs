// e2e family 8: integer semantics of a Rust release build (Hematite's default,
// `-C overflow-checks=off`): `+ - *` and unary `-` wrap, shift amounts are masked to
// the bit width, signed `/` and `%` truncate toward zero; `as` casts: float -> int
// saturates (NaN -> 0), int -> float rounds to nearest, integer casts truncate or
// sign/zero-extend, bool -> int is 0/1.
use gpu::*;

// out[10i..10i+10]
#[kernel]
pub fn int_u32(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let x = a[i];
        let y = b[i];
        out[10 * i] = x + y;
        out[10 * i + 1] = x - y;
        out[10 * i + 2] = x * y;
        out[10 * i + 3] = x << y;
        out[10 * i + 4] = x >> y;
        out[10 * i + 5] = x / (y | 1) + x % (y | 1);
        out[10 * i + 6] = ((x as u8) + (y as u8)) as u32;
        out[10 * i + 7] = ((x as u16) * (y as u16)) as u32;
        out[10 * i + 8] = ((x as u8) << (y as u8)) as u32;
        out[10 * i + 9] = (x > y) as u32 + ((x & 1 == 1) as u32) * 2 + true as u32 * 4;
    }
}

// out[10i..10i+10]; d[i] != 0 and (c[i], d[i]) != (i32::MIN, -1).
#[kernel]
pub fn int_i32(c: &[i32], d: &[i32], out: &mut [i32]) {
    let i = global_idx_x();
    if i < c.len() {
        let x = c[i];
        let y = d[i];
        out[10 * i] = x + y;
        out[10 * i + 1] = x - y;
        out[10 * i + 2] = x * y;
        out[10 * i + 3] = x / y;
        out[10 * i + 4] = x % y;
        out[10 * i + 5] = -x;
        out[10 * i + 6] = x >> y;
        out[10 * i + 7] = x << y;
        out[10 * i + 8] = ((x as i8) + (y as i8)) as i32;
        out[10 * i + 9] = ((x as i16) * (y as i16)) as i32 + (x as i8) as i32;
    }
}

// out[4i..4i+4]
#[kernel]
pub fn cast_f32_to_i32(f: &[f32], out: &mut [i32]) {
    let i = global_idx_x();
    if i < f.len() {
        let x = f[i];
        out[4 * i] = x as i32;
        out[4 * i + 1] = (x as i8) as i32;
        out[4 * i + 2] = (x as i16) as i32;
        out[4 * i + 3] = (x as i64 / 65536) as i32;
    }
}

// out[4i..4i+4]
#[kernel]
pub fn cast_f32_to_u32(f: &[f32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < f.len() {
        let x = f[i];
        out[4 * i] = x as u32;
        out[4 * i + 1] = (x as u8) as u32;
        out[4 * i + 2] = (x as u16) as u32;
        out[4 * i + 3] = (x as u64 >> 16) as u32;
    }
}

// out[3i..3i+3]
#[kernel]
pub fn cast_int_to_f32(c: &[i32], a: &[u32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < c.len() {
        out[3 * i] = c[i] as f32;
        out[3 * i + 1] = a[i] as f32;
        out[3 * i + 2] = (a[i] as u64 * 1000003) as f32;
    }
}

// out[8i..8i+8]
#[kernel]
pub fn cast_i64(w: &[i64], a: &[u32], c: &[i32], out: &mut [i64]) {
    let i = global_idx_x();
    if i < w.len() {
        let v = w[i];
        out[8 * i] = (v as u32) as i64;
        out[8 * i + 1] = (v as i32) as i64;
        out[8 * i + 2] = a[i] as i64;
        out[8 * i + 3] = c[i] as i64;
        out[8 * i + 4] = (c[i] as u32) as i64;
        out[8 * i + 5] = (a[i] as i32) as i64;
        out[8 * i + 6] = (c[i] as u64) as i64 + (v < 0) as i64;
        out[8 * i + 7] = v * 3 + (v >> 40) + ((v as u64) >> 60) as i64;
    }
}
