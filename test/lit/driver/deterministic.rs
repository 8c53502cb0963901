// Identical input and flags give byte-identical output: twice in a row, from
// another working directory (with the same input path), and with every target
// in one bundle. The temporary files of ptxas and the output's own temporary
// never leak into the bytes.
// RUN: rm -rf %t && mkdir -p %t/a %t/b
// RUN: cp %S/../../e2e/kernels/lang/gpu_kernels.rs %t/a/k.rs && cp %t/a/k.rs %t/b/k.rs
// RUN: cd %t/a && %hematite --target=sm_90,gfx942,gfx1100,vulkan1.2 k.rs -o out.hmb
// RUN: cd %t/a && %hematite --target=sm_90,gfx942,gfx1100,vulkan1.2 k.rs -o again.hmb
// RUN: cd %t/b && %hematite --target=sm_90,gfx942,gfx1100,vulkan1.2 k.rs -o out.hmb
// RUN: cmp %t/a/out.hmb %t/a/again.hmb
// RUN: cmp %t/a/out.hmb %t/b/out.hmb
// RUN: cd %t/a && %hematite --target=sm_90 -O0 -lineinfo k.rs -o o0.ptx && %hematite --target=sm_90 -O0 -lineinfo k.rs -o o0b.ptx
// RUN: cmp %t/a/o0.ptx %t/a/o0b.ptx
// RUN: cd %t/a && %hematite --target=vulkan1.3 --emit=spirv-asm k.rs -o a.spvasm && %hematite --target=vulkan1.3 --emit=spirv-asm k.rs -o b.spvasm
// RUN: cmp %t/a/a.spvasm %t/a/b.spvasm
