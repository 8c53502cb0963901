// Both both.rs and both/mod.rs exist (rustc E0761).
// RUN: not %hematite --target=sm_90 %S/Inputs/ambiguous/main.rs 2>&1 | FileCheck %s
// CHECK: error[H0209]: file for module `both` found at both `{{.*}}Inputs/ambiguous/both.rs` and `{{.*}}Inputs/ambiguous/both/mod.rs`
// CHECK-NEXT: --> {{.*}}ambiguous/main.rs:1:1
// CHECK: = help: delete or rename one of them to remove the ambiguity
