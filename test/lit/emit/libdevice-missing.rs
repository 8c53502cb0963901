// Without libdevice, sin/exp/... cannot be compiled for sm_XX: H0900 at the
// method's location, saying how to get it, and no output file.
// HEMATITE_LIBDEVICE overrides the path found at build time.
// RUN: rm -f %t.ptx
// RUN: env HEMATITE_LIBDEVICE=%t.missing.bc not %hematite --target=sm_90 %s -o %t.ptx 2>&1 | FileCheck %s
// RUN: not test -e %t.ptx

// CHECK: error[H0900]: cannot compile for `sm_90`: `math.sin` on 'f32' needs libdevice, but `{{.*}}.missing.bc` does not exist: install the CUDA toolkit or set HEMATITE_LIBDEVICE=/path/to/libdevice.10.bc
// CHECK: --> {{.*}}libdevice-missing.rs:[[@LINE+8]]:

use gpu::*;

#[kernel]
pub fn k(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        out[i] = x[i].sqrt() + x[i].sin();
    }
}
