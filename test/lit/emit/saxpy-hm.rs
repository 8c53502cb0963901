// RUN: %hematite --emit=hm %examples/saxpy.rs -o - | FileCheck %s
// (This file only holds the RUN line; it compiles examples/saxpy.rs.)

// CHECK: func.func @saxpy(%[[A:.*]]: f32 {hm.name = "a"}, %[[X:.*]]: !hm.slice<f32> {hm.name = "x"}, %[[Y:.*]]: !hm.slice<mut f32> {hm.name = "y"}) attributes {hm.kernel}
// CHECK: %[[I:.*]] = hm.global_id x
// CHECK: %[[YN:.*]] = hm.slice_len %[[Y]] : <mut f32>
// CHECK: arith.cmpi ult, %[[I]], %[[YN]] : i64
// The guard proves y[i] in range; x[i] keeps its check, expanded into a panic.
// CHECK: %[[XN:.*]] = hm.slice_len %[[X]] : <f32>
// CHECK: arith.cmpi ult, %[[I]], %[[XN]] : i64
// CHECK: hm.panic "index out of bounds: the len is {} but the index is {}"
// CHECK: hm.slice_load %[[X]][%[[I]]] : <f32>
// CHECK: arith.mulf %[[A]]
// CHECK: hm.slice_load %[[Y]][%[[I]]] : <mut f32>
// CHECK: hm.slice_store %{{.*}}, %[[Y]][%[[I]]] : <mut f32>
// CHECK-NOT: hm.panic
// CHECK: return
