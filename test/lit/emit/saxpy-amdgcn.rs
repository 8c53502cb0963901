// RUN: %hematite --emit=amdgcn-asm --target=gfx942 %examples/saxpy.rs -o - | FileCheck %s

// CHECK: .amdgcn_target "amdgcn-amd-amdhsa--gfx942"
// CHECK: .amdhsa_code_object_version 5
// CHECK: saxpy:
// CHECK: global_load_dword
// CHECK: global_store_dword
// CHECK: s_endpgm
// CHECK: .amdhsa_kernel saxpy
// CHECK: .amdhsa_kernarg_size 40
// CHECK: .end_amdhsa_kernel
