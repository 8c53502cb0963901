// RUN: %hm-opt %s --hm-bounds-check-elim | FileCheck %s

// Guarded by `i < s.len()` through cf.cond_br: the check goes.
// CHECK-LABEL: func.func @guarded_cf
// CHECK: ^bb1:
// CHECK-NEXT: hm.slice_load %{{.*}}[%{{.*}}] : <f32>
// CHECK-NOT: checked
// CHECK: return
func.func @guarded_cf(%s: !hm.slice<f32>, %o: !hm.slice<mut f32>) attributes {hm.kernel} {
  %i = hm.global_id x
  %n = hm.slice_len %s : !hm.slice<f32>
  %c = arith.cmpi ult, %i, %n : i64
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %v = hm.slice_load checked %s[%i] : !hm.slice<f32>
  cf.br ^bb2
^bb2:
  return
}

// Guarded through scf.if: the check goes.
// CHECK-LABEL: func.func @guarded_scf
// CHECK: scf.if
// CHECK-NEXT: hm.slice_store %{{.*}}, %{{.*}}[%{{.*}}] : <mut f32>
func.func @guarded_scf(%o: !hm.slice<mut f32>, %v: f32) attributes {hm.kernel} {
  %i = hm.global_id x
  %n = hm.slice_len %o : !hm.slice<mut f32>
  %c = arith.cmpi ult, %i, %n : i64
  scf.if %c {
    hm.slice_store checked %v, %o[%i] : !hm.slice<mut f32>
  }
  return
}

// On the false edge of the guard: the check stays.
// CHECK-LABEL: func.func @false_edge
// CHECK: ^bb2:
// CHECK-NEXT: hm.slice_load checked
func.func @false_edge(%s: !hm.slice<f32>) attributes {hm.kernel} {
  %i = hm.global_id x
  %n = hm.slice_len %s : !hm.slice<f32>
  %c = arith.cmpi ult, %i, %n : i64
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  return
^bb2:
  %v = hm.slice_load checked %s[%i] : !hm.slice<f32>
  return
}

