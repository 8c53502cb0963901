// A file module of scale.rs: editing it rebuilds scale.hpp and nothing else.
pub fn affine(a: f32, x: f32, b: f32) -> f32 {
    a * x + b
}
