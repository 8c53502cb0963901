// Structs, methods, &mut parameters, C-like enums, match (or-patterns, ranges),
// consts indexed at run time, local arrays, tuples, sub-slices, generic trait
// calls, builtins and every `for` form, all inlined into the kernel.
// RUN: %hematite --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
// Only the kernel is a function: everything it calls was inlined.
// CHECK: func.func @k(
// CHECK-NOT: func.func
// The dynamically indexed const table and local array stay in memory.
// CHECK-DAG: memref.alloca() : memref<4xi32>
// CHECK-DAG: memref.alloca() : memref<8xi32>
// CHECK-DAG: hm.panic "range start index {} out of range for slice of length {}"
// CHECK-DAG: hm.panic "internal error: entered unreachable code"
// CHECK-DAG: math.sqrt
// CHECK-DAG: arith.maxnumf
use gpu::*;

#[derive(Clone, Copy)]
struct P { x: f32, y: f32 }

impl P {
    fn norm2(&self) -> f32 { self.x * self.x + self.y * self.y }
    fn scale(&mut self, s: f32) { self.x *= s; self.y *= s; }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode { A, B = 5, C }

const TABLE: [u32; 4] = [1, 2, 3, 4];

trait Twice { fn twice(self) -> Self; }
impl Twice for u32 { fn twice(self) -> u32 { self * 2 } }
fn add<T: Twice + Copy>(a: T) -> T { a.twice() }

fn bump(v: &mut u32) { *v += 1; }

#[kernel]
pub fn k(x: &[f32], y: &mut [f32], m: u32) {
    let i = global_idx_x();
    if i >= y.len() { return; }
    let mut p = P { x: x[i], y: 1.0 };
    p.scale(2.0);
    let mut arr = [0u32; 8];
    for j in 0..8usize { arr[j] = j as u32 * m; }
    let mut c = 0u32;
    bump(&mut c);
    let mode = if m > 3 { Mode::B } else { Mode::A };
    let r = match mode { Mode::A => 1.0, Mode::B | Mode::C => 2.0 };
    let t = (1u32, 2.5f32);
    let s = &x[1..];
    let q = match m { 0 => 0u32, 1..=5 => TABLE[(m as usize) & 3], _ => arr[(m as usize) % 8] };
    y[i] = p.norm2() + r + t.1 + s[0] + add(q + c) as f32 + x[i].sqrt() + (m as f32).max(1.0);
    for j in (0..m).rev() { c += j; }
    for j in (0..m).step_by(3) { c ^= j; }
    for j in 0..=255u8 { c += j as u32; }
}
