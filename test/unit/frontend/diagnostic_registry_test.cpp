// Every registered diagnostic kind must be produced by some input. This test is
// table-driven (one snippet per kind) so that it holds when each test runs in
// its own process (ctest + gtest_discover_tests).
#include <gtest/gtest.h>

#include <map>

#include "test_util.h"

using namespace hematite;
using DK = DiagnosticKind;

namespace {

// A snippet that produces the kind (run through lex + parse + check).
const std::map<DK, const char*>& snippets() {
  static const std::map<DK, const char*> table = {
      // FileNotReadable is produced by loading a missing file (special-cased below).
      {DK::UnknownToken, "fn f() { let x = 1 ` 2; }"},
      {DK::UnterminatedBlockComment, "fn f() {} /* open"},
      {DK::UnterminatedString, "fn f() { let s = \"open; }"},
      {DK::UnterminatedChar, "fn f() { let c = '%"},
      {DK::EmptyChar, "fn f() { let c = ''; }"},
      {DK::UnknownEscape, "fn f() { let c = '\\q'; }"},
      {DK::InvalidNumberSuffix, "fn f() { let x = 1u7; }"},
      {DK::NoDigits, "fn f() { let x = 0x; }"},
      {DK::InvalidDigit, "fn f() { let x = 0b102; }"},
      {DK::IntegerTooLarge, "fn f() { let x = 99999999999999999999; }"},
      {DK::UnterminatedRawString, "fn f() { let s = r#\"open"},
      {DK::CharTooLong, "fn f() { let c = 'ab'; }"},
      {DK::NonAsciiInByteLiteral, "fn f() { let b = b'\xC3\xA9'; }"},
      {DK::InvalidUnicodeEscape, "fn f() { let c = '\\u{110000}'; }"},
      {DK::EmptyExponent, "fn f() { let x = 1e+; }"},
      {DK::InvalidFloatBase, "fn f() { let x = 0x1f32; let y = 0b1f64; }"},
      {DK::ExpectedToken, "fn f() { let x = 1 }\nfn g( {}"},
      {DK::ExpectedItem, "42"},
      {DK::ExpectedExpression, "fn f() { let x = ; }"},
      {DK::ExpectedType, "fn f(x: ) {}"},
      {DK::ExpectedPattern, "fn f() { let + = 1; }"},
      {DK::ChainedComparison, "fn f(a: u32) -> bool { 1 < a < 3 }"},
      {DK::UnsupportedSyntax, "fn f() { if let Some(x) = y {} }"},
      {DK::UnclosedDelimiter, "fn f() {"},
      {DK::NestingTooDeepToParse, "fn f() -> u32 { ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) }"},
      {DK::CastFollowedByLt, "fn f(x: u32, y: usize) -> bool { x as usize < y }"},
      {DK::Unsupported, "fn f() { let c = |x: u32| x; }"},
      {DK::GenericArgCount, "struct P<T> { x: T } fn f(p: P<u32, f32>) {}"},
      {DK::RecursiveType, "struct S { s: S }"},
      {DK::ExpectedTypeFoundTrait, "trait T {} fn f(x: T) {}"},
      {DK::UnresolvedTrait, "fn f<T: Nope>(x: T) {}"},
      {DK::InherentImplForeignType, "impl u32 { fn f(self) {} }"},
      {DK::TraitMethodMismatch, "trait T { fn f(&self); } struct S; impl T for S { fn f(&self, x: u32) {} }"},
      {DK::NotATraitMember, "trait T {} struct S; impl T for S { fn g(&self) {} }"},
      {DK::MissingTraitItems, "trait T { fn f(&self); } struct S; impl T for S {}"},
      {DK::ConflictingImpls, "trait T {} struct S; impl T for S {} impl T for S {}"},
      {DK::SelfOutsideImpl, "fn f(self) {}"},
      {DK::Recursion, "fn f(n: u32) -> u32 { if n == 0 { 0 } else { f(n - 1) } }"},
      {DK::BorrowImmutable, "fn g(x: &mut u32) {} fn f() { let x = 1; g(&mut x); }"},
      {DK::CannotDeref, "fn f(x: u32) { let y = *x; }"},
      {DK::MissingFields, "struct P { x: f32, y: f32 } fn f() { let p = P { x: 1.0 }; }"},
      {DK::MacroFormat, "fn f(x: u32) { panic!(\"{} {}\", x); }"},
      {DK::BreakWithValue, "fn f() { while true { break 1; } }"},
      {DK::TraitNotImplemented, "trait T {} fn g<X: T>(x: X) {} fn f() { g(1u32); }"},
      {DK::AmbiguousNumericType, "fn f() { let x = 2.0.sqrt(); }"},
      {DK::InvalidRangePattern, "fn f(x: u32) { match x { 5..=1 => {} _ => {} } }"},
      {DK::PatternFieldCount, "struct P(u32, u32); fn f(p: P) { let P(a) = p; }"},
      {DK::RefutablePattern, "fn f(x: (u32, u32)) { let (1, y) = x; }"},
      {DK::NonExhaustiveMatch, "enum E { A, B } fn f(e: E) -> u32 { match e { E::A => 1 } }"},
      {DK::UseAfterMove, "struct P { x: f32 } fn g(p: P) {} fn f() { let p = P { x: 1.0 }; g(p); g(p); }"},
      {DK::UseWhileBorrowed, "fn f() { let mut x = 1u32; let r = &mut x; let y = x; *r = 2; }"},
      {DK::PrivateItem, "mod m { fn hidden() {} } fn f() { m::hidden(); }"},
      {DK::UseOfUninitialized, "fn f(c: bool) -> u32 { let x: u32; if c { x = 1; } x }"},
      {DK::ConflictingBorrow, "struct C { a: u32 } fn h(x: &mut u32, y: &u32) {} fn f() { let mut c = C { a: 1 }; h(&mut c.a, &c.a); }"},
      {DK::PatternMissingFields, "struct P { x: f32, y: f32 } fn f(p: P) -> f32 { let P { x } = p; x }"},
      {DK::NestingTooDeep, "fn f() -> u32 { 1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1 }"},
      {DK::DoubleMutableBorrow, "fn g(a: &mut u32, b: &mut u32) {} fn f() { let mut x = 1; g(&mut x, &mut x); }"},
      {DK::MismatchedTypes, "fn f(x: u32) { let y: f32 = x; }"},
      {DK::UnresolvedValue, "fn f() { let a = foo; }"},
      {DK::UnresolvedFunction, "fn f() { foo(); }"},
      {DK::UnresolvedType, "fn f(x: Foo) {}"},
      {DK::UnresolvedImport, "use gpu::nope;"},
      {DK::DuplicateDefinition, "fn f() {} fn f() {}"},
      {DK::ArgumentCount, "fn g(a: u32) {} fn f() { g(); }"},
      {DK::AssignToImmutable, "fn f() { let x = 1; x = 2; }"},
      {DK::AssignThroughSharedRef, "fn f(x: &[f32]) { x[0] = 1.0; }"},
      {DK::InvalidAssignTarget, "fn f() { 1 = 2; }"},
      {DK::BinaryOpType, "fn f(a: bool) { let c = a + a; }"},
      {DK::UnaryOpType, "fn f(a: u32) { let c = -a; }"},
      {DK::InvalidCast, "fn f(a: f32) { let c = a as bool; }"},
      {DK::NotIndexable, "fn f(a: u32) { let c = a[0]; }"},
      {DK::NoMethod, "fn f(a: &[u32]) { a.first(); }"},
      {DK::NoField, "fn f(a: &[u32]) { let n = a.len; }"},
      {DK::BreakOutsideLoop, "fn f() { break; }"},
      {DK::KernelReturnType, "use gpu::*; #[kernel] pub fn k() -> u32 { 0 }"},
      {DK::KernelParamType, "use gpu::*; #[kernel] pub fn k(x: ()) {}"},
      {DK::KernelNotPublic, "use gpu::*; #[kernel] fn k() {}"},
      {DK::NotCallable, "fn f() { let x = 1; x(); }"},
      {DK::UnknownAttribute, "#[frobnicate] fn k() {}"},
      {DK::MalformedKernelAttribute, "use gpu::*; #[kernel(max_threads = 0)] pub fn k() {}"},
      {DK::LiteralOutOfRange, "fn f() { let x: u8 = 256; }"},
      {DK::UnresolvedIntrinsic, "fn f() { gpu::nope(); }"},
      {DK::ExpectedValueFoundType, "fn f() { let x = u32; }"},
      {DK::TypeAnnotationsNeeded, "fn f() { let x; }"},
  };
  return table;
}

// Kinds that lex/parse/check cannot produce (driver, code generation): name ->
// the test that produces them. Keyed by name so this file compiles whatever the
// .def holds. Each entry must name a real test (lit or gtest) that checks the code.
const std::map<std::string, const char*>& exercisedElsewhere() {
  static const std::map<std::string, const char*> table = {
      {"ModuleFileNotFound", "test/lit/parse/mod-not-found.rs"},
      {"ModuleFileAmbiguous", "test/lit/parse/mod-ambiguous.rs"},
      {"CircularModules", "test/lit/parse/mod-circular.rs"},
      {"NoTarget", "test/lit/driver/no-target.rs"},
      {"UnknownTarget", "test/lit/driver/unknown-target.rs"},
      {"EmitNotForTarget", "test/lit/driver/emit-not-for-target.rs"},
      {"CannotWriteOutput", "test/lit/driver/cannot-write-output.rs"},
      {"TargetCodegenFailed", "test/lit/driver/codegen-failed.mlir"},
      {"InvalidHmModule", "test/lit/driver/invalid-hm-module.mlir"},
      {"LoweringFailed", "test/lit/driver/lowering-failed.rs"},
      {"EmitNeedsOneTarget", "test/lit/driver/multi-target.rs"},
      {"DuplicateTarget", "test/lit/driver/multi-target.rs"},
      {"DepfileNeedsPath", "test/lit/driver/depfile.rs"},
      {"LaunchHeaderFailed", "test/lit/driver/launch-header-failed.mlir"},
  };
  return table;
}

std::vector<DK> allKinds() {
  std::vector<DK> out;
  for (size_t i = 0; i < kNumDiagnosticKinds; ++i) out.push_back(DK(i));
  return out;
}

}  // namespace

