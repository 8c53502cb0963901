// H0354 PrivateItem: generated from the registry snippet; the compiler must reject
// this program with exactly this code.
// RUN: not %hematite --target=sm_90 --emit=hm %s -o %t 2>&1 | FileCheck %s
// CHECK: error[H0354]
// CHECK: aborting due to
// rustc-check: skip

mod m { fn hidden() {} } fn f() { m::hidden(); }
