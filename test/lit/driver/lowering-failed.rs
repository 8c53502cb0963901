// What MLIRGen cannot lower yet (after the checker accepted the program) is H0901,
// MLIRGen's own message at the construct, before any backend runs: not H0900
// (no target is at fault) nor H0002 (the input is Rust, not an hm module).
// RUN: rm -f %t.ptx
// RUN: not %hematite --target=sm_90 %s -o %t.ptx 2>&1 | FileCheck %s
// RUN: not test -e %t.ptx

// CHECK: error[H0901]: references inside tuples, structs and arrays are not supported yet
// CHECK-NEXT: --> {{.*}}lowering-failed.rs:[[@LINE+6]]:36
// CHECK-NOT: H0900
// CHECK-NOT: H0002

use gpu::*;
#[kernel]
pub fn k(x: &mut [u32]) { let t = (&x[0], 1u32); x[1] = *t.0 + t.1; }
