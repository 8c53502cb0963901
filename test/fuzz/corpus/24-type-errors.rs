fn f(x: u32) { let y: f32 = x; }
fn g() { let y: u32 = 2.0; }
fn h() { let a = foo; }
fn i() -> u32 { thread_idx_x() }
fn j(a: u32) {} fn k() { j(1, 2); }
fn l() { let x = 1; x = 2; }
fn m(x: &[f32]) { x[0] = 1.0; }
#[kernel] fn n() {}
fn o() -> u32 { true }
fn p() { let z = 1u8 + 1u32; let w = 1.0 << 2; break; continue; }
fn q(x: &[f32]) -> f32 { x[1.0] + x.foo() }
#[kernel] pub fn r() -> u32 { 1 }
fn s() { let n: i8 = 200; let m = -1u32; }
