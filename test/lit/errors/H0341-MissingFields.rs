// H0341 MissingFields: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0341]
// CHECK: aborting due to
// rustc-check: skip

struct P { x: f32, y: f32 } fn f() { let p = P { x: 1.0 }; }
