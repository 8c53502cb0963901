// e2e family 9: builtin methods: integer min/max/clamp/abs/pow/wrapping_*/count_ones/
// leading_zeros/trailing_zeros/rotate_left; f32 floor/ceil/round/trunc/abs/min/max/
// clamp/sqrt/mul_add; f32::to_bits/from_bits.
use gpu::*;

// out[12i..12i+12]
#[kernel]
pub fn int_methods_u32(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let x = a[i];
        let y = b[i];
        out[12 * i] = x.min(y);
        out[12 * i + 1] = x.max(y);
        out[12 * i + 2] = x.clamp(1000, 1 << 30);
        out[12 * i + 3] = x.wrapping_add(y);
        out[12 * i + 4] = x.wrapping_sub(y);
        out[12 * i + 5] = x.wrapping_mul(y);
        out[12 * i + 6] = x.count_ones();
        out[12 * i + 7] = x.leading_zeros();
        out[12 * i + 8] = x.trailing_zeros();
        out[12 * i + 9] = x.rotate_left(y);
        out[12 * i + 10] = (x % 100).pow(y % 5);
        out[12 * i + 11] = u32::min(x, 77) + u32::max(y % 50, 20);
    }
}

// out[10i..10i+10]
#[kernel]
pub fn int_methods_i32(c: &[i32], d: &[i32], out: &mut [i32]) {
    let i = global_idx_x();
    if i < c.len() {
        let x = c[i];
        let y = d[i];
        out[10 * i] = x.min(y);
        out[10 * i + 1] = x.max(y);
        out[10 * i + 2] = x.clamp(-1000, 1000);
        out[10 * i + 3] = x.abs();
        out[10 * i + 4] = x.wrapping_add(y);
        out[10 * i + 5] = x.wrapping_mul(y);
        out[10 * i + 6] = x.count_ones() as i32;
        out[10 * i + 7] = x.leading_zeros() as i32 + x.trailing_zeros() as i32;
        out[10 * i + 8] = (x % 50).pow((y as u32) % 5);
        out[10 * i + 9] = x.wrapping_sub(y).rotate_left(7);
    }
}

// Exact results. out[8i..8i+8]
#[kernel]
pub fn float_methods_exact(x: &[f32], y: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        let w = y[i];
        out[8 * i] = v.floor();
        out[8 * i + 1] = v.ceil();
        out[8 * i + 2] = v.round();
        out[8 * i + 3] = v.trunc();
        out[8 * i + 4] = v.abs();
        out[8 * i + 5] = v.min(w);
        out[8 * i + 6] = v.max(w);
        out[8 * i + 7] = v.clamp(-1.5, 2.5);
    }
}

// Rounded results (within 1e-5 relative). out[3i..3i+3]
#[kernel]
pub fn float_methods_approx(x: &[f32], y: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        let w = y[i];
        out[3 * i] = v.abs().sqrt();
        out[3 * i + 1] = v.mul_add(w, 1.25);
        out[3 * i + 2] = f32::sqrt(w * w + 1.0);
    }
}

// out[2i..2i+2]
#[kernel]
pub fn float_to_bits(x: &[f32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < x.len() {
        out[2 * i] = x[i].to_bits();
        out[2 * i + 1] = (-x[i]).to_bits() ^ f32::to_bits(1.0);
    }
}

// out[2i..2i+2]
#[kernel]
pub fn float_from_bits(a: &[u32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < a.len() {
        out[2 * i] = f32::from_bits(a[i]);
        out[2 * i + 1] = f32::from_bits((a[i] & 0x007f_ffff) | 0x3f80_0000) - 1.0;
    }
}

// out[6i..6i+6]: Euclidean division and remainder, abs_diff, signum,
// is_negative, div_ceil (b is never 0).
#[kernel]
pub fn euclid_ints(a: &[i32], b: &[i32], out: &mut [i32]) {
    let i = global_idx_x();
    if i < a.len() && i < b.len() {
        let (x, y) = (a[i], b[i]);
        out[6 * i] = x.rem_euclid(y);
        out[6 * i + 1] = x.div_euclid(y);
        out[6 * i + 2] = x.abs_diff(y) as i32;
        out[6 * i + 3] = x.signum();
        out[6 * i + 4] = x.is_negative() as i32;
        out[6 * i + 5] = (x as u32 % 1000).div_ceil((y as u32 % 50) + 1) as i32;
    }
}

// out[2i..2i+2]: f32 rem_euclid and copysign. (f32 div_euclid is trunc(a / b)
// adjusted, so it inherits the target's division: IEEE on CUDA, AMD and
// lavapipe, but Vulkan allows OpFDiv 2.5 ulp and the H100's driver truncates
// -296 / 18.5 to -15. It is not compared here; docs/language.md says so.)
#[kernel]
pub fn euclid_floats(a: &[f32], b: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < a.len() && i < b.len() {
        out[2 * i] = a[i].rem_euclid(b[i]);
        out[2 * i + 1] = a[i].copysign(b[i]);
    }
}
