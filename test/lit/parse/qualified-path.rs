// Qualified paths and function pointer types parse, and are rejected by name.
// RUN: not %hematite --target=sm_90 %s 2>&1 | FileCheck %s
// CHECK: error[H0206]: qualified paths is not supported (yet) in Hematite kernels
// CHECK-NEXT: --> {{.*}}qualified-path.rs:[[@LINE+5]]:13
// CHECK: error[H0206]: function pointer types is not supported (yet) in Hematite kernels
// CHECK-NEXT: --> {{.*}}qualified-path.rs:[[@LINE+5]]:9
// CHECK: error: aborting due to 2 previous errors
pub fn f() {
    let x = <u32 as Default>::default();
}
fn g(p: fn(u32) -> u32) {}
