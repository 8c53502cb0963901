// The checker on programs written for rustc: structs with impls, traits and
// generics, C-like enums with match, modules and imports, arrays and tuples,
// references. Each must check without diagnostics; the dumps pin down what
// the checker resolved.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hematite;

namespace {

std::string ok(const std::string& src) {
  auto c = test::compile(src);
  EXPECT_FALSE(c->diags.hasErrors()) << src << "\n" << c->rendered();
  return check::printChecked(c->program);
}

std::vector<std::string> codes(const std::string& src) { return test::compile(src)->codes(); }

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST(CheckerLanguage, StructsWithImpls) {
  std::string d = ok(R"(
#[derive(Clone, Copy)]
struct Vec2 { x: f32, y: f32 }
impl Vec2 {
    fn new(x: f32, y: f32) -> Self { Vec2 { x, y } }
    fn dot(&self, o: &Vec2) -> f32 { self.x * o.x + self.y * o.y }
    fn scale(&mut self, s: f32) { self.x *= s; self.y *= s; }
}
fn f(a: f32) -> f32 {
    let mut v = Vec2::new(a, 2.0);
    v.scale(3.0);
    let w = v;
    v.dot(&w)
}
)");
  EXPECT_TRUE(contains(d, "(call new")) << d;
  EXPECT_TRUE(contains(d, "(call scale (&mut v#")) << d;
  EXPECT_TRUE(contains(d, "(field.0 (deref self#")) << d;
}

TEST(CheckerLanguage, TraitsAndGenerics) {
  std::string d = ok(R"(
trait Shape { fn area(&self) -> f32; fn twice(&self) -> f32 { self.area() * 2.0 } }
struct Sq(f32);
struct Rect { w: f32, h: f32 }
impl Shape for Sq { fn area(&self) -> f32 { self.0 * self.0 } }
impl Shape for Rect { fn area(&self) -> f32 { self.w * self.h } }
fn total<S: Shape>(s: &S, n: u32) -> f32 { s.twice() * n as f32 }
fn largest<T: PartialOrd + Copy>(a: T, b: T) -> T { if a > b { a } else { b } }
fn f() -> f32 {
    let r = Rect { w: 1.0, h: 2.0 };
    total(&r, 3) + total(&Sq(2.0), 1) + Sq(1.0).area()
}
)");
  EXPECT_TRUE(contains(d, "trait-call Shape::twice")) << d;
  EXPECT_TRUE(contains(d, "(call total<Rect>")) << d;
}

TEST(CheckerLanguage, ConstGenericsAndArrays) {
  std::string d = ok(R"(
fn sum<const N: usize>(a: [f32; N]) -> f32 {
    let mut s = 0.0;
    for i in 0..N { s += a[i]; }
    s
}
const K: usize = 4;
fn f() -> f32 {
    let a = [1.0f32; K];
    let b: [[u32; 2]; 3] = [[0; 2]; 3];
    let t = (1u8, 2.5f64);
    sum(a) + b[2][1] as f32 + t.1 as f32 + a.len() as f32
}
)");
  EXPECT_TRUE(contains(d, "(call sum<4>")) << d;
}

TEST(CheckerLanguage, EnumsAndMatch) {
  std::string d = ok(R"(
#[derive(Clone, Copy, PartialEq)]
enum Op { Add, Sub = 5, Mul }
fn apply(op: Op, a: i32, b: i32) -> i32 {
    match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul if a == 0 => 0,
        Op::Mul => a * b,
    }
}
fn classify(x: u8) -> u32 {
    match x { 0 => 0, 1..=9 | 11 => 1, 10 => 2, 12..=255 => 3 }
}
fn f() -> i32 { apply(Op::Sub, 1, 2) + Op::Mul as i32 + classify(7) as i32 }
)");
  EXPECT_TRUE(contains(d, "(match")) << d;
  EXPECT_EQ(codes("fn f(x: u8) -> u32 { match x { 0..=9 => 0, 11..=255 => 1 } }"),
            std::vector<std::string>{"H0349"});
  EXPECT_EQ(codes("fn f(x: bool, y: bool) -> u32 { match (x, y) { (true, _) => 0, (false, true) => 1 } }"),
            std::vector<std::string>{"H0349"});
  EXPECT_TRUE(codes("fn f(x: bool, y: bool) -> u32 { match (x, y) { (true, _) => 0, (false, true) => 1, (_, false) => 2 } }").empty());
}

