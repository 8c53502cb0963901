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

TEST(Diagnostics, MultiLineSpanDrawsRustcBrackets) {
  SourceManager sm;
  FileId f = sm.addBuffer("m.rs", "ab cd\nef\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::Unsupported, Span{f, 3, 8}, {"x"}).label("here");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0300]: x is not supported (yet) in Hematite kernels\n"
            " --> m.rs:1:4\n"
            "  |\n"
            "1 |   ab cd\n"
            "  |  ____^\n"
            "2 | | ef\n"
            "  | |__^ here\n");
}

TEST(Diagnostics, MultiLineSpanFromLineStartUsesSlash) {
  SourceManager sm;
  FileId f = sm.addBuffer("m.rs", "fn f() -> u32 {\n    if true {\n        1\n    }\n}\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::MismatchedTypes, Span{f, 20, 45})
      .label("expected `u32`, found `()`")
      .secondary(Span{f, 10, 13}, "expected `u32` because of return type");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0301]: mismatched types\n"
            " --> m.rs:2:5\n"
            "  |\n"
            "1 |   fn f() -> u32 {\n"
            "  |             --- expected `u32` because of return type\n"
            "2 | /     if true {\n"
            "3 | |         1\n"
            "4 | |     }\n"
            "  | |_____^ expected `u32`, found `()`\n");
}

TEST(Diagnostics, LongMultiLineSpanElidesTheMiddle) {
  SourceManager sm;
  std::string src = "fn f() {\n";
  for (int i = 0; i < 10; ++i) src += "    a" + std::to_string(i) + ";\n";
  src += "}\n";
  FileId f = sm.addBuffer("l.rs", src);
  DiagnosticEngine e;
  e.report(DiagnosticKind::Unsupported, Span{f, 0, uint32_t(src.size() - 1)}, {"x"}).label("body");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0300]: x is not supported (yet) in Hematite kernels\n"
            "  --> l.rs:1:1\n"
            "   |\n"
            "1  | / fn f() {\n"
            "2  | |     a0;\n"
            "3  | |     a1;\n"
            "4  | |     a2;\n"
            "...  |\n"
            "11 | |     a9;\n"
            "12 | | }\n"
            "   | |_^ body\n");
}

TEST(Diagnostics, LabelsOnOneLineStackLikeRustc) {
  SourceManager sm;
  FileId f = sm.addBuffer("t.rs", "fn f(n: u32) {\n    let v: f32 = n;\n}\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::MismatchedTypes, Span{f, 32, 33})
      .label("expected `f32`, found `u32`")
      .secondary(Span{f, 26, 29}, "expected due to this");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0301]: mismatched types\n"
            " --> t.rs:2:18\n"
            "  |\n"
            "2 |     let v: f32 = n;\n"
            "  |            ---   ^ expected `f32`, found `u32`\n"
            "  |            |\n"
            "  |            expected due to this\n");
}

TEST(Diagnostics, ThreeLabelsOnOneLine) {
  SourceManager sm;
  FileId f = sm.addBuffer("t.rs", "a + b + c\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::Unsupported, Span{f, 4, 5}, {"x"})
      .label("two")
      .secondary(Span{f, 0, 1}, "one")
      .secondary(Span{f, 8, 9}, "three");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0300]: x is not supported (yet) in Hematite kernels\n"
            " --> t.rs:1:5\n"
            "  |\n"
            "1 | a + b + c\n"
            "  | -   ^   - three\n"
            "  | |   |\n"
            "  | |   two\n"
            "  | one\n");
  // Unlabeled marks need no room of their own.
  DiagnosticEngine u;
  u.report(DiagnosticKind::Unsupported, Span{f, 4, 5}, {"x"})
      .label("two")
      .secondary(Span{f, 0, 1}, "");
  EXPECT_NE(renderDiagnostic(u.diagnostics()[0], sm).find("1 | a + b + c\n  | -   ^ two\n"),
            std::string::npos);
}

TEST(Diagnostics, GapsBetweenLines) {
  SourceManager sm;
  FileId f = sm.addBuffer("g.rs", "l1\nl2\nl3\nl4\nl5\nl6\nl7\n");
  DiagnosticEngine e;
  // Lines 1 and 3: the single line between is shown; 3 and 7: `...`.
  e.report(DiagnosticKind::Unsupported, Span{f, 6, 8}, {"x"})
      .label("three")
      .secondary(Span{f, 0, 2}, "one")
      .secondary(Span{f, 18, 20}, "seven");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0300]: x is not supported (yet) in Hematite kernels\n"
            " --> g.rs:3:1\n"
            "  |\n"
            "1 | l1\n"
            "  | -- one\n"
            "2 | l2\n"
            "3 | l3\n"
            "  | ^^ three\n"
            "...\n"
            "7 | l7\n"
            "  | -- seven\n");
}

