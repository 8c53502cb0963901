// In a build that found no libdevice (no CUDA toolkit), sin/exp/... are refused
// for sm_XX with H0900, saying how to get it.
// UNSUPPORTED: libdevice
// RUN: rm -f %t.ptx
// RUN: not %hematite --target=sm_90 %s -o %t.ptx 2>&1 | FileCheck %s
// RUN: not test -e %t.ptx

// CHECK: error[H0900]: cannot compile for `sm_90`: `math.exp` on 'f64' needs libdevice: install the CUDA toolkit or set HEMATITE_LIBDEVICE=/path/to/libdevice.10.bc
// CHECK: --> {{.*}}libdevice-unavailable.rs:[[@LINE+8]]:

use gpu::*;

#[kernel]
pub fn k(x: &[f64], out: &mut [f64]) {
    let i = global_idx_x();
    if i < x.len() {
        out[i] = x[i].exp();
    }
}
