// Kernels launched through their generated C++ header (launch_header_test.cpp).
use gpu::*;

#[kernel]
pub fn saxpy(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}

// Every kind of scalar the header maps (unsigned ones need the Rust signature).
#[kernel]
pub fn mixed(a: u32, b: i64, flag: bool, n: usize, small: i8, x: &[u32], out: &mut [u64]) {
    let i = global_idx_x();
    if i < n && i < out.len() {
        let v = (x[i] as u64).wrapping_mul(a as u64).wrapping_add(b as u64);
        out[i] = if flag { v } else { v ^ (small as i64 as u64) };
    }
}

// Two dimensions: out[y * w + x] = x + 1000 * y.
#[kernel]
pub fn grid2d(w: u32, out: &mut [u32]) {
    let x = global_idx_x();
    let y = global_idx_y();
    let idx = y * (w as usize) + x;
    if x < w as usize && idx < out.len() {
        out[idx] = (x as u32) + 1000 * (y as u32);
    }
}
