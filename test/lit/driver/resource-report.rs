// -v on gfx* and vulkan* targets: AMDGPU's per-kernel resources from the code
// object's metadata note; on Vulkan only the shared memory (the driver
// allocates registers). One line per kernel on stderr; the output is unchanged.
// RUN: %hematite --target=gfx942 -v %S/../../e2e/kernels/lang/gpu_kernels.rs -o %t.hsaco 2>&1 | FileCheck %s --check-prefix=GFX
// RUN: %hematite --target=gfx1100 -v %examples/saxpy.rs -o %t2.hsaco 2>&1 | FileCheck %s --check-prefix=RDNA
// RUN: %hematite --target=vulkan1.2 -v %S/../../e2e/kernels/lang/gpu_kernels.rs -o %t.spv 2>&1 | FileCheck %s --check-prefix=VK
// RUN: %hematite --target=vulkan1.2 %S/../../e2e/kernels/lang/gpu_kernels.rs -o %t.quiet.spv 2>&1 | count 0
// RUN: cmp %t.spv %t.quiet.spv

// GFX: hematite: info: kernel 'matmul' on gfx942: {{[0-9]+}} VGPRs, {{[0-9]+}} AGPRs, {{[0-9]+}} SGPRs, 2048 bytes shared, 0 bytes scratch, 0 VGPR spills, 0 SGPR spills
// GFX: hematite: info: kernel 'histogram' on gfx942: {{.*}} 1024 bytes shared
// RDNA: hematite: info: kernel 'saxpy' on gfx1100: {{[0-9]+}} VGPRs
// VK: hematite: info: kernel 'matmul' on vulkan1.2: 2048 bytes shared (registers and spills are decided by the Vulkan driver)
