// The hm module records each kernel's parameter types as Rust writes them (the hm
// types lose integer signedness); the launch header (--emit=header) reads them.
// RUN: %hematite --emit=hm %s -o - | FileCheck %s
// CHECK: module attributes {hm.kernel_signatures = {first = ["u32", "i32", "usize", "isize", "bool", "&[u8]", "&mut [u64]"], second = ["f64", "&mut [i16]"]}}
use gpu::*;

#[kernel]
pub fn first(a: u32, b: i32, n: usize, m: isize, f: bool, x: &[u8], y: &mut [u64]) {
    let i = global_idx_x();
    if i < y.len() && i < x.len() && f {
        y[i] = (x[i] as u64) + (a as u64) + (b as u64) + (n as u64) + (m as u64);
    }
}

#[kernel]
pub fn second(s: f64, out: &mut [i16]) {
    let i = global_idx_x();
    if i < out.len() {
        out[i] = s as i16;
    }
}
