// H0355 UseOfUninitialized: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0355]
// CHECK: aborting due to
// rustc-check: skip

fn f(c: bool) -> u32 { let x: u32; if c { x = 1; } x }
