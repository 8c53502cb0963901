// H0344 TraitNotImplemented: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0344]
// CHECK: aborting due to
// rustc-check: skip

trait T {} fn g<X: T>(x: X) {} fn f() { g(1u32); }
