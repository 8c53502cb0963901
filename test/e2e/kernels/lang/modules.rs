// e2e family 7: modules: an inline `mod x { }` with nested modules, `super::` and
// `crate::` paths, a file module `mod util;` (util.rs), `use` of items (also grouped and
// renamed), and the constants `core::f32::consts::PI`, `u32::MAX`, `i32::MAX`, `u8::MAX`.
use gpu::*;

mod util;

use core::f32::consts::PI;
use util::inner::twice as double;
use util::{mix, Pair};

mod geom {
    pub fn circle_area(r: f32) -> f32 {
        core::f32::consts::PI * r * r
    }

    fn helper(x: u32) -> u32 {
        x + 10
    }

    pub mod deep {
        pub fn add1(x: u32) -> u32 {
            super::helper(x) + 1
        }

        pub fn limit_minus(x: u32) -> u32 {
            crate::geom::LIMIT - x
        }
    }

    pub const LIMIT: u32 = u32::MAX;
}

use geom::deep::add1;

// out[6i..6i+6]
#[kernel]
pub fn modules(a: &[u32], b: &[u32], out: &mut [u32]) {
    let i = global_idx_x();
    if i < a.len() {
        let p = Pair::new(a[i], b[i]);
        out[6 * i] = mix(a[i], b[i]) + util::SCALE;
        out[6 * i + 1] = double(a[i]) + util::inner::twice(b[i]);
        out[6 * i + 2] = p.spread() + util::Pair { a: 1, b: 4 }.spread();
        out[6 * i + 3] = add1(a[i]);
        out[6 * i + 4] = geom::deep::limit_minus(a[i]) ^ u32::MAX;
        out[6 * i + 5] = (i32::MAX as u32) - a[i] + u8::MAX as u32;
    }
}

// out[2i..2i+2]
#[kernel]
pub fn modules_f32(r: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < r.len() {
        out[2 * i] = geom::circle_area(r[i]);
        out[2 * i + 1] = PI * r[i] + core::f32::consts::E;
    }
}
