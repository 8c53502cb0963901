// Bounds checks: slice loads and stores and local array indexing compare the
// index with the length (the slice's `hm.slice_len`, or the array's constant
// length) and branch to `hm.panic "index out of bounds: the len is {} but the index is {}"` (by default, and with
// `-C bounds-checks=on`). `-C bounds-checks=off` removes every check: the
// accesses remain and no panic is left.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite -C bounds-checks=on --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=ON
// RUN: %hematite -C bounds-checks=off --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv
// RUN: %hematite -C bounds-checks=off --target=sm_90 %s -o %t.off.ptx
// RUN: %hematite -C bounds-checks=off --target=gfx942 %s -o %t.off.hsaco
// RUN: %hematite -C bounds-checks=off --target=vulkan1.2 %s -o %t.off.spv

// ON-LABEL: func.func @k(
// ON-SAME: %[[J:[a-z0-9]+]]: i64 {hm.name = "j"}, %[[X:[a-z0-9]+]]: !hm.slice<f32> {hm.name = "x"}, %[[Y:[a-z0-9]+]]: !hm.slice<mut f32> {hm.name = "y"}
// ON-DAG: %[[FOUR:.*]] = arith.constant 4 : i64
// ON-DAG: %[[LOCAL:.*]] = memref.alloca() : memref<4xf32>
// ON: %[[I:.*]] = hm.global_id x
// x[j]
// ON: %[[XN:.*]] = hm.slice_len %[[X]] : <f32>
// ON: %[[IN1:.*]] = arith.cmpi ult, %[[J]], %[[XN]] : i64
// ON: cf.cond_br %[[IN1]], ^bb[[OK1:[0-9]+]], ^bb[[P1:[0-9]+]]
// ON: ^bb[[P1]]:
// ON-NEXT: hm.panic "index out of bounds: the len is {} but the index is {}"
// ON: ^bb[[OK1]]:
// ON-NEXT: hm.slice_load %[[X]][%[[J]]] : <f32>
// local[j % 8] = ...: checked against the array length 4.
// ON: %[[JM:.*]] = arith.remui %[[J]], %{{.*}} : i64
// ON: %[[IN2:.*]] = arith.cmpi ult, %[[JM]], %[[FOUR]] : i64
// ON: cf.cond_br %[[IN2]], ^bb[[OK2:[0-9]+]], ^bb[[P2:[0-9]+]]
// ON: ^bb[[OK2]]:
// ON: memref.store %{{.*}}, %[[LOCAL]][%{{.*}}] : memref<4xf32>
// ON: ^bb[[P2]]:
// ON-NEXT: hm.panic "index out of bounds: the len is {} but the index is {}"
// x[i]
// ON: %[[XN2:.*]] = hm.slice_len %[[X]] : <f32>
// ON: arith.cmpi ult, %[[I]], %[[XN2]] : i64
// ON: hm.panic "index out of bounds: the len is {} but the index is {}"
// ON: hm.slice_load %[[X]][%[[I]]] : <f32>
// y[i] = ...
// ON: %[[YN:.*]] = hm.slice_len %[[Y]] : <mut f32>
// ON: arith.cmpi ult, %[[I]], %[[YN]] : i64
// ON: hm.panic "index out of bounds: the len is {} but the index is {}"
// ON: hm.slice_store %{{.*}}, %[[Y]][%[[I]]] : <mut f32>

// OFF-LABEL: func.func @k(
// OFF-SAME: %[[J:[a-z0-9]+]]: i64 {hm.name = "j"}, %[[X:[a-z0-9]+]]: !hm.slice<f32> {hm.name = "x"}, %[[Y:[a-z0-9]+]]: !hm.slice<mut f32> {hm.name = "y"}
// OFF-NOT: hm.panic
// OFF-NOT: hm.slice_len
// OFF-NOT: cf.cond_br
// OFF: hm.slice_load %[[X]][%[[J]]] : <f32>
// OFF: memref.store
// OFF: memref.load
// OFF: hm.slice_load %[[X]]
// OFF: hm.slice_store %{{.*}}, %[[Y]]
// OFF-NOT: hm.panic
// OFF-NOT: cf.cond_br
// OFF: return
use gpu::*;

#[kernel]
pub fn k(j: usize, x: &[f32], y: &mut [f32]) {
    let i = global_idx_x();
    let mut local = [0.0f32; 4];
    local[j % 8] = x[j];
    y[i] = local[i % 4] + x[i];
}
