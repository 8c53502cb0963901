// H0357 PatternMissingFields: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0357]
// CHECK: aborting due to
// rustc-check: skip

struct P { x: f32, y: f32 } fn f(p: P) -> f32 { let P { x } = p; x }
