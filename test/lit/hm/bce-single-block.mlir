// Regression: --hm-bounds-check-elim used to crash on a checked access in a
// single-block region (a kernel without control flow, or an scf.if
// then-region), where DominanceInfo has no tree. Unproven checks must stay.
// RUN: %hm-opt %s --hm-bounds-check-elim | FileCheck %s

// The guard is on another slice's length: the check stays.
// CHECK-LABEL: func.func @other_slice
// CHECK: hm.slice_load checked
func.func @other_slice(%s: !hm.slice<f32>, %t: !hm.slice<f32>) attributes {hm.kernel} {
  %i = hm.global_id x
  %n = hm.slice_len %t : !hm.slice<f32>
  %c = arith.cmpi ult, %i, %n : i64
  scf.if %c {
    %v = hm.slice_load checked %s[%i] : !hm.slice<f32>
  }
  return
}

// No guard at all: the check stays.
// CHECK-LABEL: func.func @unguarded
// CHECK: hm.slice_store checked
func.func @unguarded(%o: !hm.slice<mut f32>, %v: f32) attributes {hm.kernel} {
  %i = hm.global_id x
  hm.slice_store checked %v, %o[%i] : !hm.slice<mut f32>
  return
}
