// A module of ../../file-modules.rs: `crate::square` exists only in that crate, so this
// file is not a crate root of its own; rustc-fidelity checks it through its parent.
pub fn circle(r: f32) -> f32 {
    core::f32::consts::PI * crate::square(r)
}
