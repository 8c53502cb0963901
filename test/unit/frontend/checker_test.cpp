#include <gtest/gtest.h>

#include "test_util.h"

using namespace hematite;
using check::ExprKind;
using check::TypeKind;

namespace {

// Checks `src`, expecting no diagnostics; returns the checked dump.
std::string ok(const std::string& src) {
  auto c = test::compile(src);
  EXPECT_FALSE(c->diags.hasErrors()) << src << "\n" << c->rendered();
  return check::printChecked(c->program);
}

// The checked body of the only function in `fn f(...) { <body> }`.
std::string okBody(const std::string& params, const std::string& body) {
  std::string s = ok("fn f(" + params + ") {" + body + "}");
  size_t at = s.find("-> () ");
  return at == std::string::npos ? s : s.substr(at + 6, s.size() - at - 6 - 2);
}

std::vector<std::string> codes(const std::string& src) { return test::compile(src)->codes(); }

}  // namespace

TEST(Checker, LiteralInferenceDefaults) {
  EXPECT_EQ(okBody("", "let x = 5; let y = 2.5;"),
            "(block (let x#0:i32 5:i32) (let y#1:f64 2.5:f64) :())");
}

TEST(Checker, LiteralInferenceFromAnnotationAndUse) {
  EXPECT_EQ(okBody("", "let x: u32 = 5;"), "(block (let x#0:u32 5:u32) :())");
  // A literal's type flows backwards from a later use.
  EXPECT_EQ(okBody("", "let a = 1; let b: u8 = a;"),
            "(block (let a#0:u8 1:u8) (let b#1:u8 a#0:u8) :())");
  EXPECT_EQ(okBody("x: u64", "let y = x + 1;"),
            "(block (let y#1:u64 (+ x#0:u64 1:u64 :u64)) :())");
  EXPECT_EQ(okBody("x: u64", "let y = 1 + x;"),
            "(block (let y#1:u64 (+ 1:u64 x#0:u64 :u64)) :())");
  EXPECT_EQ(okBody("y: &mut [f32], i: usize", "y[i] = 2.0;"),
            "(block (= (index y#0:&mut [f32] i#1:usize :f32) 2.0:f32) :())");
  EXPECT_EQ(okBody("y: &[f32]", "let z = y[0];"),
            "(block (let z#1:f32 (index y#0:&[f32] 0:usize :f32)) :())");
  // Shifts: the right operand is independent.
  EXPECT_EQ(okBody("x: u8", "let s = x << 3;"),
            "(block (let s#1:u8 (<< x#0:u8 3:i32 :u8)) :())");
  // Negative literals are folded.
  EXPECT_EQ(okBody("", "let n: i8 = -128;"), "(block (let n#0:i8 -128:i8) :())");
  // Casts hint literals of their own family.
  EXPECT_EQ(okBody("", "let c = 300 as u64;"), "(block (let c#0:u64 (as 300:u64 :u64)) :())");
  EXPECT_EQ(okBody("", "let c = 3 as f32;"), "(block (let c#0:f32 (as 3:i32 :f32)) :())");
  EXPECT_EQ(okBody("", "let m = u32::MAX; let k = i8::MIN;"),
            "(block (let m#0:u32 4294967295:u32) (let k#1:i8 -128:i8) :())");
  EXPECT_EQ(okBody("", "let b = b'a';"), "(block (let b#0:u8 97:u8) :())");
}

TEST(Checker, ShadowingAndScopes) {
  EXPECT_EQ(okBody("", "let x = 1u8; let x = x as f32; { let x = true; } let y = x;"),
            "(block (let x#0:u8 1:u8) (let x#1:f32 (as x#0:u8 :f32)) "
            "(block (let x#2:bool true) :()) (let y#3:f32 x#1:f32) :())");
}

