// RUN: %hematite --emit=ptx --target=sm_90 %examples/saxpy.rs -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %examples/saxpy.rs -o %t.ptx
// RUN: FileCheck %s < %t.ptx

// Libdevice is linked: nothing may be left external.
// CHECK-NOT: .extern .func
// CHECK: .target sm_90
// CHECK: .visible .entry saxpy(
// CHECK-NEXT: .param .f32 saxpy_param_0,
// CHECK-NEXT: .param .u64 .ptr .global {{.*}}saxpy_param_1,
// CHECK-NEXT: .param .u64 saxpy_param_2,
// CHECK-NEXT: .param .u64 .ptr .global {{.*}}saxpy_param_3,
// CHECK-NEXT: .param .u64 saxpy_param_4
// CHECK-NEXT: )
// x is read-only and noalias: loaded through the non-coherent cache.
// CHECK: ld.global.nc.{{[bf]}}32
// CHECK: st.global.{{[bf]}}32
// CHECK: trap;
// CHECK-NOT: .extern .func
