// `mod x;` with neither x.rs nor x/mod.rs next to the declaring file (rustc E0583).
// RUN: not %hematite --target=sm_90 %s 2>&1 | FileCheck %s
// CHECK: error[H0208]: file not found for module `missing`
// CHECK-NEXT: --> {{.*}}mod-not-found.rs:[[@LINE+3]]:1
// CHECK: = help: to create the module `missing`, create file `{{.*}}parse/missing.rs` or `{{.*}}parse/missing/mod.rs`
// CHECK: error: aborting due to 1 previous error
mod missing;

pub fn f() {}
