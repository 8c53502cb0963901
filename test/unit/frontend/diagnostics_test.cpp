#include <gtest/gtest.h>

#include "test_util.h"

using namespace hematite;

TEST(Diagnostics, FormatArguments) {
  EXPECT_EQ(formatDiagnosticMessage("a `{0}` b {1} {0}", {"x", "y"}), "a `x` b y x");
  EXPECT_EQ(formatDiagnosticMessage("missing {3}", {"x"}), "missing ");
}

TEST(Diagnostics, EngineCountsAndKeepsData) {
  DiagnosticEngine e;
  EXPECT_FALSE(e.hasErrors());
  e.report(DiagnosticKind::UnresolvedValue, Span{0, 1, 2}, {"foo"})
      .label("not found")
      .secondary(Span{0, 5, 6}, "other")
      .note("a note")
      .suggest("do this", Span{0, 1, 2}, "bar");
  EXPECT_EQ(e.errorCount(), 1u);
  const Diagnostic& d = e.diagnostics()[0];
  EXPECT_EQ(d.code, "H0302");
  EXPECT_EQ(d.message, "cannot find value `foo` in this scope");
  EXPECT_EQ(d.args, std::vector<std::string>{"foo"});
  ASSERT_EQ(d.labels.size(), 2u);
  EXPECT_TRUE(d.labels[0].primary);
  EXPECT_FALSE(d.labels[1].primary);
  EXPECT_EQ(d.helps[0].replacement, "bar");
  EXPECT_TRUE(e.has(DiagnosticKind::UnresolvedValue));
}

TEST(Diagnostics, RendersLikeRustc) {
  SourceManager sm;
  FileId f = sm.addBuffer("k.rs", "fn f() {\n    let x = 1;\n    x = 2;\n}\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::AssignToImmutable, Span{f, 28, 33}, {"x"})
      .label("cannot assign twice to immutable variable")
      .secondary(Span{f, 17, 18}, "first assignment to `x`")
      .note("a note")
      .help("consider making this binding mutable: `mut x`");
  EXPECT_EQ(renderDiagnostics(e, sm),
            "error[H0308]: cannot assign twice to immutable variable `x`\n"
            " --> k.rs:3:5\n"
            "  |\n"
            "2 |     let x = 1;\n"
            "  |         - first assignment to `x`\n"
            "3 |     x = 2;\n"
            "  |     ^^^^^ cannot assign twice to immutable variable\n"
            "  |\n"
            "  = note: a note\n"
            "  = help: consider making this binding mutable: `mut x`\n"
            "\n"
            "error: aborting due to 1 previous error\n");
}

TEST(Diagnostics, GutterWidthFollowsLineNumbers) {
  std::string src;
  for (int i = 0; i < 11; ++i) src += "\n";
  src += "fn f() { nope }\n";
  auto c = test::compile(src);
  EXPECT_EQ(c->rendered(),
            "error[H0302]: cannot find value `nope` in this scope\n"
            "  --> test.rs:12:10\n"
            "   |\n"
            "12 | fn f() { nope }\n"
            "   |          ^^^^ not found in this scope\n"
            "\n"
            "error: aborting due to 1 previous error\n");
}

TEST(Diagnostics, MultiLineSpanUnderlinesToEndOfFirstLine) {
  SourceManager sm;
  FileId f = sm.addBuffer("m.rs", "ab cd\nef\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::Unsupported, Span{f, 3, 8}, {"x"});
  std::string r = renderDiagnostic(e.diagnostics()[0], sm);
  EXPECT_NE(r.find("1 | ab cd\n  |    ^^\n"), std::string::npos) << r;
}

TEST(Diagnostics, ColorAlways) {
  auto c = test::compile("fn f() { nope }");
  std::string plain = renderDiagnostics(c->diags, c->sources, Color::Never);
  std::string color = renderDiagnostics(c->diags, c->sources, Color::Always);
  EXPECT_EQ(plain.find("\x1b["), std::string::npos);
  EXPECT_NE(color.find("\x1b[1;31merror[H0302]\x1b[0m"), std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[1;34m"), std::string::npos);
  // Stripping the escapes gives the plain text back.
  std::string stripped;
  for (size_t i = 0; i < color.size(); ++i) {
    if (color[i] == '\x1b') {
      while (i < color.size() && color[i] != 'm') ++i;
      continue;
    }
    stripped += color[i];
  }
  EXPECT_EQ(stripped, plain);
}

TEST(Diagnostics, SummaryPluralAndNoErrors) {
  auto c = test::compile("fn f() { a; b; }");
  EXPECT_NE(c->rendered().find("error: aborting due to 2 previous errors\n"), std::string::npos);
  auto ok = test::compile("fn f() {}");
  EXPECT_EQ(ok->rendered(), "");
}
