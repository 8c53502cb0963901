// A failing compile reports file:line:col with a caret under the column, and
// leaves no partial output behind.
// RUN: rm -f %t.ptx
// RUN: not %hematite --target=sm_90 %S/Inputs/syntax-error.rs -o %t.ptx 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.ptx
// CHECK: error[H0202]: expected expression, found `;`
// CHECK-NEXT: {{^}} --> {{.*}}syntax-error.rs:2:11
// CHECK-NEXT: {{^}}  |
// CHECK-NEXT: {{^}}2 |   let x = ;
// CHECK-NEXT: {{^}}  |           ^ expected expression
