// Device panics (docs/abi.md, "Device panics"): each kernel panics for some
// inputs; panic_test.cpp checks the message hm_synchronize returns, then that
// the device still runs the next launch. The line:column pairs are checked
// there: keep the panicking expressions where they are.
use gpu::*;

#[kernel]
pub fn gather(x: &[u32], idx: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < out.len() {
        let j = idx[i] as usize;
        out[i] = x[j]; // line 12, column 18: x[j]
    }
}

#[kernel]
pub fn checked_eq(a: &[f32], b: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        assert_eq!(a[i], b[i], "row {}", i); // line 20, column 9
        out[i] = a[i] + b[i];
    }
}

#[kernel]
pub fn divide(x: &[i32], d: i32, out: &mut [i32]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = x[i] / d; // line 29, column 18
    }
}

#[kernel]
pub fn explicit(x: &[i64], out: &mut [i64]) {
    let i = global_idx_x();
    if i < out.len() {
        if x[i] < 0 {
            panic!("negative input {} at {}", x[i], i); // line 38, column 13
        }
        out[i] = x[i] * 2;
    }
}

#[kernel(max_threads = 64)]
pub fn bounded(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = x[i] + 1;
    }
}

// A loop whose check is versioned on LLVM targets (check_versioning.cpp): the
// clean launch runs the copy without checks; with `x` too short, threads near
// the end take the checked copy and panic at the first index past the end.
#[kernel]
pub fn window(x: &[u32], width: u32, out: &mut [u32]) {
    let i = global_idx_x();
    if i < out.len() {
        let mut s = 0u32;
        for k in 0..width as usize {
            s = s.wrapping_add(x[i + k]); // line 61, column 32
        }
        out[i] = s;
    }
}

// Two checks outside any loop, decided before the body on LLVM targets: with
// x one element short, only the last thread takes the checked body, and panics
// at x[2 * i + 1].
#[kernel]
pub fn pairs(x: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = x[2 * i] + x[2 * i + 1]; // line 74, column 29
    }
}