TEST(Checker, IfElseAsExpressionAndLoops) {
  EXPECT_EQ(okBody("c: bool", "let v = if c { 1u16 } else { 2 };"),
            "(block (let v#1:u16 (if c#0:bool (block 1:u16 :u16) (block 2:u16 :u16) :u16)) :())");
  EXPECT_EQ(okBody("n: u32", "let mut i = 0; while i < n { i += 1; if i == 5 { break; } continue; }"),
            "(block (let mut i#1:u32 0:u32) (while#0 (< i#1:u32 n#0:u32 :bool) (block (+= i#1:u32 "
            "1:u32) (if (== i#1:u32 5:u32 :bool) (block (break#0) :!) :()) (continue#0) :!)) :())");
  EXPECT_EQ(okBody("", "let r = loop { break 7u8; };"),
            "(block (let r#0:u8 (loop#0 (block (break#0 7:u8) :!) :u8)) :())");
  EXPECT_EQ(okBody("n: usize", "let mut s = 0; for i in 0..n { s += i; } for j in 1..=3 { }"),
            "(block (let mut s#1:usize 0:usize) (for#0 i#2:usize .. 0:usize n#0:usize (block "
            "(+= s#1:usize i#2:usize) :())) (for#1 j#3:i32 ..= 1:i32 3:i32 (block :())) :())");
  EXPECT_EQ(okBody("", "'a: loop { loop { break 'a; } }"),
            "(block (loop#0 (block (loop#1 (block (break#0) :!) :!) :!) :()) :())");
}

TEST(Checker, FunctionsCallsAndReturn) {
  std::string s = ok(
      "fn main_like() -> f32 { helper(2, 3.0) }\n"
      "fn helper(a: u32, b: f32) -> f32 { if a == 0 { return 0.0; } b * a as f32 }\n");
  EXPECT_EQ(s,
            "(fn main_like () -> f32 (block (call helper 2:u32 3.0:f32 :f32) :f32))\n"
            "(fn helper (a#0:u32 b#1:f32) -> f32 (block (if (== a#0:u32 0:u32 :bool) (block "
            "(return 0.0:f32) :!) :()) (* b#1:f32 (as a#0:u32 :f32) :f32) :f32))\n");
  // A body ending in `return` is fine.
  ok("fn g() -> u32 { return 5; }");
  // &mut [T] coerces to &[T].
  ok("fn sum(x: &[f32]) -> f32 { x[0] } fn k(y: &mut [f32]) { let s = sum(y); y[0] = s; }");
}

TEST(Checker, Intrinsics) {
  EXPECT_EQ(okBody("", "let a = gpu::thread_idx_x(); let b = gpu::global_idx_y(); gpu::sync_threads();"),
            "(block (let a#0:u32 (gpu.thread_idx_x :u32)) (let b#1:usize (gpu.global_idx_y :usize)) "
            "(gpu.sync_threads :()) :())");
  ok("use gpu::{block_dim_x, block_idx_x as bx};\nfn f() -> u32 { bx() * block_dim_x() }");
  ok("use gpu::grid_dim_z; fn f() -> u32 { grid_dim_z() }");
  auto c = test::compile("use gpu::*; fn f() -> usize { global_idx_z() }");
  ASSERT_FALSE(c->diags.hasErrors());
  const auto& body = *c->program.functions[0].body;
  ASSERT_EQ(body.kind, ExprKind::Block);
  const auto& tail = *body.block->tail;
  EXPECT_EQ(tail.kind, ExprKind::IntrinsicCall);
  EXPECT_EQ(tail.intrinsic, check::Intrinsic::GlobalIdxZ);
  EXPECT_EQ(check::intrinsicDimension(tail.intrinsic), 2u);
  EXPECT_EQ(tail.type->kind(), TypeKind::Usize);
}

TEST(Checker, KernelMetadata) {
  auto c = test::compile("use gpu::*; #[kernel(max_threads = 256)]\npub fn k(n: u32, mut x: &mut [i64]) {}");
  ASSERT_FALSE(c->diags.hasErrors()) << c->rendered();
  const auto& f = c->program.functions[0];
  EXPECT_TRUE(f.is_kernel);
  EXPECT_EQ(f.max_threads, 256u);
  ASSERT_EQ(f.params.size(), 2u);
  EXPECT_EQ(f.param(0).name, "n");
  EXPECT_EQ(f.param(0).type->kind(), TypeKind::U32);
  EXPECT_TRUE(f.param(1).is_mutable);
  EXPECT_TRUE(f.param(1).type->isSlice());
  EXPECT_TRUE(f.param(1).type->isMutable());
  EXPECT_EQ(f.param(1).type->element()->kind(), TypeKind::I64);
  EXPECT_EQ(f.return_type->kind(), TypeKind::Unit);
}

