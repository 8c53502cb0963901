// RUN: %hematite --emit=ptx --target=sm_90 %examples/saxpy.rs -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %examples/saxpy.rs -o %t.ptx
// RUN: FileCheck %s < %t.ptx

// Libdevice is linked: nothing may be left external.
// CHECK-NOT: .extern .func
// CHECK: .target sm_90
// CHECK: .visible .global .align 1 .b8 hematite_metadata[
// CHECK: .visible .global .align 8 .b8 hematite_panic[72];
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
// CHECK: atom.{{.*}}global.cas.b32 {{.*}}[hematite_panic], 0, 1;
// CHECK-NOT: trap;
// CHECK-NOT: .extern .func
