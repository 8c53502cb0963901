// A #[path] module that loads the file that declares it.
// RUN: not %hematite --target=sm_90 %s 2>&1 | FileCheck %s
// CHECK: error[H0210]: circular modules: {{.*}}mod-circular.rs -> {{.*}}mod-circular.rs
// CHECK-NEXT: --> {{.*}}mod-circular.rs:[[@LINE+2]]:1
// CHECK: error: aborting due to 1 previous error
#[path = "mod-circular.rs"]
mod again;
