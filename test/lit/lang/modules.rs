// Modules: an inline `mod` with a nested one (`super::super::`), a file
// module (`mod util;` from Inputs/util.rs through `#[path]`, with its own
// inline module and `use super::...`), and `use` with renames, groups, `self`
// in a group, globs; `crate::` and `self::` paths. Every item used resolves
// to its body, inlined into the kernel.
// RUN: %hematite --target=vulkan1.2 --emit=hm %s -o - | FileCheck %s
// RUN: %hematite --target=sm_90 %s -o %t.ptx
// RUN: %hematite --target=gfx942 %s -o %t.hsaco
// RUN: %hematite --target=vulkan1.2 %s -o %t.spv

// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[A:[a-z0-9]+]]: f32 {hm.name = "a"}, %[[B:[a-z0-9]+]]: f32 {hm.name = "b"}
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[BIAS:.*]] = arith.constant 1.100000e+01 : f32
// CHECK-DAG: %[[K13:.*]] = arith.constant 1.300000e+01 : f32
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// geom::area (imported as `area`, the struct renamed `R`)
// CHECK: %[[AREA:.*]] = arith.mulf %[[A]], %[[B]] : f32
// geom::deeper::cube through a glob, calling the crate root's inline_sq
// CHECK: %[[SQ:.*]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK: %[[CUBE:.*]] = arith.mulf %[[SQ]], %[[A]] : f32
// CHECK: arith.addf %[[AREA]], %[[CUBE]] : f32
// util::perimeter (file module) = twice(w + h)
// CHECK: %[[WH:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK: arith.mulf %[[WH]], %[[TWO]] : f32
// util::helpers::inc as `h::inc` and as `inc`: twice(x) - 13
// CHECK: %[[TB:.*]] = arith.mulf %[[B]], %[[TWO]] : f32
// CHECK: arith.subf %[[TB]], %[[K13]] : f32
// CHECK: %[[TA:.*]] = arith.mulf %[[A]], %[[TWO]] : f32
// CHECK: arith.subf %[[TA]], %[[K13]] : f32
// self::util::BIAS, a const of the file module
// CHECK: arith.addf %{{.*}}, %[[BIAS]] : f32
// crate::geom::area(geom::Rect { w: b, h: 0.5 })
// CHECK: arith.mulf %[[B]], %[[HALF]] : f32
// CHECK: hm.slice_store
use gpu::*;

#[path = "Inputs/util.rs"]
mod util;

mod geom {
    #[derive(Clone, Copy)]
    pub struct Rect {
        pub w: f32,
        pub h: f32,
    }

    pub fn area(r: Rect) -> f32 {
        r.w * r.h
    }

    pub mod deeper {
        pub fn cube(x: f32) -> f32 {
            super::super::inline_sq(x) * x
        }
    }
}

fn inline_sq(x: f32) -> f32 {
    x * x
}

use geom::deeper::*;
use geom::{area, Rect as R};
use util::helpers::{self as h, inc};

#[kernel]
pub fn k(a: f32, b: f32, out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() {
        let r = R { w: a, h: b };
        out[i] = area(r) + cube(a) + util::perimeter(r) + h::inc(b) + inc(a)
            + self::util::BIAS + crate::geom::area(geom::Rect { w: b, h: 0.5 });
    }
}
