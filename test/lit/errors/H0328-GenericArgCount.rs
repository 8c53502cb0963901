// H0328 GenericArgCount: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0328]
// CHECK: aborting due to
// rustc-check: skip

struct P<T> { x: T } fn f(p: P<u32, f32>) {}
