fn sum(x: &[f32]) -> f32 { x[0] }
fn k(y: &mut [f32]) -> f32 { sum(y) }