TEST(CheckerLanguage, ModulesAndImports) {
  ok(R"(
use gpu::*;
mod geom {
    pub mod consts { pub const SCALE: f32 = 2.0; }
    pub struct P { pub x: f32 }
    pub fn scale(p: P) -> f32 { p.x * self::consts::SCALE * super::helper() }
}
use geom::{P, scale as sc};
use core::f32::consts::PI;
fn helper() -> f32 { 1.0 }
#[kernel]
pub fn k(out: &mut [f32]) {
    let i = global_idx_x();
    if i < out.len() { out[i] = sc(P { x: 1.0 }) * PI + f32::EPSILON + u32::MAX as f32; }
}
)");
}

TEST(CheckerLanguage, LoopsLabelsAndReferences) {
  ok(R"(
fn bump(x: &mut u32) { *x += 1; }
fn f(v: &mut [u32]) -> u32 {
    let mut n = 0;
    'outer: for i in (0..10).rev() {
        for j in (0..i).step_by(2) {
            if j == 4 { continue 'outer; }
            if i * j > 50 { break 'outer; }
            bump(&mut n);
        }
    }
    let r = loop { if n > 3 { break n * 2; } n += 1; };
    let s = &mut v[1..];
    s[0] = r;
    let (a, b) = (n, r);
    a.wrapping_add(b).count_ones()
}
)");
}

TEST(CheckerLanguage, RustErrorsAreReported) {
  EXPECT_EQ(codes("fn f() { let x = 1; x = 2; }"), std::vector<std::string>{"H0308"});
  EXPECT_EQ(codes("fn f(v: &u32) { *v = 2; }"), std::vector<std::string>{"H0309"});
  EXPECT_EQ(codes("fn g(a: &mut u32, b: &mut u32) {} fn f() { let mut x = 1; g(&mut x, &mut x); }"),
            std::vector<std::string>{"H0350"});
  EXPECT_EQ(codes("fn f(a: &[f32], i: u32) -> f32 { a[i] }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("trait T { fn t(&self); } fn g<X>(x: X) { x.t(); }"), std::vector<std::string>{"H0315"});
  EXPECT_EQ(codes("fn f(n: u32) -> u32 { if n == 0 { 1 } else { n * f(n - 1) } }"),
            std::vector<std::string>{"H0338"});
}

TEST(CheckerLanguage, MovesFollowRust) {
  const char* pre = "struct P { x: f32 } #[derive(Clone, Copy)] struct C { x: f32 } fn g(p: P) {} fn h(c: C) {} ";
  auto with = [&](const char* body) { return codes(std::string(pre) + "fn f(b: bool) { " + body + " }"); };
  EXPECT_EQ(with("let p = P { x: 1.0 }; g(p); g(p);"), std::vector<std::string>{"H0352"});
  EXPECT_TRUE(with("let c = C { x: 1.0 }; h(c); h(c);").empty());
  // Moved in one branch, used in the other: fine; used after: maybe-moved.
  EXPECT_TRUE(with("let p = P { x: 1.0 }; if b { g(p); } else { let y = p.x; }").empty());
  EXPECT_EQ(with("let p = P { x: 1.0 }; if b { g(p); } let y = p.x;"), std::vector<std::string>{"H0352"});
  // A branch that returns does not reach the later use.
  EXPECT_TRUE(with("let p = P { x: 1.0 }; if b { g(p); return; } let y = p.x;").empty());
  // Reassignment makes it usable again.
  EXPECT_TRUE(with("let mut p = P { x: 1.0 }; g(p); p = P { x: 2.0 }; g(p);").empty());
  // Moved in a previous iteration of a loop.
  EXPECT_EQ(with("let p = P { x: 1.0 }; for i in 0..2 { g(p); }"), std::vector<std::string>{"H0352"});
  // Borrowing is not moving.
  EXPECT_TRUE(codes(std::string(pre) + "fn r(p: &P) -> f32 { p.x } fn f() { let p = P { x: 1.0 }; r(&p); r(&p); g(p); }").empty());
}

TEST(CheckerLanguage, LiveMutableBorrows) {
  EXPECT_EQ(codes("fn f() { let mut x = 1u32; let a = &mut x; let b = &mut x; *a = 2; *b = 3; }"),
            std::vector<std::string>{"H0350"});
  // Non-lexical: the first borrow is dead before the second.
  EXPECT_TRUE(codes("fn f() { let mut x = 1u32; let a = &mut x; *a = 2; let b = &mut x; *b = 3; }").empty());
  EXPECT_EQ(codes("fn f() { let mut x = 1u32; let r = &mut x; x = 5; *r = 2; }"), std::vector<std::string>{"H0353"});
  EXPECT_EQ(codes("fn f(v: &mut [f32]) { let a = &mut v[0..2]; let b = &mut v[2..4]; a[0] = b[0]; }"),
            std::vector<std::string>{"H0350"});
  EXPECT_TRUE(codes("#[derive(Clone, Copy)] struct P { x: f32, y: f32 } fn f() { let mut p = P { x: 1.0, y: 2.0 }; let a = &mut p; a.x = 3.0; let b = &mut p.y; *b = 1.0; }").empty());
}

TEST(CheckerLanguage, Privacy) {
  EXPECT_EQ(codes("mod m { fn hidden() {} } fn f() { m::hidden(); }"), std::vector<std::string>{"H0354"});
  EXPECT_TRUE(codes("mod m { pub fn open() {} fn inner() {} pub fn g() { inner(); super::top(); } } fn top() {} fn f() { m::open(); }").empty());
  EXPECT_EQ(codes("mod m { pub struct P { x: f32 } pub fn make() -> P { P { x: 1.0 } } } fn f() -> f32 { m::make().x }"),
            std::vector<std::string>{"H0354"});
  EXPECT_EQ(codes("mod m { pub struct P; impl P { fn secret(&self) {} } } fn f(p: m::P) { p.secret(); }"),
            std::vector<std::string>{"H0354"});
  EXPECT_EQ(codes("mod m { fn hidden() {} } use m::hidden;"), std::vector<std::string>{"H0354"});
  // Globs import only what is visible; `pub use` re-exports.
  EXPECT_TRUE(codes("mod m { pub fn a() {} } mod n { pub use super::m::a; } fn f() { n::a(); }").empty());
  EXPECT_TRUE(codes("mod util { pub fn g() {} } use util::{self}; fn f() { util::g(); }").empty());
}

TEST(CheckerLanguage, DisjointFieldBorrows) {
  const char* pre = "struct C { a: u32, b: u32 } fn g(x: &mut u32, y: &mut u32) {} fn h(x: &mut u32, y: &u32) {} ";
  EXPECT_TRUE(codes(std::string(pre) + "fn f() { let mut c = C { a: 1, b: 2 }; g(&mut c.a, &mut c.b); h(&mut c.a, &c.b); }").empty());
  EXPECT_EQ(codes(std::string(pre) + "fn f() { let mut c = C { a: 1, b: 2 }; h(&mut c.a, &c.a); }"),
            std::vector<std::string>{"H0356"});
  EXPECT_EQ(codes(std::string(pre) + "fn k(c: &mut C, x: &u32) {} fn f() { let mut c = C { a: 1, b: 2 }; k(&mut c, &c.a); }"),
            std::vector<std::string>{"H0356"});
}

TEST(CheckerLanguage, DeferredInitialization) {
  EXPECT_TRUE(codes("fn f(c: bool) -> f32 { let g; if c { g = 1.0 } else { g = 2.0 } g }").empty());
  EXPECT_EQ(codes("fn f(c: bool) -> u32 { let x: u32; if c { x = 1; } x }"), std::vector<std::string>{"H0355"});
  EXPECT_EQ(codes("fn f() -> u32 { let x: u32; x = 1; x = 2; x }"), std::vector<std::string>{"H0308"});
  EXPECT_EQ(codes("fn f() { let x: u32; for i in 0..2 { x = i; } }"), std::vector<std::string>{"H0308"});
  EXPECT_TRUE(codes("fn f() -> u32 { let mut x: u32; x = 1; x = 2; x }").empty());
  EXPECT_TRUE(codes("fn f(c: bool) -> u32 { let x: u32; if c { return 0; } else { x = 3; } x }").empty());
}

TEST(CheckerLanguage, DerivedPartialEq) {
  EXPECT_TRUE(codes("#[derive(Clone, Copy, PartialEq)] struct P { x: f32, y: u32 } fn f(a: P, b: P) -> bool { a == b && (1, 2.0) != (1, 3.0) && [1u8, 2] == [1, 2] }").empty());
  EXPECT_EQ(codes("#[derive(Clone, Copy)] struct P { x: f32 } fn f(a: P, b: P) -> bool { a == b }"),
            std::vector<std::string>{"H0311"});
}

TEST(CheckerLanguage, BuiltinBoundsAndGenericMoves) {
  EXPECT_EQ(codes("fn dup<T>(a: T) -> (T, T) { (a, a) }"), std::vector<std::string>{"H0352"});
  EXPECT_TRUE(codes("fn dup<T: Copy>(a: T) -> (T, T) { (a, a) }").empty());
  EXPECT_EQ(codes("struct P { x: f32 } fn dup<T: Copy>(a: T) -> (T, T) { (a, a) } fn f() { dup(P { x: 1.0 }); }"),
            std::vector<std::string>{"H0344"});
  EXPECT_TRUE(codes("fn eq<T: PartialEq>(a: T, b: T) -> bool { a == b } fn f() -> bool { eq((1, 2), (1, 2)) && eq([1u8; 2], [1; 2]) }").empty());
  EXPECT_EQ(codes("fn lt<T: PartialOrd>(a: T, b: T) -> bool { a < b } fn f() -> bool { lt((1, 2), (1, 2)) }"),
            std::vector<std::string>{"H0300"});
  EXPECT_TRUE(codes("use gpu::*; fn f(x: f32) -> f32 { rsqrt(x) + gpu::rsqrt(2.0) }").empty());
  EXPECT_TRUE(codes("fn bump(x: &mut u32) { *x += 1; } fn f() { let mut v = 1; let r = &mut v; bump(r); bump(r); }").empty());
}

TEST(CheckerLanguage, PartialMoves) {
  const char* pre = "struct A { x: f32 } struct P { a: A, b: A } fn g(a: A) {} ";
  auto with = [&](const char* body) { return codes(std::string(pre) + "fn f() { " + body + " }"); };
  EXPECT_TRUE(with("let p = P { a: A { x: 1.0 }, b: A { x: 2.0 } }; g(p.a); g(p.b);").empty());
  EXPECT_EQ(with("let p = P { a: A { x: 1.0 }, b: A { x: 2.0 } }; g(p.a); g(p.a);"), std::vector<std::string>{"H0352"});
  EXPECT_EQ(with("let p = P { a: A { x: 1.0 }, b: A { x: 2.0 } }; g(p.a); let q = p;"), std::vector<std::string>{"H0352"});
  EXPECT_TRUE(with("let mut p = P { a: A { x: 1.0 }, b: A { x: 2.0 } }; g(p.a); p.a = A { x: 3.0 }; let q = p;").empty());
  EXPECT_TRUE(with("let p = P { a: A { x: 1.0 }, b: A { x: 2.0 } }; g(p.a); let y = p.b.x;").empty());
}

TEST(CheckerLanguage, TraitMethodsNeedTheTraitInScope) {
  const char* lib = "mod shapes { pub trait Area { fn area(&self) -> f32; } pub struct Sq(pub f32); impl Area for Sq { fn area(&self) -> f32 { self.0 * self.0 } } } ";
  EXPECT_EQ(codes(std::string(lib) + "fn f() -> f32 { shapes::Sq(2.0).area() }"), std::vector<std::string>{"H0315"});
  EXPECT_TRUE(codes(std::string(lib) + "use shapes::Area; fn f() -> f32 { shapes::Sq(2.0).area() }").empty());
  EXPECT_TRUE(codes(std::string(lib) + "use shapes::*; fn f() -> f32 { Sq(2.0).area() }").empty());
  EXPECT_TRUE(codes(std::string(lib) + "use shapes::Area as _; fn f() -> f32 { shapes::Sq(2.0).area() }").empty());
  EXPECT_TRUE(codes(std::string(lib) + "fn f() -> f32 { shapes::Area::area(&shapes::Sq(2.0)) }").empty());
}

TEST(CheckerLanguage, OperatorOverloading) {
  const char* v = "use core::ops::{Add, Mul, Neg, AddAssign}; #[derive(Clone, Copy)] struct V { x: f32 } ";
  std::string d = ok(std::string(v) +
      "impl Add for V { type Output = V; fn add(self, o: V) -> V { V { x: self.x + o.x } } } "
      "impl Mul<f32> for V { type Output = Self; fn mul(self, k: f32) -> Self::Output { V { x: self.x * k } } } "
      "impl Neg for V { type Output = V; fn neg(self) -> V { V { x: -self.x } } } "
      "impl AddAssign for V { fn add_assign(&mut self, o: V) { self.x += o.x; } } "
      "fn f(a: V) -> f32 { let mut w = a + a * 2.0; w += -a; w.x }");
  EXPECT_TRUE(contains(d, "(call add")) << d;
  EXPECT_TRUE(contains(d, "(call mul")) << d;
  EXPECT_TRUE(contains(d, "(call neg")) << d;
  EXPECT_TRUE(contains(d, "(call add_assign (&mut w#")) << d;
  // No impl for the operand types: the usual operator error.
  EXPECT_EQ(codes(std::string(v) + "fn f(a: V) -> V { a + a }"), std::vector<std::string>{"H0311"});
  // An operator impl needs its method and `type Output`.
  EXPECT_EQ(codes(std::string(v) + "impl Add for V { fn add(self, o: V) -> V { o } }"), std::vector<std::string>{"H0335"});
  EXPECT_EQ(codes(std::string(v) + "impl Add for V { type Output = V; fn plus(self, o: V) -> V { o } }"),
            (std::vector<std::string>{"H0334", "H0335"}));
  // `a += b` needs AddAssign and a mutable place.
  EXPECT_EQ(codes(std::string(v) + "impl AddAssign for V { fn add_assign(&mut self, o: V) {} } fn f(a: V) { a += a; }"),
            std::vector<std::string>{"H0308"});
}

TEST(CheckerLanguage, UseInsideBlocks) {
  EXPECT_TRUE(codes("mod m { pub fn g() -> u32 { 1 } } fn f() -> f32 { use core::f32::consts::PI; use m::g; let a = { use m::g as h; h() as f32 }; a + PI + g() as f32 }").empty());
  // The import is scoped to its block.
  EXPECT_EQ(codes("mod m { pub fn g() {} } fn f() { { use m::g; g(); } g(); }"), std::vector<std::string>{"H0303"});
  EXPECT_EQ(codes("fn f() { fn inner() {} }"), std::vector<std::string>{"H0300"});
}

TEST(CheckerLanguage, CloneOfCloneValues) {
  EXPECT_TRUE(codes("#[derive(Clone, Copy)] struct P { x: f32 } fn f(p: P, a: [u32; 2], r: &P) -> f32 { let q = p.clone(); let b = a.clone(); let s = r.clone(); q.x + s.x + b[0] as f32 + 1.5f32.clone() }").empty());
  EXPECT_EQ(codes("struct P { x: f32 } fn f(p: P) -> f32 { p.clone().x }"), std::vector<std::string>{"H0315"});
  // Clone without Copy: cloning borrows, so the original stays usable.
  EXPECT_TRUE(codes("#[derive(Clone)] struct P { x: f32 } fn g(p: P) {} fn f(p: P) { g(p.clone()); g(p.clone()); g(p); }").empty());
}

TEST(CheckerLanguage, ForOverArraysAndSlices) {
  EXPECT_TRUE(codes("fn f(s: &[f32], m: &mut [f32]) -> f32 { let a = [1.0f32, 2.0, 3.0]; let mut t = 0.0; "
                    "for x in a { t += x; } for x in &a { t += *x; } for x in a.iter() { t += *x; } "
                    "for (i, x) in s.iter().enumerate() { t += *x * i as f32; } for x in s { t += *x; } "
                    "for x in m.iter_mut() { *x *= 2.0; } for x in m { *x += 1.0; } t }").empty());
  EXPECT_EQ(codes("fn f(s: &[f32]) { for x in s.iter_mut() { *x = 1.0; } }"), std::vector<std::string>{"H0309"});
  EXPECT_EQ(codes("fn f(s: &[f32]) { for x in s { *x = 1.0; } }"), std::vector<std::string>{"H0309"});
}

TEST(CheckerLanguage, AssociatedConsts) {
  EXPECT_TRUE(codes("#[derive(Clone, Copy)] struct V { x: f32 } impl V { const ZERO: V = V { x: 0.0 }; const ONE: f32 = 1.0; "
                    "fn unit() -> Self { Self { x: Self::ONE } } } fn f() -> f32 { V::ZERO.x + V::unit().x + V::ONE }").empty());
  EXPECT_EQ(codes("struct V; impl V { const A: u32 = 1; } fn f() -> u32 { V::B }"), std::vector<std::string>{"H0302"});
}

TEST(CheckerLanguage, LabeledBlocks) {
  EXPECT_TRUE(codes("fn f(x: u32) -> u32 { let v = 'a: { if x > 3 { break 'a 1; } 2 }; v }").empty());
  EXPECT_TRUE(codes("fn f(x: u32) { 'a: { if x > 3 { break 'a; } let y = x; } }").empty());
  EXPECT_EQ(codes("fn f() { 'a: { continue 'a; } }"), std::vector<std::string>{"H0317"});
  EXPECT_EQ(codes("fn f() { 'a: { break; } }"), std::vector<std::string>{"H0317"});
}

TEST(CheckerLanguage, StructPatternsNameEveryFieldOrRest) {
  EXPECT_EQ(codes("struct P { x: f32, y: f32 } fn f(p: P) -> f32 { let P { x } = p; x }"), std::vector<std::string>{"H0357"});
  EXPECT_TRUE(codes("struct P { x: f32, y: f32 } fn f(p: P) -> f32 { let P { x, .. } = p; let P { x: a, y: _ } = p; x + a }").empty());
}
TEST(CheckerLanguage, MoreIntegerAndFloatMethods) {
  EXPECT_TRUE(codes("fn f(a: i32, b: u32, x: f32) -> f32 { let u: u32 = a.abs_diff(-3); "
                    "(a.rem_euclid(7) + a.div_euclid(-2) + a.signum() + a.is_negative() as i32) as f32 "
                    "+ (b.div_ceil(4) + u) as f32 + x.rem_euclid(2.5) + x.copysign(-1.0) }").empty());
  EXPECT_EQ(codes("fn f(a: i32) -> i32 { a.div_ceil(2) }"), std::vector<std::string>{"H0315"});
}

TEST(CheckerLanguage, GenericOperatorBounds) {
  const char* use = "use core::ops::{Add, Mul, Neg, AddAssign}; ";
  std::string d = ok(std::string(use) +
      "fn axpy<T: Add<Output = T> + Mul<Output = T> + Copy>(a: T, x: T, y: T) -> T { a * x + y } "
      "fn acc<T: AddAssign + Copy>(mut s: T, v: T) -> T { s += v; s } "
      "fn neg<T: Neg<Output = T>>(v: T) -> T { -v } "
      "fn f() -> f32 { axpy(2.0f32, 3.0, 1.0) + axpy(2u32, 3, 1) as f32 + acc(1.0f32, 2.0) + neg(1.5f32) }");
  EXPECT_TRUE(contains(d, "(call axpy<u32>")) << d;
  // Without `Output = T` rustc types `a + b` as `<T as Add>::Output`: rejected.
  EXPECT_EQ(codes(std::string(use) + "fn s<T: Add + Copy>(a: T, b: T) -> T { a + b }"), (std::vector<std::string>{"H0300", "H0311"}));
  // Instantiated with a struct: not supported (the struct's impl would be needed).
  EXPECT_EQ(codes(std::string(use) + "#[derive(Clone, Copy)] struct V { x: f32 } impl Add for V { type Output = V; fn add(self, o: V) -> V { o } } "
                  "fn s<T: Add<Output = T> + Copy>(a: T, b: T) -> T { a + b } fn f(v: V) -> V { s(v, v) }"),
            std::vector<std::string>{"H0300"});
}
TEST(CheckerLanguage, WarpIntrinsics) {
  EXPECT_TRUE(codes("use gpu::*; fn f(x: f32, u: u64, k: i32) -> f32 { let a = shuffle(x, 0) + shuffle_xor(x, 1) + warp_reduce_add(x); "
                    "let b: u64 = ballot(x > 0.0) ^ shuffle_up(u, 1); let c = warp_reduce_max(k) + shuffle_down(k, 2); "
                    "a + (b as f32) + c as f32 + vote_all(true) as u32 as f32 + vote_any(false) as u32 as f32 + lane_id() as f32 + warp_size() as f32 }").empty());
  EXPECT_EQ(codes("use gpu::*; fn f(b: bool) -> bool { shuffle(b, 0) }"), std::vector<std::string>{"H0344"});
  EXPECT_EQ(codes("use gpu::*; fn f(x: u8) -> u8 { warp_reduce_add(x) }"), std::vector<std::string>{"H0344"});
  EXPECT_EQ(codes("use gpu::*; fn f(x: f32) -> f32 { shuffle(x) }"), std::vector<std::string>{"H0307"});
}
