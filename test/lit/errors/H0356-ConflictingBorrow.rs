// H0356 ConflictingBorrow: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0356]
// CHECK: aborting due to
// rustc-check: skip

struct C { a: u32 } fn h(x: &mut u32, y: &u32) {} fn f() { let mut c = C { a: 1 }; h(&mut c.a, &c.a); }