TEST(Diagnostics, SecondaryLabelInAnotherFile) {
  SourceManager sm;
  FileId a = sm.addBuffer("a.rs", "x\n");
  FileId b = sm.addBuffer("b.rs", "y\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::Unsupported, Span{a, 0, 1}, {"x"})
      .label("here")
      .secondary(Span{b, 0, 1}, "defined here");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0300]: x is not supported (yet) in Hematite kernels\n"
            " --> a.rs:1:1\n"
            "  |\n"
            "1 | x\n"
            "  | ^ here\n"
            "  |\n"
            " ::: b.rs:1:1\n"
            "  |\n"
            "1 | y\n"
            "  | - defined here\n");
}

TEST(Diagnostics, SuggestionsShowTheChangedLine) {
  SourceManager sm;
  FileId f = sm.addBuffer("k.rs", "fn f() {\n    let x = 1;\n    x = 2;\n}\n");
  DiagnosticEngine e;
  // An insertion (rustc trims the unchanged `x`): `+++` under the new text.
  e.report(DiagnosticKind::AssignToImmutable, Span{f, 28, 33}, {"x"})
      .label("cannot assign twice to immutable variable")
      .secondary(Span{f, 17, 18}, "first assignment to `x`")
      .suggest("consider making this binding mutable", Span{f, 17, 18}, "mut x");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0308]: cannot assign twice to immutable variable `x`\n"
            " --> k.rs:3:5\n"
            "  |\n"
            "2 |     let x = 1;\n"
            "  |         - first assignment to `x`\n"
            "3 |     x = 2;\n"
            "  |     ^^^^^ cannot assign twice to immutable variable\n"
            "  |\n"
            "help: consider making this binding mutable\n"
            "  |\n"
            "2 |     let mut x = 1;\n"
            "  |         +++\n");
  // A replacement: a diff of the old and the new line.
  e.report(DiagnosticKind::Unsupported, Span{f, 21, 22}, {"x"})
      .note("a note")
      .suggest("use two", Span{f, 21, 22}, "2")
      .help("a help");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[1], sm),
            "error[H0300]: x is not supported (yet) in Hematite kernels\n"
            " --> k.rs:2:13\n"
            "  |\n"
            "2 |     let x = 1;\n"
            "  |             ^\n"
            "  |\n"
            "  = note: a note\n"
            "  = help: a help\n"
            "help: use two\n"
            "  |\n"
            "2 -     let x = 1;\n"
            "2 +     let x = 2;\n"
            "  |\n");
}

TEST(Diagnostics, ChildrenKeepTheirOrder) {
  SourceManager sm;
  DiagnosticEngine e;
  e.report(DiagnosticKind::NoTarget, Span{}, {"t"}).help("h1").note("n1\nmore").help("h2");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0010]: no target given: pass --target=<target> (t)\n"
            "  |\n"
            "  = help: h1\n"
            "  = note: n1\n"
            "          more\n"
            "  = help: h2\n");
}

// -Werror and -w (the driver's WarningPolicy): a warning becomes an error with a
// note saying why, or is dropped; errors are untouched either way.
TEST(Diagnostics, WarningPolicy) {
  Diagnostic w;
  w.level = DiagnosticLevel::Warning;
  w.code = "H0999";
  w.message = "a warning";

  DiagnosticEngine asErrors;
  asErrors.setWarningPolicy(WarningPolicy::AsErrors);
  asErrors.add(w);
  EXPECT_TRUE(asErrors.hasErrors());
  EXPECT_EQ(asErrors.warningCount(), 0u);
  ASSERT_EQ(asErrors.diagnostics().size(), 1u);
  EXPECT_EQ(asErrors.diagnostics()[0].level, DiagnosticLevel::Error);
  ASSERT_EQ(asErrors.diagnostics()[0].notes.size(), 1u);
  EXPECT_EQ(asErrors.diagnostics()[0].notes[0], "warnings are errors because of -Werror");

  DiagnosticEngine ignored;
  ignored.setWarningPolicy(WarningPolicy::Ignore);
  ignored.add(w).note("added after the fact");  // the returned reference stays usable
  EXPECT_TRUE(ignored.diagnostics().empty());
  EXPECT_FALSE(ignored.hasErrors());
  ignored.report(DiagnosticKind::NoTarget, Span{}, {"t"});
  EXPECT_TRUE(ignored.hasErrors());
  EXPECT_EQ(ignored.diagnostics().size(), 1u);
}