TEST(Checker, MismatchedTypes) {
  auto c = test::compile("fn f(x: u32) { let y: f32 = x; }");
  EXPECT_EQ(c->rendered(),
            "error[H0301]: mismatched types\n"
            " --> test.rs:1:29\n"
            "  |\n"
            "1 | fn f(x: u32) { let y: f32 = x; }\n"
            "  |                       ---   ^ expected `f32`, found `u32`\n"
            "  |                       |\n"
            "  |                       expected due to this\n"
            "\n"
            "error: aborting due to 1 previous error\n");
  EXPECT_EQ(codes("fn f() { let y: u32 = 2.0; }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(test::compile("fn f() { let y: u32 = 2.0; }")->diags.diagnostics()[0].labels[0].message,
            "expected `u32`, found floating-point number");
  EXPECT_EQ(codes("fn f(x: f32) { let y = x + 1; }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f(x: u32) { if x { } }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f(c: bool) -> u32 { if c { 1 } else { 2.0 } }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f(y: &[f32], i: u32) -> f32 { y[i] }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f() -> u32 { }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f() -> u32 { return; }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn g(a: u8) {} fn f() { g(true); }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f(c: bool) { if c { 1 } }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f(x: &[f32]) { let y: &mut [f32] = x; }"), std::vector<std::string>{"H0301"});
  EXPECT_EQ(codes("fn f() { for i in 0.0..1.0 { } }"), std::vector<std::string>{"H0301"});
}

TEST(Checker, UnresolvedNames) {
  auto c = test::compile("fn f() { let a = foo; }");
  EXPECT_EQ(c->codes(), std::vector<std::string>{"H0302"});
  EXPECT_EQ(c->diags.diagnostics()[0].message, "cannot find value `foo` in this scope");
  EXPECT_EQ(codes("fn f() { bar(); }"), std::vector<std::string>{"H0303"});
  // Intrinsic without import: error with a help to import it.
  auto d = test::compile("fn f() -> u32 { thread_idx_x() }");
  EXPECT_EQ(d->codes(), std::vector<std::string>{"H0303"});
  EXPECT_EQ(d->diags.diagnostics()[0].helps[0].message,
            "consider importing it: `use gpu::thread_idx_x;`");
  EXPECT_EQ(codes("fn f(x: Foo) {}"), std::vector<std::string>{"H0304"});
  EXPECT_EQ(codes("use gpu::nope; use foo::bar; use gpu::x::*;"),
            (std::vector<std::string>{"H0305", "H0305", "H0305"}));
  EXPECT_EQ(codes("fn f() { gpu::warp_shuffle_magic(); }"), std::vector<std::string>{"H0325"});
  EXPECT_EQ(codes("fn f() { let x = u32; }"), std::vector<std::string>{"H0326"});
  EXPECT_EQ(codes("fn f() { let x = 1; x(); }"), std::vector<std::string>{"H0321"});
  // Scopes end.
  EXPECT_EQ(codes("fn f() { { let x = 1; } let y = x; }"), std::vector<std::string>{"H0302"});
}

TEST(Checker, Definitions) {
  EXPECT_EQ(codes("fn f() {} fn f() {}"), std::vector<std::string>{"H0306"});
  EXPECT_EQ(codes("fn f(a: u32, a: u32) {}"), std::vector<std::string>{"H0306"});
  EXPECT_EQ(codes("fn g(a: u32) {} fn f() { g(1, 2); }"), std::vector<std::string>{"H0307"});
  EXPECT_EQ(test::compile("fn g(a: u32) {} fn f() { g(1, 2); }")->diags.diagnostics()[0].message,
            "this function takes 1 argument but 2 arguments were supplied");
  EXPECT_EQ(codes("fn f() { let x; }"), std::vector<std::string>{"H0327"});
}

TEST(Checker, Mutability) {
  auto c = test::compile("fn f() { let x = 1; x = 2; }");
  EXPECT_EQ(c->codes(), std::vector<std::string>{"H0308"});
  const auto& d = c->diags.diagnostics()[0];
  ASSERT_EQ(d.helps.size(), 1u);
  EXPECT_EQ(d.helps[0].message, "consider making this binding mutable: `mut x`");
  EXPECT_EQ(d.helps[0].replacement, "mut x");
  EXPECT_EQ(codes("fn f(n: u32) { n += 1; }"), std::vector<std::string>{"H0308"});
  auto s = test::compile("fn f(x: &[f32]) { x[0] = 1.0; }");
  EXPECT_EQ(s->codes(), std::vector<std::string>{"H0309"});
  EXPECT_EQ(s->diags.diagnostics()[0].message,
            "cannot assign to `x[_]`, which is behind a `&` reference");
  EXPECT_EQ(s->diags.diagnostics()[0].helps[0].message,
            "consider changing this to be a mutable slice: `&mut [f32]`");
  EXPECT_EQ(codes("fn f() { 1 = 2; }"), std::vector<std::string>{"H0310"});
  ok("fn f(mut n: u32, y: &mut [u32]) { n += 1; y[0] = n; let z: u32; z = 3; }");
}

TEST(Checker, OperatorsAndCasts) {
  EXPECT_EQ(codes("fn f(a: bool, b: bool) { let c = a + b; }"), std::vector<std::string>{"H0311"});
  EXPECT_EQ(codes("fn f(a: f32) { let c = a << 1; }"), std::vector<std::string>{"H0311"});
  EXPECT_EQ(codes("fn f(a: u32) { let c = -a; }"), std::vector<std::string>{"H0312"});
  EXPECT_EQ(codes("fn f() { let c: u32 = -1; }"), std::vector<std::string>{"H0312"});
  EXPECT_EQ(codes("fn f() { let a = 1; let b: u8 = -a; }"), std::vector<std::string>{"H0312"});
  EXPECT_EQ(codes("fn f(a: f32) { let c = !a; }"), std::vector<std::string>{"H0312"});
  EXPECT_EQ(codes("fn f(a: f32) { let c = a as bool; }"), std::vector<std::string>{"H0313"});
  EXPECT_EQ(codes("fn f(a: u32) { let c = a[0]; }"), std::vector<std::string>{"H0314"});
  EXPECT_EQ(codes("fn f(a: &[u32]) { let c = a.first(); }"), std::vector<std::string>{"H0315"});
  EXPECT_EQ(codes("fn f(a: &[u32]) { let c = a.len; }"), std::vector<std::string>{"H0316"});
  ok("fn f(a: i32, b: bool) -> i64 { let x = (a & 3) | (a ^ 1) >> 2; let y = !b && b || !(a > 1); "
     "let z = b as u8 + !1u8; (x as i64) % 7 + y as i64 + z as i64 - -a as i64 }");
}

TEST(Checker, LiteralRange) {
  EXPECT_EQ(codes("fn f() { let x: u8 = 256; }"), std::vector<std::string>{"H0324"});
  EXPECT_EQ(codes("fn f() { let x = 2147483648; }"), std::vector<std::string>{"H0324"});
  EXPECT_EQ(codes("fn f() { let x: i8 = -129; }"), std::vector<std::string>{"H0324"});
  ok("fn f() { let a: u8 = 255; let b: i64 = -9223372036854775808; let c = 18446744073709551615u64; }");
}

TEST(Checker, LoopControlOutsideLoops) {
  EXPECT_EQ(codes("fn f() { break; }"), std::vector<std::string>{"H0317"});
  EXPECT_EQ(codes("fn f() { continue; }"), std::vector<std::string>{"H0317"});
  EXPECT_EQ(codes("fn f() { loop { break 'nope; } }"), std::vector<std::string>{"H0302"});
}

TEST(Checker, KernelRules) {
  EXPECT_EQ(codes("use gpu::*; #[kernel] pub fn k() -> u32 { 0 }"), std::vector<std::string>{"H0318"});
  EXPECT_EQ(codes("use gpu::*; #[kernel] pub fn k(x: ()) {}"), std::vector<std::string>{"H0319"});
  auto c = test::compile("use gpu::*; #[kernel] fn k() {}");
  EXPECT_EQ(c->codes(), std::vector<std::string>{"H0320"});
  EXPECT_EQ(c->diags.diagnostics()[0].helps[0].replacement, "pub ");
  EXPECT_EQ(codes("use gpu::*; #[kernel(max_threads = 0)] pub fn k() {}"), std::vector<std::string>{"H0323"});
  EXPECT_EQ(codes("use gpu::*; #[kernel(threads = 4)] pub fn k() {}"), std::vector<std::string>{"H0323"});
  EXPECT_EQ(codes("use gpu::*; #[kernel] const X: u32 = 1;"), (std::vector<std::string>{"H0323"}));
  EXPECT_EQ(codes("#[frobnicate] fn k() {}"), std::vector<std::string>{"H0322"});
  ok("#![allow(unused)]\n#[inline] #[allow(dead_code)] fn k() {}");
}

TEST(Checker, UnsupportedConstructsAreNamed) {
  struct Case {
    const char* src;
    const char* message;
  } cases[] = {
      {"fn f(x: Vec<f32>) {}", "the heap type `Vec` is not supported (yet) in Hematite kernels"},
      {"fn f(x: Box<f32>) {}", "the heap type `Box` is not supported (yet) in Hematite kernels"},
      {"fn f(x: String) {}", "the heap type `String` is not supported (yet) in Hematite kernels"},
      {"trait T {} fn f(x: &dyn T) {}", "trait objects (`dyn Trait`) is not supported (yet) in Hematite kernels"},
      {"fn f(x: u128) {}", "128-bit integers is not supported (yet) in Hematite kernels"},
      {"fn f() { let c = |x: u32| x; }", "closures is not supported (yet) in Hematite kernels"},
      {"fn f() { println!(\"hi\"); }", "the macro `println!` is not supported (yet) in Hematite kernels"},
      {"fn f() { let s = 'c'; }", "character literals is not supported (yet) in Hematite kernels"},
      {"fn f() { let s = \"str\"; }", "string literals is not supported (yet) in Hematite kernels"},
      {"fn f() { let r = 0..4; }", "ranges outside `for` loops and slice indexing is not supported (yet) in Hematite kernels"},
      {"enum E { A(u32) }", "enum variants with data is not supported (yet) in Hematite kernels"},
      {"static mut X: u32 = 0;", "`static mut` is not supported (yet) in Hematite kernels"},
  };
  for (const auto& c : cases) {
    auto comp = test::compile(c.src);
    ASSERT_TRUE(comp->diags.hasErrors()) << c.src;
    EXPECT_EQ(comp->diags.diagnostics()[0].code, "H0300") << c.src << "\n" << comp->rendered();
    EXPECT_EQ(comp->diags.diagnostics()[0].message, c.message) << c.src << "\n" << comp->rendered();
  }
}

TEST(Checker, ErrorsDoNotCascade) {
  // One unknown name used several times: one error per use, no type errors after.
  EXPECT_EQ(codes("fn f() -> u32 { let a = nope; let b = a + 1; b * a }"),
            std::vector<std::string>{"H0302"});
}

// Every prefix of a program exercising most syntax goes through all phases
// without crashing or hanging (errors are expected).
TEST(Robustness, EveryPrefixOfAProgramIsHandled) {
  std::string program =
      "#![allow(unused)]\nuse gpu::{*, thread_idx_x as tx};\n"
      "use gpu::*; #[kernel(max_threads = 128)]\npub fn k(a: f32, x: &[f32], y: &mut [f32], n: u32) {\n"
      "  let i = global_idx_x(); let mut s = 0.0f32; 'o: for j in 0..=n as usize { if j > i { "
      "break 'o; } else if j == 3 { continue; } s += x[j] * -a; }\n"
      "  while s < 1e3 { s *= 2.0; } let v = loop { break s as u64 >> 2u8; };\n"
      "  y[i % y.len()] = if v != 0 && !(v & 1 == 1) { s } else { (v as f32).max(1.0) };\n"
      "  match n { 0 => {}, 1..=9 | 11 => {}, _ => {} } let t = (1, 'c', \"s\", b\"b\", [1; 4]);\n"
      "  let c = |q: u32| q + 1; let p = P { x: 1 }; println!(\"{}\", s); unsafe { } }\n"
      "fn g<T>(x: &T) -> Vec<T> where T: Copy { /* c /* n */ */ r#\"raw\"# }\n"
      "struct P { x: u32 } impl P { fn m(&self) {} } enum E { A } const C: u8 = 0xFF; static S: i8 = -1;\n";
  for (size_t n = 0; n <= program.size(); ++n) {
    auto c = test::compile(program.substr(0, n));
    (void)renderDiagnostics(c->diags, c->sources);
    (void)check::printChecked(c->program);
  }
  // Also with every single character deleted.
  for (size_t n = 0; n < program.size(); ++n) {
    auto c = test::compile(program.substr(0, n) + program.substr(n + 1));
    (void)renderDiagnostics(c->diags, c->sources);
  }
}
