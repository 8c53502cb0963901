// H0349 NonExhaustiveMatch: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0349]
// CHECK: aborting due to
// rustc-check: skip

enum E { A, B } fn f(e: E) -> u32 { match e { E::A => 1 } }
