// Without ROCm's ocml, math that AMDGPU has no instruction for cannot be
// compiled for gfx*: H0900 at the method's location, saying how to get it, and
// no output file. HEMATITE_OCML overrides the places searched.
// RUN: rm -f %t.hsaco
// RUN: env HEMATITE_OCML=%t.missing.bc not %hematite --target=gfx942 %s -o %t.hsaco 2>&1 | FileCheck %s
// RUN: not test -e %t.hsaco

// CHECK: error[H0900]: cannot compile for `gfx942`: `math.tan` on 'f32' needs the ROCm device libraries (ocml) on gfx942, but `{{.*}}.missing.bc` does not exist: install rocm-device-libs or set HEMATITE_OCML=/path/to/ocml.bc
// CHECK: --> {{.*}}ocml-missing.rs:[[@LINE+8]]:

use gpu::*;

#[kernel]
pub fn k(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        out[i] = x[i].tan();
    }
}