TEST(Diagnostics, WarningsAndSummary) {
  EXPECT_EQ(summaryMessage(0, 0), "");
  EXPECT_EQ(summaryMessage(1, 0), "aborting due to 1 previous error");
  EXPECT_EQ(summaryMessage(2, 1), "aborting due to 2 previous errors; 1 warning emitted");
  EXPECT_EQ(summaryMessage(0, 3), "3 warnings emitted");
  SourceManager sm;
  FileId f = sm.addBuffer("w.rs", "let x;\n");
  DiagnosticEngine e;
  Diagnostic w;
  w.level = DiagnosticLevel::Warning;
  w.code = "H0999";
  w.message = "a warning";
  w.labels.push_back({Span{f, 4, 5}, "unused", true});
  e.add(w);
  EXPECT_EQ(e.warningCount(), 1u);
  EXPECT_FALSE(e.hasErrors());
  EXPECT_EQ(renderDiagnostics(e, sm),
            "warning[H0999]: a warning\n"
            " --> w.rs:1:5\n"
            "  |\n"
            "1 | let x;\n"
            "  |     ^ unused\n"
            "\n"
            "warning: 1 warning emitted\n");
  e.report(DiagnosticKind::NoTarget, Span{}, {"t"});
  e.report(DiagnosticKind::NoTarget, Span{}, {"t"});
  std::string r = renderDiagnostics(e, sm);
  EXPECT_NE(r.find("\nerror: aborting due to 2 previous errors; 1 warning emitted\n"),
            std::string::npos) << r;
  std::string color = renderDiagnostic(e.diagnostics()[0], sm, Color::Always);
  EXPECT_EQ(color.find("\x1b[1;33mwarning[H0999]\x1b[0m\x1b[1m: a warning\x1b[0m\n"), 0u) << color;
  EXPECT_NE(color.find("\x1b[1;33m^\x1b[0m \x1b[1;33munused\x1b[0m"), std::string::npos) << color;
}

TEST(Diagnostics, UncodedMessage) {
  SourceManager sm;
  Diagnostic d;
  d.message = "bad option";
  EXPECT_EQ(renderDiagnostic(d, sm), "error: bad option\n");
}

