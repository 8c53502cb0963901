// H0301 MismatchedTypes: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0301]
// CHECK: aborting due to
// rustc-check: skip

fn f(x: u32) { let y: f32 = x; }
