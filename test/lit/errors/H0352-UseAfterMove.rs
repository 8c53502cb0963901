// H0352 UseAfterMove: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0352]
// CHECK: aborting due to
// rustc-check: skip

struct P { x: f32 } fn g(p: P) {} fn f() { let p = P { x: 1.0 }; g(p); g(p); }