TEST(Diagnostics, ColumnsCountCharactersAndTabsExpand) {
  SourceManager sm;
  // `é` is two bytes; the tab displays as four columns.
  FileId f = sm.addBuffer("u.rs", "\tlet é = ü;\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::UnresolvedValue, Span{f, 10, 12}, {"ü"}).label("not found");
  EXPECT_EQ(renderDiagnostic(e.diagnostics()[0], sm),
            "error[H0302]: cannot find value `ü` in this scope\n"
            " --> u.rs:1:10\n"
            "  |\n"
            "1 |     let é = ü;\n"
            "  |             ^ not found\n");
  std::string json = renderDiagnosticJson(e.diagnostics()[0], sm);
  EXPECT_NE(json.find("\"byte_start\":10,\"byte_end\":12,\"line_start\":1,\"line_end\":1,"
                      "\"column_start\":10,\"column_end\":11,"),
            std::string::npos) << json;
  EXPECT_NE(json.find("\"text\":[{\"text\":\"\\tlet é = ü;\",\"highlight_start\":10,"
                      "\"highlight_end\":11}]"),
            std::string::npos) << json;
}

TEST(Diagnostics, JsonQuoteEscapes) {
  EXPECT_EQ(jsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(jsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(jsonQuote("\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"");
  EXPECT_EQ(jsonQuote(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(jsonQuote(std::string("nul\0!", 5)), "\"nul\\u0000!\"");
  EXPECT_EQ(jsonQuote("é ü 漢 🦀"), "\"é ü 漢 🦀\"");
  // Bytes that are not UTF-8 become U+FFFD so that the output stays JSON.
  EXPECT_EQ(jsonQuote("a\xff" "b\xc3"), "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"");
}

TEST(Diagnostics, JsonSchemaLikeRustc) {
  SourceManager sm;
  FileId f = sm.addBuffer("k.rs", "fn f() {\n    let x = 1;\n    x = 2;\n}\n");
  DiagnosticEngine e;
  e.report(DiagnosticKind::AssignToImmutable, Span{f, 28, 33}, {"x"})
      .label("cannot \"assign\"")
      .secondary(Span{f, 17, 18}, "first")
      .note("n")
      .suggest("make it mutable", Span{f, 17, 18}, "mut x", Applicability::MaybeIncorrect);
  std::string json = renderDiagnosticsJson(e, sm);
  std::string rendered = renderDiagnostic(e.diagnostics()[0], sm) + "\n";
  std::string expected =
      "{\"$message_type\":\"diagnostic\",\"message\":\"cannot assign twice to immutable "
      "variable `x`\",\"code\":{\"code\":\"H0308\",\"explanation\":null},\"level\":\"error\","
      "\"spans\":["
      "{\"file_name\":\"k.rs\",\"byte_start\":28,\"byte_end\":33,\"line_start\":3,\"line_end\":3,"
      "\"column_start\":5,\"column_end\":10,\"is_primary\":true,\"text\":[{\"text\":\"    x = "
      "2;\",\"highlight_start\":5,\"highlight_end\":10}],\"label\":\"cannot \\\"assign\\\"\","
      "\"suggested_replacement\":null,\"suggestion_applicability\":null,\"expansion\":null},"
      "{\"file_name\":\"k.rs\",\"byte_start\":17,\"byte_end\":18,\"line_start\":2,\"line_end\":2,"
      "\"column_start\":9,\"column_end\":10,\"is_primary\":false,\"text\":[{\"text\":\"    let x "
      "= 1;\",\"highlight_start\":9,\"highlight_end\":10}],\"label\":\"first\","
      "\"suggested_replacement\":null,\"suggestion_applicability\":null,\"expansion\":null}],"
      "\"children\":["
      "{\"message\":\"n\",\"code\":null,\"level\":\"note\",\"spans\":[],\"children\":[],"
      "\"rendered\":null},"
      "{\"message\":\"make it mutable\",\"code\":null,\"level\":\"help\",\"spans\":["
      "{\"file_name\":\"k.rs\",\"byte_start\":17,\"byte_end\":18,\"line_start\":2,\"line_end\":2,"
      "\"column_start\":9,\"column_end\":10,\"is_primary\":true,\"text\":[{\"text\":\"    let x "
      "= 1;\",\"highlight_start\":9,\"highlight_end\":10}],\"label\":null,"
      "\"suggested_replacement\":\"mut x\",\"suggestion_applicability\":\"MaybeIncorrect\","
      "\"expansion\":null}],\"children\":[],\"rendered\":null}],"
      "\"rendered\":" + jsonQuote(rendered) + "}\n"
      "{\"$message_type\":\"diagnostic\",\"message\":\"aborting due to 1 previous error\","
      "\"code\":null,\"level\":\"error\",\"spans\":[],\"children\":[],"
      "\"rendered\":\"error: aborting due to 1 previous error\\n\\n\"}\n";
  EXPECT_EQ(json, expected);
  // The same through the format switch the driver uses; never colored.
  EXPECT_EQ(renderDiagnostics(e, sm, ErrorFormat::Json, Color::Always), expected);
  // A diagnostic without a location has no spans; rendered ends in a blank line.
  DiagnosticEngine d;
  d.report(DiagnosticKind::NoTarget, Span{}, {"t"});
  EXPECT_EQ(renderDiagnosticJson(d.diagnostics()[0], sm),
            "{\"$message_type\":\"diagnostic\",\"message\":\"no target given: pass "
            "--target=<target> (t)\",\"code\":{\"code\":\"H0010\",\"explanation\":null},"
            "\"level\":\"error\",\"spans\":[],\"children\":[],\"rendered\":\"error[H0010]: no "
            "target given: pass --target=<target> (t)\\n\\n\"}\n");
}

TEST(Diagnostics, ColorAlways) {
  auto c = test::compile("fn f() { nope }");
  std::string plain = renderDiagnostics(c->diags, c->sources, Color::Never);
  std::string color = renderDiagnostics(c->diags, c->sources, Color::Always);
  EXPECT_EQ(plain.find("\x1b["), std::string::npos);
  EXPECT_NE(color.find("\x1b[1;31merror[H0302]\x1b[0m"), std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[1;34m"), std::string::npos);
  // rustc's palette: bold message, bold blue arrow and gutter, primary marks in
  // the level's color.
  EXPECT_NE(color.find("\x1b[1m: cannot find value `nope` in this scope\x1b[0m\n"),
            std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[1;34m--> \x1b[0mtest.rs:1:10\n"), std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[1;34m1\x1b[0m \x1b[1;34m|\x1b[0m fn f() { nope }\n"),
            std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[1;31m^^^^\x1b[0m \x1b[1;31mnot found in this scope\x1b[0m"),
            std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[1;31merror\x1b[0m\x1b[1m: aborting due to 1 previous error\x1b[0m"),
            std::string::npos) << color;
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
