// parse::loadCrate: file modules found as rustc finds them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "frontend/parse/load_crate.h"
#include "test_util.h"

using namespace hematite;
namespace fs = std::filesystem;

namespace {

// A fresh directory tree of files for one test.
class Tree {
 public:
  explicit Tree(const std::string& name) {
    root_ = fs::temp_directory_path() /
            ("hematite-load-crate-" + name + "-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(root_, ec);
    fs::create_directories(root_);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void write(const std::string& rel, const std::string& text) {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string path(const std::string& rel) const { return (root_ / rel).generic_string(); }

  struct Result {
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Crate crate;
    std::vector<std::string> codes() const {
      std::vector<std::string> out;
      for (const auto& d : diags.diagnostics()) out.push_back(d.code);
      return out;
    }
    std::string rendered() const { return renderDiagnostics(diags, sources); }
    // files_read relative to the tree.
    std::vector<std::string> files(const Tree& t) const {
      std::vector<std::string> out;
      std::string prefix = t.root_.generic_string() + "/";
      for (const auto& f : crate.files_read)
        out.push_back(f.rfind(prefix, 0) == 0 ? f.substr(prefix.size()) : f);
      return out;
    }
  };
  std::unique_ptr<Result> load(const std::string& rel) {
    auto r = std::make_unique<Result>();
    std::string err;
    auto id = r->sources.loadFile(path(rel), &err);
    EXPECT_TRUE(id.has_value()) << err;
    if (!id) return r;
    r->crate = parse::loadCrate(r->sources, *id, r->diags);
    for (const auto& d : r->diags.diagnostics()) test::seenKinds().insert(d.kind);
    return r;
  }

 private:
  fs::path root_;
};

}  // namespace

TEST(LoadCrate, FindsFilesAsRustcDoes) {
  Tree t("rules");
  t.write("main.rs", "mod a; mod b; mod c { mod d; pub mod g { mod h; } } fn main() {}");
  t.write("a.rs", "//! a\n#![allow(unused)]\nmod e; fn fa() {} mod i { mod j; }");
  t.write("a/e.rs", "fn fe() {}");
  t.write("a/i/j.rs", "fn fj() {}");
  t.write("b/mod.rs", "mod f; fn fb() {}");
  t.write("b/f.rs", "fn ff() {}");
  t.write("c/d.rs", "fn fd() {}");
  t.write("c/g/h/mod.rs", "fn fh() {}");
  auto r = t.load("main.rs");
  EXPECT_TRUE(r->codes().empty()) << r->rendered();
  EXPECT_EQ(ast::printCrate(r->crate),
            "(mod a; #![allow(unused)] (mod e; (fn fe () (block))) (fn fa () (block)) "
            "(mod i (mod j; (fn fj () (block)))))\n"
            "(mod b; (mod f; (fn ff () (block))) (fn fb () (block)))\n"
            "(mod c (mod d; (fn fd () (block))) (pub mod g (mod h; (fn fh () (block)))))\n"
            "(fn main () (block))\n");
  EXPECT_EQ(r->files(t), (std::vector<std::string>{"main.rs", "a.rs", "a/e.rs", "a/i/j.rs",
                                                   "b/mod.rs", "b/f.rs", "c/d.rs",
                                                   "c/g/h/mod.rs"}));
  const ast::Item& a = *r->crate.items[0];
  EXPECT_FALSE(a.is_inline_mod);
  ASSERT_NE(a.mod_file, kInvalidFile);
  EXPECT_EQ(r->sources.buffer(a.mod_file).name(), t.path("a.rs"));
  // Spans of loaded items point into their own file.
  EXPECT_EQ(a.items[1]->span.file, a.mod_file);
  EXPECT_EQ(r->crate.items[2]->mod_file, kInvalidFile);  // inline
}

TEST(LoadCrate, PathAttribute) {
  Tree t("path");
  t.write("src/lib.rs", "#[path = \"other/x.rs\"] mod p; mod q { #[path = \"y.rs\"] mod r; }");
  t.write("src/other/x.rs", "mod s; fn fx() {}");
  t.write("src/other/s.rs", "fn fs() {}");  // a #[path] file looks next to itself
  t.write("src/q/y.rs", "fn fy() {}");
  auto r = t.load("src/lib.rs");
  EXPECT_TRUE(r->codes().empty()) << r->rendered();
  EXPECT_EQ(ast::printCrate(r->crate),
            "(#[path = \"other/x.rs\"] mod p; (mod s; (fn fs () (block))) (fn fx () (block)))\n"
            "(mod q (#[path = \"y.rs\"] mod r; (fn fy () (block))))\n");
  EXPECT_EQ(r->files(t), (std::vector<std::string>{"src/lib.rs", "src/other/x.rs",
                                                   "src/other/s.rs", "src/q/y.rs"}));
}

TEST(LoadCrate, MissingAmbiguousAndCircular) {
  Tree t("errors");
  t.write("main.rs", "mod missing;\nmod both;\nmod a;\n#[path = \"nope.rs\"] mod gone;\nfn ok() {}\n");
  t.write("both.rs", "");
  t.write("both/mod.rs", "");
  t.write("a.rs", "#[path = \"main.rs\"] mod again;\nfn fa() {}");
  auto r = t.load("main.rs");
  EXPECT_EQ(r->codes(), (std::vector<std::string>{"H0208", "H0209", "H0210", "H0001"}))
      << r->rendered();
  const auto& d = r->diags.diagnostics();
  EXPECT_EQ(d[0].message, "file not found for module `missing`");
  std::string text = r->rendered();
  EXPECT_NE(text.find("to create the module `missing`, create file `" + t.path("missing.rs") +
                      "` or `" + t.path("missing/mod.rs") + "`"),
            std::string::npos)
      << text;
  EXPECT_EQ(d[1].message, "file for module `both` found at both `" + t.path("both.rs") +
                              "` and `" + t.path("both/mod.rs") + "`");
  EXPECT_EQ(d[2].message, "circular modules: " + t.path("main.rs") + " -> " + t.path("a.rs") +
                              " -> " + t.path("main.rs"));
  // The rest of the crate is still there.
  std::string printed = ast::printCrate(r->crate);
  EXPECT_NE(printed.find("(mod a; (#[path = \"main.rs\"] mod again;) (fn fa () (block)))"),
            std::string::npos)
      << printed;
  EXPECT_NE(printed.find("(fn ok () (block))"), std::string::npos) << printed;
}

TEST(LoadCrate, SyntaxErrorsInSeveralFiles) {
  Tree t("syntax");
  t.write("main.rs", "mod a;\nfn f() { let = 1; }\n");
  t.write("a.rs", "fn g() { 1 + ; }\n");
  auto r = t.load("main.rs");
  EXPECT_EQ(r->codes(), (std::vector<std::string>{"H0204", "H0202"})) << r->rendered();
  EXPECT_NE(r->rendered().find("a.rs:1:14"), std::string::npos) << r->rendered();
}

TEST(LoadCrate, SameFileTwiceIsReadOnce) {
  Tree t("twice");
  t.write("main.rs", "#[path = \"x.rs\"] mod a; #[path = \"x.rs\"] mod b;");
  t.write("x.rs", "fn fx() {}");
  auto r = t.load("main.rs");
  EXPECT_TRUE(r->codes().empty()) << r->rendered();
  EXPECT_EQ(r->files(t), (std::vector<std::string>{"main.rs", "x.rs"}));
  EXPECT_EQ(r->crate.items[0]->mod_file, r->crate.items[1]->mod_file);
  EXPECT_EQ(r->crate.items[1]->items.size(), 1u);
}
