#include <gtest/gtest.h>

#include "test_util.h"

using namespace hematite;

namespace {

std::string expr(const std::string& src) {
  auto c = test::lexOnly(src);
  auto e = parse::parseExpression(c->tokens, c->diags);
  EXPECT_FALSE(c->diags.hasErrors()) << src << "\n" << c->rendered();
  return ast::printExpr(*e);
}

std::string items(const std::string& src) {
  auto c = test::compile(src, /*check=*/false);
  EXPECT_FALSE(c->diags.hasErrors()) << src << "\n" << c->rendered();
  return ast::printCrate(c->crate);
}

// The body block of `fn f() { <src> }`.
std::string body(const std::string& src) {
  auto c = test::compile("fn f() {" + src + "}", /*check=*/false);
  EXPECT_FALSE(c->diags.hasErrors()) << src << "\n" << c->rendered();
  if (c->crate.items.empty() || !c->crate.items[0]->body) return "<none>";
  return ast::printBlock(*c->crate.items[0]->body);
}

}  // namespace

TEST(Parser, BinaryPrecedence) {
  EXPECT_EQ(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(expr("1 * 2 + 3"), "(+ (* 1 2) 3)");
  EXPECT_EQ(expr("1 - 2 - 3"), "(- (- 1 2) 3)");  // left-assoc
  EXPECT_EQ(expr("a / b % c"), "(% (/ a b) c)");
  EXPECT_EQ(expr("a << 1 + 2"), "(<< a (+ 1 2))");
  EXPECT_EQ(expr("a & b ^ c | d"), "(| (^ (& a b) c) d)");
  EXPECT_EQ(expr("a == b & c"), "(== a (& b c))");
  EXPECT_EQ(expr("a < b && c >= d || e"), "(|| (&& (< a b) (>= c d)) e)");
  EXPECT_EQ(expr("a || b && c"), "(|| a (&& b c))");
}

TEST(Parser, UnaryCastAndPostfix) {
  EXPECT_EQ(expr("-a * b"), "(* (- a) b)");
  EXPECT_EQ(expr("!a.b()"), "(! (method a b))");
  EXPECT_EQ(expr("-x as u32"), "(as (- x) u32)");
  EXPECT_EQ(expr("a as u64 * 2"), "(* (as a u64) 2)");
  EXPECT_EQ(expr("a + b as f32"), "(+ a (as b f32))");
  EXPECT_EQ(expr("x as i32 as f64"), "(as (as x i32) f64)");
  EXPECT_EQ(expr("&mut x[i]"), "(&mut (index x i))");
  EXPECT_EQ(expr("&&x"), "(& (& x))");
  EXPECT_EQ(expr("*p.q"), "(* (field p q))");
  EXPECT_EQ(expr("a.b.c(1, 2)[3].len()"), "(method (index (method (field a b) c 1 2) 3) len)");
  EXPECT_EQ(expr("f(x)(y)"), "(call (call f x) y)");
  EXPECT_EQ(expr("t.0.1"), "(field (field t 0) 1)");
  EXPECT_EQ(expr("x?"), "(? x)");
}

TEST(Parser, AssignmentAndRanges) {
  EXPECT_EQ(expr("a = b = c"), "(= a (= b c))");  // right-assoc
  EXPECT_EQ(expr("a += b * 2"), "(+= a (* b 2))");
  EXPECT_EQ(expr("x <<= 1"), "(<<= x 1)");
  EXPECT_EQ(expr("a..b"), "(.. a b)");
  EXPECT_EQ(expr("0..n + 1"), "(.. 0 (+ n 1))");
  EXPECT_EQ(expr("a..=b"), "(..= a b)");
  EXPECT_EQ(expr(".."), "(.. _ _)");
  EXPECT_EQ(expr("..5"), "(.. _ 5)");
  EXPECT_EQ(expr("a || b..c"), "(.. (|| a b) c)");
}

TEST(Parser, PrimaryExpressions) {
  EXPECT_EQ(expr("gpu::global_idx_x()"), "(call gpu::global_idx_x)");
  EXPECT_EQ(expr("u32::MAX"), "u32::MAX");
  EXPECT_EQ(expr("(a + b) * c"), "(* (paren (+ a b)) c)");
  EXPECT_EQ(expr("()"), "(tuple)");
  EXPECT_EQ(expr("(a,)"), "(tuple a)");
  EXPECT_EQ(expr("(1, 2.5, true)"), "(tuple 1 2.5 true)");
  EXPECT_EQ(expr("[1, 2, 3]"), "(array 1 2 3)");
  EXPECT_EQ(expr("[0.0f32; 4]"), "(array-repeat 0.0f32 4)");
  EXPECT_EQ(expr("if a { 1 } else if b { 2 } else { 3 }"),
            "(if a (block 1) (if b (block 2) (block 3)))");
  EXPECT_EQ(expr("{ let x = 1; x }"), "(block (let x _ 1) x)");
  EXPECT_EQ(expr("unsafe { f() }"), "(unsafe (block (call f)))");
  EXPECT_EQ(expr("loop { break 5; }"), "(loop (block (semi (break 5))))");
  EXPECT_EQ(expr("'outer: for i in 0..n { continue 'outer; }"),
            "(for 'outer i (.. 0 n) (block (semi (continue 'outer))))");
  EXPECT_EQ(expr("while i < n { i += 1; }"), "(while (< i n) (block (semi (+= i 1))))");
  EXPECT_EQ(expr("match x { 0 => a, 1..=9 | 11 => b, _ if c => { d } }"),
            "(match x (arm 0 a) (arm (or (..= 1 9) 11) b) (arm _ (if c) (block d)))");
  EXPECT_EQ(expr("|x, y: u32| x + y"), "(closure (x y) (+ x y))");
  EXPECT_EQ(expr("Point { x: 1, y }"), "(struct Point (x 1) (y y))");
  EXPECT_EQ(expr("println!(\"{}\", x)"), "(macro println!)");
  EXPECT_EQ(expr("x.max::<u32>(y)"), "(method x max y)");
  EXPECT_EQ(expr("return"), "(return)");
}

TEST(Parser, NoStructLiteralInConditions) {
  EXPECT_EQ(expr("if x == y { a } else { b }"), "(if (== x y) (block a) (block b))");
  EXPECT_EQ(expr("for i in 0..n { }"), "(for i (.. 0 n) (block))");
  EXPECT_EQ(expr("for i in 0.. { }"), "(for i (.. 0 _) (block))");
}

TEST(Parser, Statements) {
  EXPECT_EQ(body("let mut x: u32 = 5; let y; let _ = f(); x"),
            "(block (let (mut x) u32 5) (let y _ _) (let _ _ (call f)) x)");
  // Block-like expressions end statements without `;`.
  EXPECT_EQ(body("if a { b(); } -1"), "(block (expr (if a (block (semi (call b))))) (- 1))");
  EXPECT_EQ(body("while c {} loop {} x = 1;"),
            "(block (expr (while c (block))) (expr (loop (block))) (semi (= x 1)))");
  // A trailing block-like expression is the tail.
  EXPECT_EQ(body("if c { 1 } else { 2 }"), "(block (if c (block 1) (block 2)))");
  EXPECT_EQ(body(";;"), "(block)");
  EXPECT_EQ(body("match x {}.foo();"), "(block (semi (method (match x) foo)))");
}

TEST(Parser, Types) {
  EXPECT_EQ(items("fn f(a: &[f32], b: &mut [u8], c: [i32; 4], d: (u32, f64), e: &T, f: &mut T, "
                  "g: *const u8, h: Vec<u32>, i: (), j: &'a [f32]) -> ! {}"),
            "(fn f ((a &[f32]) (b &mut [u8]) (c [i32; 4]) (d (u32, f64)) (e &T) (f &mut T) "
            "(g *const u8) (h Vec<u32>) (i ()) (j &[f32])) -> ! (block))\n");
  EXPECT_EQ(items("fn f(x: Option<Vec<u32>>) {}"), "(fn f ((x Option<Vec<u32>>)) (block))\n");
}

TEST(Parser, Items) {
  EXPECT_EQ(items("use gpu::*; use gpu::{thread_idx_x, block_idx_x as bx}; use gpu::sync_threads;"),
            "(use gpu::*)\n(use gpu::{thread_idx_x (as block_idx_x bx)})\n(use gpu::sync_threads)\n");
  EXPECT_EQ(items("#[kernel]\npub fn k(mut n: u32) {}"), "(#[kernel] pub fn k (((mut n) u32)) (block))\n");
  EXPECT_EQ(items("#[kernel(max_threads = 256)] pub fn k() {}"),
            "(#[kernel(max_threads = 256)] pub fn k () (block))\n");
  EXPECT_EQ(items("#[inline(always)] fn g() -> u32 { 1 }"),
            "(#[inline(always)] fn g () -> u32 (block 1))\n");
  EXPECT_EQ(items("const N: usize = 256; static S: f32 = 1.0; static mut M: u32 = 0;"),
            "(const N usize 256)\n(static S f32 1.0)\n(static mut M u32 0)\n");
  EXPECT_EQ(items("#[derive(Clone, Copy)] #[repr(C)] pub struct P { pub x: f32, y: u32 } struct T(u32, f32); struct U;"),
            "(#[derive(Clone, Copy)] #[repr(C)] pub struct P (x f32) (y u32))\n(struct T (_ u32) (_ f32))\n(struct U)\n");
  EXPECT_EQ(items("fn g<T: Copy>(x: T) -> T where T: Clone { x }"),
            "(fn g<T: Copy> ((x T)) -> T where T: Clone (block x))\n");
  EXPECT_EQ(items("impl Foo { fn a(&self) {} } enum E { A, B } mod m; trait T {}"),
            "(impl Foo (fn a (&self) (block)))\n(enum E A B)\n(mod m;)\n(trait T)\n");
  EXPECT_EQ(items("#![allow(dead_code)]\nfn f() {}"), "(fn f () (block))\n");
}

TEST(Parser, RecoveryReportsSeveralIndependentErrors) {
  auto c = test::compile(
      "fn a() { let x = ; let y = 1; }\n"
      "fn b() { x + / 2; y = 3; }\n"
      "struct 5 {}\n"
      "fn c() -> u32 { 7 }\n"
      "fn d( { }\n",
      /*check=*/false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0202", "H0202", "H0200", "H0204"}))
      << c->rendered();
  // The good parts are still there.
  std::string printed = ast::printCrate(c->crate);
  EXPECT_NE(printed.find("(let y _ 1)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("(semi (= y 3))"), std::string::npos) << printed;
  EXPECT_NE(printed.find("(fn c () -> u32 (block 7))"), std::string::npos) << printed;
}

TEST(Parser, MissingSemicolon) {
  auto c = test::compile("fn f() { let x = 1 let y = 2; x + 1 y }", false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0200", "H0200"})) << c->rendered();
  EXPECT_EQ(c->diags.diagnostics()[0].message, "expected `;`, found keyword `let`");
}

TEST(Parser, ExpectedItemTypePatternAndChainedComparison) {
  auto c = test::compile("42\nfn f(x: ) {}\nfn g() { let + = 1; }\nfn h() -> bool { 1 < 2 < 3 }", false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0201", "H0203", "H0204", "H0205"}))
      << c->rendered();
}

TEST(Parser, UnclosedDelimiter) {
  auto c = test::compile("fn f() {\n  if x {\n    y();\n", false);
  ASSERT_FALSE(c->codes().empty());
  EXPECT_EQ(c->codes()[0], "H0207") << c->rendered();
  EXPECT_EQ(c->rendered(),
            "error[H0207]: this file contains an unclosed delimiter\n"
            " --> test.rs:3:9\n"
            "  |\n"
            "2 |   if x {\n"
            "  |        - unclosed delimiter\n"
            "3 |     y();\n"
            "  |         ^\n"
            "\n"
            "error: aborting due to 1 previous error\n");
}

TEST(Parser, UnsupportedSyntax) {
  auto c = test::compile("fn f() { if let Some(x) = y { } while let Some(z) = w { } }", false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0206", "H0206"})) << c->rendered();
  EXPECT_EQ(c->diags.diagnostics()[0].message,
            "`if let` is not supported (yet) in Hematite kernels");
}

TEST(Parser, Generics) {
  EXPECT_EQ(items("fn f<T: A + B, const N: usize, 'a>(x: &'a [T; N]) {}"),
            "(fn f<T: A + B, const N: usize, 'a> ((x &[T; N])) (block))\n");
  EXPECT_EQ(items("fn f<T: ?Sized + 'static + Clone, U = u32, 'a: 'b, const M: u32 = 4>() {}"),
            "(fn f<T: Clone, U = u32, 'a, const M: u32 = (const 4)> () (block))\n");
  EXPECT_EQ(items("fn f<T>(x: T) where T: Copy + Into<u64>, [T; 4]: Sized, 'a: 'b, {}"),
            "(fn f<T> ((x T)) where T: Copy + Into<u64>, [T; 4]: Sized (block))\n");
  EXPECT_EQ(items("fn f<F: Fn(u32, f32) -> u32, G: for<'a> FnMut(&'a u8)>() {}"),
            "(fn f<F: Fn<(u32, f32), u32>, G: FnMut<(&u8,), ()>> () (block))\n");
  EXPECT_EQ(items("struct P<T: Copy, const N: usize> where T: Clone { x: [T; N] }"),
            "(struct P<T: Copy, const N: usize> where T: Clone (x [T; N]))\n");
  EXPECT_EQ(items("struct W<T>(T) where T: Copy;"), "(struct W<T> where T: Copy (_ T))\n");
  // has_generics / generics_span follow the generics.
  auto c = test::compile("fn f<T>() {} fn g() where u32: Copy {} fn h() {}", false);
  ASSERT_EQ(c->crate.items.size(), 3u);
  EXPECT_TRUE(c->crate.items[0]->has_generics);
  EXPECT_EQ(c->sources.text(c->crate.items[0]->generics_span), "<T>");
  EXPECT_TRUE(c->crate.items[1]->has_generics);
  EXPECT_EQ(c->sources.text(c->crate.items[1]->generics_span), "where u32: Copy");
  EXPECT_FALSE(c->crate.items[2]->has_generics);
  EXPECT_FALSE(c->crate.items[2]->generics_span.valid());
  EXPECT_EQ(c->crate.items[0]->generics.params[0].kind, ast::GenericParamKind::Type);
}

TEST(Parser, ConstGenericArguments) {
  EXPECT_EQ(expr("foo::<4>()"), "(call foo<(const 4)>)");
  EXPECT_EQ(expr("Foo::<T, { N + 1 }, -1, true>::new()"),
            "(call Foo<T, (const (block (+ N 1))), (const (- 1)), (const true)>::new)");
  EXPECT_EQ(expr("foo::<N>()"), "(call foo<N>)");  // a bare ident stays a Path type
  EXPECT_EQ(items("fn f(a: Foo<{ N * 2 }, 3>, b: [u8; N + 1], c: Bar<'a, T>, d: I<Item = u32>) {}"),
            "(fn f ((a Foo<(const (block (* N 2))), (const 3)>) (b [u8; (+ N 1)]) (c Bar<T>) "
            "(d I<Item = u32>)) (block))\n");
  EXPECT_EQ(items("fn f(a: Vec<Vec<u32>>, b: A<B<C<u8>>>) {}"),
            "(fn f ((a Vec<Vec<u32>>) (b A<B<C<u8>>>)) (block))\n");
}

TEST(Parser, TraitObjectTypes) {
  EXPECT_EQ(items("fn f(a: &dyn Foo, b: Box<dyn A + Send + 'static>) -> impl Iterator<Item = u32> + Clone {}"),
            "(fn f ((a &dyn Foo) (b Box<dyn A>)) -> impl Iterator<Item = u32> (block))\n");
  auto c = test::compile("fn f(x: &dyn A) {}", false);
  const ast::Type& t = *c->crate.items[0]->params[0].type->elem;
  EXPECT_EQ(t.kind, ast::TypeKind::TraitObject);
  EXPECT_FALSE(t.is_impl);
}

TEST(Parser, ImplBlocks) {
  EXPECT_EQ(items("impl<T: Copy> Foo<T> where T: Clone {\n"
                  "  const C: u32 = 1;\n"
                  "  type Out = T;\n"
                  "  pub fn new(x: T) -> Self { Self { x } }\n"
                  "  fn a(self) {} fn b(&self) {} fn c(&mut self, y: u32) {} fn d(mut self) {}\n"
                  "  fn e(&'a self) {} fn f(self: &Self) {}\n"
                  "}"),
            "(impl<T: Copy> Foo<T> where T: Clone (const C u32 1) (type Out T) "
            "(pub fn new ((x T)) -> Self (block (struct Self (x x)))) "
            "(fn a (self) (block)) (fn b (&self) (block)) (fn c (&mut self (y u32)) (block)) "
            "(fn d (mut self) (block)) (fn e (&self) (block)) (fn f ((self &Self)) (block)))\n");
  EXPECT_EQ(items("impl<T> Add<Vec2<T>> for Vec2<T> { type Output = Self; fn add(self, o: Self) -> Self { o } }"),
            "(impl<T> Add<Vec2<T>> for Vec2<T> (type Output Self) "
            "(fn add (self (o Self)) -> Self (block o)))\n");
  EXPECT_EQ(items("unsafe impl Send for P {}"), "(unsafe impl Send for P)\n");
  auto c = test::compile("impl Tr for S { fn m(&mut self) {} fn n(mut self) {} }", false);
  const ast::Item& impl = *c->crate.items[0];
  EXPECT_EQ(impl.kind, ast::ItemKind::Impl);
  EXPECT_TRUE(impl.has_trait);
  EXPECT_EQ(impl.trait_path.toString(), "Tr");
  EXPECT_EQ(impl.type->path.toString(), "S");
  ASSERT_EQ(impl.items.size(), 2u);
  const ast::Param& m = impl.items[0]->params[0];
  EXPECT_TRUE(m.is_self);
  EXPECT_EQ(m.self_kind, ast::SelfKind::RefMut);
  EXPECT_FALSE(m.self_is_mut);
  EXPECT_EQ(m.pattern, nullptr);
  const ast::Param& n = impl.items[1]->params[0];
  EXPECT_EQ(n.self_kind, ast::SelfKind::Value);
  EXPECT_TRUE(n.self_is_mut);
}

TEST(Parser, Traits) {
  EXPECT_EQ(items("pub trait Shape<T>: Copy + Into<f32> where T: Clone {\n"
                  "  const SIDES: u32;\n"
                  "  const DEF: u32 = 2;\n"
                  "  type Out: Copy;\n"
                  "  fn area(&self) -> T;\n"
                  "  fn twice(&self) -> T { self.area() }\n"
                  "}"),
            "(pub trait Shape<T>: Copy + Into<f32> where T: Clone (const SIDES u32 _) "
            "(const DEF u32 2) (type Out) (fn area (&self) -> T) "
            "(fn twice (&self) -> T (block (method self area))))\n");
  auto c = test::compile("trait T { fn f(&self); fn g() {} }", false);
  const ast::Item& t = *c->crate.items[0];
  EXPECT_EQ(t.kind, ast::ItemKind::Trait);
  EXPECT_EQ(t.items[0]->body, nullptr);
  EXPECT_NE(t.items[1]->body, nullptr);
}

TEST(Parser, Enums) {
  EXPECT_EQ(items("#[derive(Clone, Copy)] pub enum E<T> { A, B = 3, C(u32, pub T), D { x: f32, y: T }, }"),
            "(#[derive(Clone, Copy)] pub enum E<T> A (B = 3) (C ( (_ u32) (_ T) )) "
            "(D { (x f32) (y T) }))\n");
  EXPECT_EQ(items("enum Empty {} enum One { #[allow(x)] X = 1 << 2 }"),
            "(enum Empty)\n(enum One (X = (<< 1 2)))\n");
  auto c = test::compile("enum E { A, C(u32) }", false);
  const ast::Item& e = *c->crate.items[0];
  EXPECT_EQ(e.kind, ast::ItemKind::Enum);
  ASSERT_EQ(e.variants.size(), 2u);
  EXPECT_EQ(e.variants[0].kind, ast::VariantKind::Unit);
  EXPECT_EQ(e.variants[1].kind, ast::VariantKind::Tuple);
}

TEST(Parser, ModulesAndTypeAliases) {
  EXPECT_EQ(items("mod a { #![allow(dead_code)] pub mod b { fn f() {} } use super::x; } pub mod c;"),
            "(mod a #![allow(dead_code)] (pub mod b (fn f () (block))) (use super::x))\n(pub mod c;)\n");
  EXPECT_EQ(items("type A = u32; pub type B<T> = [T; 4]; type C<T> where T: Copy = T;"),
            "(type A u32)\n(pub type B<T> [T; 4])\n(type C<T> where T: Copy T)\n");
  auto c = test::compile("mod m; mod n {}", false);
  EXPECT_EQ(c->crate.items[0]->kind, ast::ItemKind::Mod);
  EXPECT_FALSE(c->crate.items[0]->is_inline_mod);
  EXPECT_TRUE(c->crate.items[1]->is_inline_mod);
}

TEST(Parser, UnsupportedItemsAreSkipped) {
  EXPECT_EQ(items("union U { a: u32, b: f32 } extern \"C\" { fn g(); } extern crate core; "
                  "macro_rules! m { () => {} } foo!(x); bar! { y } fn f() {}"),
            "(unsupported unions U)\n(unsupported `extern` blocks )\n"
            "(unsupported `extern crate` core)\n(unsupported macro definitions m)\n"
            "(unsupported macro invocations in item position foo)\n"
            "(unsupported macro invocations in item position bar)\n(fn f () (block))\n");
  EXPECT_EQ(items("extern \"C\" fn g() {} unsafe fn h() {} const fn k() {}"),
            "(fn g () (block))\n(fn h () (block))\n(fn k () (block))\n");
}

TEST(Parser, NestedItemsInBlocks) {
  EXPECT_EQ(body("impl S { fn f() {} } enum E { A } let x = 1;"),
            "(block (impl S (fn f () (block))) (enum E A) (let x _ 1))");
}

TEST(Parser, QualifiedPathsAreRejected) {
  auto c = test::compile("fn f() { let x = <T as Tr>::g(1); } fn h(x: <T as Tr>::Out) {}", false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0206", "H0206"})) << c->rendered();
  EXPECT_EQ(c->diags.diagnostics()[0].message,
            "qualified paths is not supported (yet) in Hematite kernels");
  auto d = test::compile("fn f(p: fn(u32) -> u32) {}", false);
  EXPECT_EQ(d->codes(), (std::vector<std::string>{"H0206"})) << d->rendered();
}

TEST(Parser, RustPrecedenceCorners) {
  EXPECT_EQ(expr("a as u32 as u64"), "(as (as a u32) u64)");
  EXPECT_EQ(expr("-x.abs()"), "(- (method x abs))");
  EXPECT_EQ(expr("&mut x[i]"), "(&mut (index x i))");
  EXPECT_EQ(expr("x as usize > y"), "(> (as x usize) y)");
  EXPECT_EQ(expr("(x as usize) < y"), "(< (paren (as x usize)) y)");
  EXPECT_EQ(expr("!a && b"), "(&& (! a) b)");
  EXPECT_EQ(expr("*a.b[1]"), "(* (index (field a b) 1))");
  EXPECT_EQ(expr("a - -b"), "(- a (- b))");
  EXPECT_EQ(expr("a & &b"), "(& a (& b))");
  EXPECT_EQ(expr("x = y += 1"), "(= x (+= y 1))");
  EXPECT_EQ(expr("a..b == c"), "(.. a (== b c))");
  EXPECT_EQ(expr("for i in a..b { }"), "(for i (.. a b) (block))");
  EXPECT_EQ(expr("for i in (0..n).step_by(2).rev() { }"),
            "(for i (method (method (paren (.. 0 n)) step_by 2) rev) (block))");
  EXPECT_EQ(expr("'a: loop { break 'a 5; }"), "(loop 'a (block (semi (break 'a 5))))");
  EXPECT_EQ(expr("'b: { if c { break 'b 1; } 2 }"),
            "('b (block (expr (if c (block (semi (break 'b 1))))) 2))");
  EXPECT_EQ(expr("loop { break; }"), "(loop (block (semi (break))))");
  EXPECT_EQ(body("return; "), "(block (semi (return)))");
  EXPECT_EQ(body("if x { return }"), "(block (if x (block (return))))");
  // Struct literals are not allowed in conditions/scrutinees.
  EXPECT_EQ(expr("if a == S { x }"), "(if (== a S) (block x))");
  EXPECT_EQ(expr("while x < N { }"), "(while (< x N) (block))");
  EXPECT_EQ(expr("match s { _ => 1 }"), "(match s (arm _ 1))");
  EXPECT_EQ(expr("if (S { x: 1 }).x == 1 { }"),
            "(if (== (field (paren (struct S (x 1))) x) 1) (block))");
  EXPECT_EQ(expr("&x[a..b]"), "(& (index x (.. a b)))");
  EXPECT_EQ(expr("a.0 .1"), "(field (field a 0) 1)");
  EXPECT_EQ(expr("Foo::<u32>::bar(1)"), "(call Foo<u32>::bar 1)");
  EXPECT_EQ(expr("x.get_unchecked::<u32>(i)"), "(method x get_unchecked i)");
}

TEST(Parser, CastFollowedByLessThan) {
  auto c = test::compile("fn f(x: u32, y: usize) -> bool { x as usize < y }", false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0211"})) << c->rendered();
  EXPECT_EQ(c->diags.diagnostics()[0].message,
            "`<` is interpreted as a start of generic arguments for `usize`, not a comparison");
  auto d = test::compile("fn f(x: u32) -> u32 { x as u32 << 2 }", false);
  EXPECT_EQ(d->codes(), (std::vector<std::string>{"H0211"})) << d->rendered();
}

TEST(Parser, RecoveryInsideNewItems) {
  // Each broken item gets its own error; the good ones after it still parse.
  auto c = test::compile(
      "fn a() { let = 1; }\n"
      "fn b(x: u32 { }\n"
      "impl S { fn c(&self) { 1 + ; } fn d(&self) -> u32 { 2 } }\n"
      "trait T { fn e(&self) -> ; fn f(&self); }\n"
      "enum E { A(, B }\n"
      "struct Ok { x: u32 }\n"
      "fn g() -> u32 { 3 }\n",
      /*check=*/false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0204", "H0200", "H0202", "H0203", "H0203"}))
      << c->rendered();
  std::string printed = ast::printCrate(c->crate);
  EXPECT_NE(printed.find("(fn d (&self) -> u32 (block 2))"), std::string::npos) << printed;
  EXPECT_NE(printed.find("(fn f (&self))"), std::string::npos) << printed;
  EXPECT_NE(printed.find("(struct Ok (x u32))"), std::string::npos) << printed;
  EXPECT_NE(printed.find("(fn g () -> u32 (block 3))"), std::string::npos) << printed;
}

TEST(Parser, TwoBrokenFunctionsTwoErrors) {
  auto c = test::compile("fn a() { let x = 1 + ; }\nfn b() { foo(; }\nfn c() {}\n", false);
  EXPECT_EQ(c->codes(), (std::vector<std::string>{"H0202", "H0202"})) << c->rendered();
  EXPECT_NE(ast::printCrate(c->crate).find("(fn c () (block))"), std::string::npos);
}

TEST(Parser, DocCommentsDoNotBreakParsing) {
  EXPECT_EQ(items("//! crate doc\n/// item doc\nfn f(/** p */ x: u32) {\n  /// stmt doc\n  let y = x;\n}\n"
                  "/// s\nstruct S {\n  /// field\n  x: u32,\n}\nenum E {\n  /// v\n  A,\n}\n"),
            "(fn f ((x u32)) (block (let y _ x)))\n(struct S (x u32))\n(enum E A)\n");
}

TEST(Parser, ItemErrorsAreSingleAndPrecise) {
  struct Case {
    const char* src;
    std::vector<std::string> codes;
    const char* first_message;
  } cases[] = {
      {"trait T { fn a(&self) -> u32 }\nfn z() {}", {"H0200"},
       "expected `;`, `{` or `where`, found `}`"},
      {"enum E { A B }\nfn z() {}", {"H0200"}, "expected `,` or `}`, found identifier `B`"},
      {"mod m { fn f( }\nfn z() {}", {"H0204"}, "expected pattern, found `}`"},
      {"impl S { const C: u32 = ; fn g() {} }\nfn z() {}", {"H0202"},
       "expected expression, found `;`"},
      {"struct S<T { x: T }\nfn z() {}", {"H0200"}, "expected `>`, found `{`"},
  };
  for (const auto& k : cases) {
    auto c = test::compile(k.src, false);
    EXPECT_EQ(c->codes(), k.codes) << k.src << "\n" << c->rendered();
    if (!c->diags.diagnostics().empty())
      EXPECT_EQ(c->diags.diagnostics()[0].message, k.first_message) << k.src;
    // The item after the broken one is still parsed.
    EXPECT_NE(ast::printCrate(c->crate).find("(fn z () (block))"), std::string::npos) << k.src;
  }
}
