// H0333 TraitMethodMismatch: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0333]
// CHECK: aborting due to
// rustc-check: skip

trait T { fn f(&self); } struct S; impl T for S { fn f(&self, x: u32) {} }
