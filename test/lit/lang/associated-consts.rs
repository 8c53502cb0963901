// Associated consts of inherent impls (`P::ZERO`, `Self::K`) are constants at each use.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
use gpu::*;
#[derive(Clone, Copy)] struct V { x: f32 }
impl V { const ZERO: V = V { x: 0.5 }; const K: f32 = 3.0; fn scaled(self) -> f32 { self.x * Self::K } }
#[kernel] pub fn k(o: &mut [f32]) { let i = global_idx_x(); if i < o.len() { o[i] = V::ZERO.scaled() + V::K; } }

// V::ZERO.scaled() + V::K = 0.5 * 3.0 + 3.0, folded:
// CHECK: arith.constant 4.500000e+00 : f32
