// Where no ROCm device libraries are installed, tan/asin/... and every f64
// transcendental are refused for gfx* with H0900, saying how to get them; f32
// sin/cos/powf/exp/ln keep LLVM's own AMDGPU expansions.
// UNSUPPORTED: ocml
// RUN: rm -f %t.hsaco
// RUN: not %hematite --target=gfx942 %s -o %t.hsaco 2>&1 | FileCheck %s
// RUN: not test -e %t.hsaco

// CHECK: error[H0900]: cannot compile for `gfx942`: `math.exp` on 'f64' needs the ROCm device libraries (ocml) on gfx942: install them (Debian: apt-get install rocm-device-libs; or ROCm in /opt/rocm) or set HEMATITE_OCML=/path/to/ocml.bc
// CHECK: --> {{.*}}ocml-unavailable.rs:[[@LINE+8]]:

use gpu::*;

#[kernel]
pub fn k(x: &[f64], out: &mut [f64]) {
    let i = global_idx_x();
    if i < x.len() {
        out[i] = x[i].exp();
    }
}
