// H0347 PatternFieldCount: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0347]
// CHECK: aborting due to
// rustc-check: skip

struct P(u32, u32); fn f(p: P) { let P(a) = p; }
