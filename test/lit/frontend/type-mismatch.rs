// Checker errors render as rustc does: code, location, source line, carets.
// RUN: not %hematite --emit=hm %s 2>&1 | FileCheck --strict-whitespace %s

use gpu::*; #[kernel]
pub fn k(y: &mut [f32], n: u32) {
    let v: f32 = n;
    y[0] = v;
}

// CHECK: error[H0301]: mismatched types
// CHECK-NEXT: {{^}} --> {{.*}}type-mismatch.rs:6:18
// CHECK-NEXT: {{^}}  |
// CHECK-NEXT: {{^}}6 |     let v: f32 = n;
// CHECK-NEXT: {{^}}  |            ---   ^ expected `f32`, found `u32`
// CHECK-NEXT: {{^}}  |            |
// CHECK-NEXT: {{^}}  |            expected due to this
// CHECK: error: aborting due to 1 previous error
