// H0353 UseWhileBorrowed: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0353]
// CHECK: aborting due to
// rustc-check: skip

fn f() { let mut x = 1u32; let r = &mut x; let y = x; *r = 2; }
