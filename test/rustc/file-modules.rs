// A kernel file with file modules: rustc and Hematite both load shapes/mod.rs and
// shapes/area.rs (rustc-fidelity reports those as modules of this file).
use gpu::*;

mod shapes;

fn square(a: f32) -> f32 {
    a * a
}

#[kernel]
pub fn areas(r: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < r.len() && i < out.len() {
        out[i] = shapes::area::circle(r[i]);
    }
}
