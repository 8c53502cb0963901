#[kernel(max_threads = 0)]
pub fn a() {}
#[kernel(max_threads = 99999999999)]
pub fn b() {}
#[kernel(foo = 1)]
pub fn c() {}
#[kernel(max_threads)]
pub fn d() {}
#[inline]
fn e() {}
#![allow(dead_code)]
#[kernel]
pub fn f(x: &[&[f32]], y: &mut [bool], z: (u32, u32)) {}