TEST(DiagnosticRegistry, CodesAreUniqueAndWellFormed) {
  std::set<std::string> codes;
  for (DK k : allKinds()) {
    const auto& info = diagnosticKindInfo(k);
    std::string code = info.code;
    EXPECT_EQ(code.size(), 5u) << info.name;
    EXPECT_EQ(code[0], 'H') << info.name;
    EXPECT_TRUE(codes.insert(code).second) << "duplicate code " << code;
    EXPECT_NE(std::string(info.format), "") << info.name;
  }
}

TEST(DiagnosticRegistry, EveryKindIsExercised) {
  for (DK k : allKinds()) {
    const auto& info = diagnosticKindInfo(k);
    if (k == DK::FileNotReadable) {
      SourceManager sm;
      DiagnosticEngine diags;
      std::string err;
      std::string path = "/nonexistent/hematite/missing.rs";
      if (!sm.loadFile(path, &err)) diags.report(DK::FileNotReadable, Span{}, {path, err});
      EXPECT_TRUE(diags.has(k)) << info.name;
      continue;
    }
    if (auto e = exercisedElsewhere().find(info.name); e != exercisedElsewhere().end()) {
      // The named test must exist and check for the code in a CHECK line.
      std::string path = std::string(HEMATITE_SOURCE_DIR) + "/" + e->second;
      SourceManager sm;
      std::string err;
      auto id = sm.loadFile(path, &err);
      if (!id) {
        ADD_FAILURE() << info.code << " " << info.name << ": exercisedElsewhere() names "
                      << e->second << ", which cannot be read: " << err;
        continue;
      }
      std::string_view text = sm.buffer(*id).text();
      bool checked = false;
      for (size_t pos = 0; pos < text.size();) {
        size_t eol = text.find('\n', pos);
        std::string_view line = text.substr(pos, eol == std::string_view::npos ? eol : eol - pos);
        if (line.find("CHECK") != std::string_view::npos &&
            line.find(std::string("error[") + info.code + "]") != std::string_view::npos)
          checked = true;
        if (eol == std::string_view::npos) break;
        pos = eol + 1;
      }
      EXPECT_TRUE(checked) << info.code << " " << info.name << ": " << e->second
                           << " has no CHECK line for error[" << info.code << "]";
      continue;
    }
    auto it = snippets().find(k);
    if (it == snippets().end()) {
      ADD_FAILURE() << "diagnostic " << info.code << " " << info.name
                    << " has no snippet in diagnostic_registry_test.cpp (add one to snippets(), "
                       "or name the test that produces it in exercisedElsewhere())";
      continue;
    }
    auto c = test::compile(it->second);
    EXPECT_TRUE(c->has(k)) << info.code << " " << info.name << " not produced by:\n"
                           << it->second << "\n"
                           << c->rendered();
    // Rendering any diagnostic never crashes and names the code.
    EXPECT_NE(c->rendered().find(info.code), std::string::npos);
  }
}

TEST(DiagnosticRegistry, DocumentedInDocsDiagnosticsMd) {
  std::string path = std::string(HEMATITE_SOURCE_DIR) + "/docs/diagnostics.md";
  SourceManager sm;
  std::string err;
  auto id = sm.loadFile(path, &err);
  ASSERT_TRUE(id.has_value()) << path << ": " << err;
  std::string_view doc = sm.buffer(*id).text();
  for (DK k : allKinds()) {
    const auto& info = diagnosticKindInfo(k);
    EXPECT_NE(doc.find(std::string("## ") + info.code), std::string_view::npos)
        << info.code << " " << info.name << " is not documented in docs/diagnostics.md";
  }
}
