// A file module of ../modules.rs (loaded through #[path]); not a test itself.
use super::geom::Rect;

pub const BIAS: f32 = 11.0;

pub fn twice(x: f32) -> f32 {
    x * 2.0
}

pub fn perimeter(r: Rect) -> f32 {
    twice(r.w + r.h)
}

pub mod helpers {
    use super::twice;

    pub fn inc(x: f32) -> f32 {
        twice(x) - 13.0
    }
}
