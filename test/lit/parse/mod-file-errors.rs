// Syntax errors in module files are reported with their own file:line:col,
// together with the errors of the root file, in one run.
// RUN: not %hematite --target=sm_90 %s 2>&1 | FileCheck %s
// CHECK: error[H0204]: expected pattern, found `=`
// CHECK-NEXT: --> {{.*}}mod-file-errors.rs:[[@LINE+9]]:9
// CHECK: error[H0202]: expected expression, found `;`
// CHECK-NEXT: --> {{.*}}Inputs/nested/broken.rs:2:14
// CHECK: error[H0202]: expected expression, found `;`
// CHECK-NEXT: --> {{.*}}Inputs/nested/inner/deeper.rs:1:18
// CHECK: error: aborting due to 3 previous errors
#[path = "Inputs/nested/broken.rs"]
mod broken;
fn f() {
    let = 1;
}
