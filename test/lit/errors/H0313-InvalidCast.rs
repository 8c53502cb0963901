// H0313 InvalidCast: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0313]
// CHECK: aborting due to
// rustc-check: skip

fn f(a: f32) { let c = a as bool; }
