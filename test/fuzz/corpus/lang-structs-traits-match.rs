use gpu::*;
#[derive(Clone, Copy)]
struct Vec2 { x: f32, y: f32 }
impl Vec2 {
    fn new(x: f32, y: f32) -> Self { Vec2 { x, y } }
    fn dot(&self, o: &Vec2) -> f32 { self.x * o.x + self.y * o.y }
    fn scale(&mut self, s: f32) { self.x *= s; self.y *= s; }
}
trait Shape { fn area(&self) -> f32; }
struct Sq(f32);
impl Shape for Sq { fn area(&self) -> f32 { self.0 * self.0 } }
fn total<S: Shape>(s: &S, n: u32) -> f32 { s.area() * n as f32 }
enum Op { Add, Mul }
fn apply(op: Op, a: f32, b: f32) -> f32 { match op { Op::Add => a + b, Op::Mul => a * b } }
#[kernel]
pub fn k(x: &[f32], out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() && i < x.len() {
        let mut v = Vec2::new(x[i], 2.0);
        v.scale(3.0);
        let w = v;
        let mut acc = [0.0f32; 4];
        for j in 0..4 { acc[j] = j as f32; }
        let t = (acc[i % 4], total(&Sq(x[i]), 2));
        out[i] = apply(Op::Mul, v.dot(&w), t.0) + t.1;
    }
}
