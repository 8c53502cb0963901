fn sum(x: &[f32]) -> f32 { x[0] }
fn helper(a: u32, b: f32) -> f32 { if a == 0 { return 0.0; } b * a as f32 }
fn g() -> u32 { 5 }
#[kernel]
pub fn k(x: &[f32], y: &mut [f32]) {
    let s = sum(x);
    y[0] = s + helper(g(), 3.0);
}
