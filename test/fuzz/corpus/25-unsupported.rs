struct Point { x: f32, y: f32 }
enum E { A, B(u32) }
impl Point { fn len(&self) -> f32 { self.x } }
trait T { fn t(&self); }
mod m { pub fn f() {} }
const C: u32 = 3;
static S: u32 = 4;
type U = u32;
fn gen<T>(x: T) -> T { x }
fn f(p: Point) -> u32 {
    let v = match 3 { 0 => 1, _ => 2 };
    let c = |x: u32| x + 1;
    let t = (1, 2);
    let a = [0u32; 4];
    let s = &a[1..2];
    let r = &mut 5;
    println!("{}", v);
    unsafe { v }
}
