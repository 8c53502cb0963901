// RUN: %hm-opt %s --hm-expand-checks | FileCheck %s
// RUN: %hm-opt %s --hm-pipeline | FileCheck %s --check-prefix=PIPE

// A checked access becomes a branch on `i < len` to a panic block.
// CHECK-LABEL: func.func @k
// CHECK: %[[N:.*]] = hm.slice_len %{{.*}} : <f32>
// CHECK: %[[C:.*]] = arith.cmpi ult, %{{.*}}, %[[N]] : i64
// CHECK: cf.cond_br %[[C]], ^[[OK:.*]], ^[[BAD:[^ ]*]]
// CHECK: ^[[BAD]]:
// CHECK-NEXT: hm.panic "index out of bounds: the len is {} but the index is {}"
// CHECK: ^[[OK]]:
// CHECK-NEXT: hm.slice_load %{{.*}}[%{{.*}}] : <f32>
// CHECK-NOT: checked

// The pipeline drops the guarded check first, so one panic block remains (for x).
// PIPE-LABEL: func.func @k
// PIPE-COUNT-1: hm.panic "index out of bounds: the len is {} but the index is {}"
// PIPE-NOT: hm.panic
// PIPE-NOT: checked
func.func @k(%s: !hm.slice<f32>, %o: !hm.slice<mut f32>) attributes {hm.kernel} {
  %i = hm.global_id x
  %n = hm.slice_len %o : !hm.slice<mut f32>
  %c = arith.cmpi ult, %i, %n : i64
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %v = hm.slice_load checked %s[%i] : !hm.slice<f32>
  hm.slice_store checked %v, %o[%i] : !hm.slice<mut f32>
  cf.br ^bb2
^bb2:
  return
}
