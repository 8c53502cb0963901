// hm-dialect input the MLIR parser or the hm verifier rejects is the module's
// fault, not a target's: H0002, with the offending location, and no output file.
// RUN: rm -f %t.ptx
// RUN: not %hematite --target=sm_90 %s -o %t.ptx 2>&1 | FileCheck %s
// RUN: not test -e %t.ptx
// The same for several targets: reported once, before any backend runs.
// RUN: not %hematite --target=sm_90,vulkan1.2 %s -o %t.hmb 2>&1 | FileCheck %s --check-prefix=MULTI

// CHECK: error[H0002]: invalid hm module: 'func.return' op has 1 operands, but enclosing function (@k) returns 0
// CHECK-NEXT: --> {{.*}}invalid-hm-module.mlir:[[@LINE+6]]:3
// CHECK-NOT: H0900
// MULTI: error[H0002]: invalid hm module:
// MULTI-NOT: H0900

func.func @k(%a: i64) attributes {hm.kernel} {
  return %a : i64
}
