// H0338 Recursion: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0338]
// CHECK: aborting due to
// rustc-check: skip

fn f(n: u32) -> u32 { if n == 0 { 0 } else { f(n - 1) } }
