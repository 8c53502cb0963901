// -C fmad (on by default, as nvcc's --fmad=true and clang's CUDA/HIP default)
// lets a float multiply feeding an add become one FMA; -C fmad=off keeps Rust's
// two roundings: no contraction on sm_*/gfx*, NoContraction on SPIR-V.
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=sm_90 -C fmad=on %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite --target=sm_90 -C fmad=off %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=gfx942 --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GFX
// RUN: %hematite --target=gfx942 -C fmad=off --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GFX-OFF
// RUN: %hematite --target=vulkan1.2 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV
// RUN: %hematite --target=vulkan1.2 -C fmad=off --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV-OFF
// RUN: %hematite --target=vulkan1.2 -C fmad=off -O0 --emit=spirv-asm %s -o - | FileCheck %s --check-prefix=SPV-OFF
use gpu::*;

#[kernel]
pub fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    if i < y.len() {
        y[i] = a * x[i] + y[i];
    }
}
// ON: fma.rn.f32
// OFF-NOT: fma.rn.f32
// OFF: mul.rn.f32
// OFF: add.rn.f32
// GFX: v_fma{{c?}}_f32
// GFX-OFF-NOT: v_fma{{c?}}_f32
// GFX-OFF: v_mul_f32
// GFX-OFF: v_add_f32
// SPV-NOT: NoContraction
// SPV: OpFMul
// SPV: OpFAdd
// SPV-OFF: OpDecorate [[MUL:%[0-9]+]] NoContraction
// SPV-OFF: OpDecorate [[ADD:%[0-9]+]] NoContraction
// SPV-OFF: [[MUL]] = OpFMul
// SPV-OFF: [[ADD]] = OpFAdd [[FLOAT:%[a-z]+]] [[MUL]]
