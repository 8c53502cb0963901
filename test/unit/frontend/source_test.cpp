#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "frontend/source/source_manager.h"
#include "test_util.h"

using namespace hematite;

TEST(SourceBuffer, LineColAndLineText) {
  SourceBuffer b("a.rs", "ab\ncd\r\n\nxyz");
  EXPECT_EQ(b.lineCount(), 4u);
  EXPECT_EQ(b.lineCol(0).line, 1u);
  EXPECT_EQ(b.lineCol(0).column, 1u);
  EXPECT_EQ(b.lineCol(4).line, 2u);
  EXPECT_EQ(b.lineCol(4).column, 2u);
  EXPECT_EQ(b.lineCol(9).line, 4u);
  EXPECT_EQ(b.lineCol(9).column, 2u);
  EXPECT_EQ(b.lineText(2), "cd");  // \r stripped
  EXPECT_EQ(b.lineText(3), "");
  EXPECT_EQ(b.lineText(4), "xyz");
  EXPECT_EQ(b.lineText(5), "");
  // Past the end maps to the end.
  EXPECT_EQ(b.lineCol(100).line, 4u);
}

TEST(SourceManager, SeveralBuffersAndSpans) {
  SourceManager sm;
  FileId a = sm.addBuffer("a.rs", "fn a() {}");
  FileId b = sm.addBuffer("b.rs", "fn bee() {}");
  EXPECT_NE(a, b);
  EXPECT_EQ(sm.text(Span{b, 3, 6}), "bee");
  EXPECT_EQ(sm.buffer(a).name(), "a.rs");
  Span m = Span::merge(Span{a, 3, 4}, Span{a, 1, 2});
  EXPECT_EQ(m.begin, 1u);
  EXPECT_EQ(m.end, 4u);
}

TEST(SourceManager, LoadFile) {
  std::string path = ::testing::TempDir() + "/hm_source_test.rs";
  {
    std::ofstream f(path);
    f << "fn main() {}\n";
  }
  SourceManager sm;
  std::string err;
  auto id = sm.loadFile(path, &err);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(sm.buffer(*id).text(), "fn main() {}\n");
  std::remove(path.c_str());
}

TEST(SourceManager, MissingFileIsACleanError) {
  SourceManager sm;
  std::string err;
  auto id = sm.loadFile("/nonexistent/dir/nope.rs", &err);
  EXPECT_FALSE(id.has_value());
  EXPECT_EQ(err, "No such file or directory");
  // A directory is unreadable too.
  auto dir = sm.loadFile("/", &err);
  EXPECT_FALSE(dir.has_value());
  EXPECT_FALSE(err.empty());
  // The driver reports it as H0001.
  DiagnosticEngine diags;
  diags.report(DiagnosticKind::FileNotReadable, Span{}, {"/nonexistent/dir/nope.rs", err});
  test::seenKinds().insert(DiagnosticKind::FileNotReadable);
  EXPECT_EQ(renderDiagnostic(diags.diagnostics()[0], sm),
            "error[H0001]: couldn't read `/nonexistent/dir/nope.rs`: " + err + "\n");
}

TEST(Examples, SaxpyChecksCleanly) {
  SourceManager sm;
  std::string err;
  auto id = sm.loadFile(std::string(HEMATITE_SOURCE_DIR) + "/examples/saxpy.rs", &err);
  ASSERT_TRUE(id.has_value()) << err;
  DiagnosticEngine diags;
  auto tokens = lex::lex(sm, *id, diags);
  auto crate = parse::parse(tokens, diags);
  auto prog = check::check(crate, diags);
  EXPECT_EQ(renderDiagnostics(diags, sm), "");
  ASSERT_EQ(prog.functions.size(), 1u);
  const auto& f = prog.functions[0];
  EXPECT_TRUE(f.is_kernel);
  EXPECT_EQ(check::printChecked(prog),
            "(fn saxpy kernel (a#0:f32 x#1:&[f32] y#2:&mut [f32]) -> () (block "
            "(let i#3:usize (gpu.global_idx_x :usize)) "
            "(if (< i#3:usize (len y#2:&mut [f32] :usize) :bool) (block "
            "(= (index y#2:&mut [f32] i#3:usize :f32) "
            "(+ (* a#0:f32 (index x#1:&[f32] i#3:usize :f32) :f32) "
            "(index y#2:&mut [f32] i#3:usize :f32) :f32)) :()) :()) :()))\n");
}
