// Transcendental math on sm_90 goes through libdevice, as with nvcc: each math op
// becomes a call of an __nv_* function, libdevice is linked (only what is called,
// internalized) and the O3 pipeline inlines it, so the PTX calls nothing external
// and ptxas accepts it.
// REQUIRES: ptxas, libdevice
// RUN: %hematite --target=sm_90 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: FileCheck %s --check-prefix=PTX < %t.ptx
// RUN: %ptxas -arch=sm_90 %t.ptx -o %t.cubin
// RUN: llvm-readelf --symbols %t.cubin | FileCheck %s --check-prefix=CUBIN
// Also at -O0, where nothing is inlined: the libdevice functions are internal .func.
// RUN: %hematite --target=sm_90 -O0 %s -o %t0.ptx
// RUN: FileCheck %s --check-prefix=PTX < %t0.ptx
// RUN: %ptxas -arch=sm_90 %t0.ptx -o %t0.cubin

// Everything from libdevice was inlined and dropped; no reflection is left.
// LLVM-NOT: __nv_
// LLVM-NOT: __nvvm_reflect
// LLVM: define ptx_kernel void @math32(
// LLVM: ret void
// LLVM: define ptx_kernel void @math64(
// LLVM: !"nvvm-reflect-ftz", i32 0}

// PTX-NOT: .extern
// PTX: .visible .entry math32(
// PTX: .visible .entry math64(
// PTX-NOT: .extern

// CUBIN-DAG: math32
// CUBIN-DAG: math64
use gpu::*;

#[kernel]
pub fn math32(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        out[i] = v.sin() + v.cos() + v.exp() + v.ln() + v.log2() + v.log10()
            + v.powf(1.7) + v.tanh() + v.tan() + v.atan() + v.atan2(2.0) + v.cbrt()
            + v.asin() + v.acos() + v.sinh() + v.cosh();
    }
}

#[kernel]
pub fn math64(x: &[f64], out: &mut [f64]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        out[i] = v.sin() + v.exp() + v.exp2() + v.ln() + v.powf(0.5) + v.tanh();
    }
}
