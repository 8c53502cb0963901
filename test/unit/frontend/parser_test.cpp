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
            "(fn g<..> ((x T)) -> T (block x))\n");
  EXPECT_EQ(items("impl Foo { fn a(&self) {} } enum E { A, B } mod m; trait T {}"),
            "(unsupported `impl` blocks Foo)\n(unsupported enums E)\n(unsupported modules m)\n"
            "(unsupported traits T)\n");
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
