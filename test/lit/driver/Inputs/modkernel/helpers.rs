pub fn double(v: f32) -> f32 {
    v * 2.0
}
