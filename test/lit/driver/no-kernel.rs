// A file without a `#[kernel]` function: the LLVM targets write a module with no
// entry point (as nvcc and clang do for a .cu without __global__), but a Vulkan
// module must have one, so vulkan* says so (glslang: "Missing entry point")
// instead of failing in spirv-opt, and writes nothing.
// RUN: rm -f %t.spv
// RUN: not %hematite --target=vulkan1.2 %s -o %t.spv 2>&1 | FileCheck %s --check-prefix=SPV
// RUN: not test -e %t.spv
// RUN: %hematite --target=sm_90 %s -o - | FileCheck %s --check-prefix=PTX
// RUN: %hematite --target=gfx942 --emit=amdgcn-asm %s -o - | FileCheck %s --check-prefix=GFX

// SPV: error[H0900]: cannot compile for `vulkan1.2`: there is no kernel to compile: a Vulkan module needs at least one `#[kernel]` function as its entry point
// SPV-NOT: spirv-opt
// PTX: .target sm_90
// PTX-NOT: .entry
// GFX: .amdgcn_target
// GFX-NOT: .amdhsa_kernel

pub fn helper(x: u32) -> u32 {
    x + 1
}
