// atan2 and cbrt have no GLSL.std.450 instruction that matches Rust: the SPIR-V
// backend builds them from Atan (plus the quadrant and signed-zero cases) and
// Pow (plus a Newton step); spirv-val runs before the file is written.
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
use gpu::*;

#[kernel]
pub fn k(a: &[f32], b: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() && i < a.len() && i < b.len() {
        out[i] = a[i].atan2(b[i]) + b[i].cbrt();
    }
}

// CHECK-DAG: OpExtInst %float {{%[0-9a-z_]+}} Atan
// CHECK-DAG: OpExtInst %float {{%[0-9a-z_]+}} Pow
// CHECK-NOT: Atan2
