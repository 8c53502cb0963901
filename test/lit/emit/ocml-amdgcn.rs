// Transcendental math on gfx* goes through ROCm's ocml, as with hipcc: each
// math op without an AMDGPU instruction becomes an __ocml_* call, ocml is linked
// (only what is called, internalized, its __oclc_* controls defined for the
// target) and the O3 pipeline inlines it, so the code object has no undefined
// symbol. f32 exp/exp2/ln/log2/log10 stay LLVM's own AMDGPU expansions.
// REQUIRES: ocml
// RUN: %hematite --target=gfx942 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=gfx1100 --emit=llvm %s -o - | FileCheck %s --check-prefix=LLVM
// RUN: %hematite --target=gfx942 %s -o %t942.hsaco
// RUN: llvm-readelf --symbols %t942.hsaco | FileCheck %s --check-prefix=ELF
// RUN: %hematite --target=gfx90a %s -o %t90a.hsaco
// RUN: llvm-readelf --symbols %t90a.hsaco | FileCheck %s --check-prefix=ELF
// RUN: %hematite --target=gfx1100 %s -o %t1100.hsaco
// RUN: llvm-readelf --symbols %t1100.hsaco | FileCheck %s --check-prefix=ELF
// RUN: %hematite --target=gfx1201 %s -o %t1201.hsaco
// RUN: llvm-readelf --symbols %t1201.hsaco | FileCheck %s --check-prefix=ELF
// Also at -O0, where nothing is inlined: the ocml functions are internal.
// RUN: %hematite --target=gfx942 -O0 %s -o %t0.hsaco
// RUN: llvm-readelf --symbols %t0.hsaco | FileCheck %s --check-prefix=ELF

// Everything from ocml was inlined and dropped; the controls were folded.
// LLVM-NOT: @__ocml_
// LLVM-NOT: @__oclc_
// LLVM: define amdgpu_kernel void @math32(
// LLVM: ret void
// LLVM: define amdgpu_kernel void @math64(
// LLVM-NOT: @__ocml_
// LLVM-NOT: @__oclc_

// Nothing undefined but the null symbol; both kernels are there.
// ELF-NOT: {{[1-9][0-9]*: .* UND }}
// ELF-DAG: FUNC GLOBAL PROTECTED {{.*}} math32
// ELF-DAG: FUNC GLOBAL PROTECTED {{.*}} math64
// ELF-NOT: {{[1-9][0-9]*: .* UND }}

use gpu::*;

#[kernel]
pub fn math32(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        out[i] = v.tan() + v.tanh() + v.asin() + v.acos() + v.atan() + v.sinh() + v.cosh()
            + v.cbrt() + v.atan2(2.0) + v.sin() + v.cos() + v.powf(1.5) + v.exp() + v.ln()
            + v.exp2() + v.log2() + v.log10() + v.powi(3);
    }
}

#[kernel]
pub fn math64(x: &[f64], out: &mut [f64]) {
    let i = global_idx_x();
    if i < x.len() {
        let v = x[i];
        out[i] = v.tan() + v.tanh() + v.asin() + v.acos() + v.atan() + v.sinh() + v.cosh()
            + v.cbrt() + v.atan2(2.0) + v.sin() + v.cos() + v.powf(1.5) + v.exp() + v.ln()
            + v.exp2() + v.log2() + v.log10() + v.powi(3);
    }
}
