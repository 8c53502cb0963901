#include "frontend/parse/load_crate.h"

#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

#include "frontend/lex/lexer.h"
#include "frontend/parse/parser.h"

namespace hematite::parse {

namespace fs = std::filesystem;

namespace {

// Where a module's `mod name;` declarations look for files: in `dir`, plus
// `relative` for a non-mod.rs file `dir/foo.rs` (relative = "foo").
struct ModDir {
  fs::path dir;
  std::optional<std::string> relative;
  fs::path withRelative() const { return relative ? dir / *relative : dir; }
};

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string show(const fs::path& p) { return p.lexically_normal().generic_string(); }

// The string of `#[path = "..."]`, if the item has one.
std::optional<std::string> pathAttr(const ast::Item& item) {
  for (const ast::Attribute& a : item.attrs) {
    if (a.inner || a.path.segments.size() != 1 || a.path.segments[0].ident.name != "path")
      continue;
    if (a.value && a.value->kind == ast::ExprKind::Literal &&
        a.value->literal_kind == ast::LiteralKind::Str)
      return a.value->literal.string_value;
  }
  return std::nullopt;
}

class Loader {
 public:
  Loader(SourceManager& sources, DiagnosticEngine& diags, ast::Crate& crate)
      : sources_(sources), diags_(diags), crate_(crate) {}

  void loadRoot(FileId root) {
    const std::string& name = sources_.buffer(root).name();
    fs::path path(name);
    std::string key = canonical(path);
    loaded_[key] = root;
    crate_.files_read.push_back(name);
    ast::Crate parsed = parseFile(root);
    crate_.file = root;
    crate_.inner_attrs = std::move(parsed.inner_attrs);
    crate_.items = std::move(parsed.items);
    stack_.push_back({key, name});
    // The root is a "mod-rs" file: its modules live next to it.
    loadItems(crate_.items, ModDir{path.parent_path(), std::nullopt});
    stack_.pop_back();
  }

 private:
  ast::Crate parseFile(FileId file) {
    lex::TokenizedBuffer tokens = lex::lex(sources_, file, diags_);
    return parse(tokens, diags_);
  }

  static std::string canonical(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return (ec ? p.lexically_normal() : c).generic_string();
  }

  void loadItems(std::vector<ast::ItemPtr>& items, const ModDir& here) {
    for (ast::ItemPtr& item : items) {
      if (!item || item->kind != ast::ItemKind::Mod) continue;
      if (item->is_inline_mod) {
        // Inline modules add a directory component (the `#[path]` if given).
        std::optional<std::string> attr = pathAttr(*item);
        ModDir inner{here.withRelative() / (attr ? *attr : item->name.name), std::nullopt};
        loadItems(item->items, inner);
      } else {
        loadFileModule(*item, here);
      }
    }
  }

  void loadFileModule(ast::Item& item, const ModDir& here) {
    const std::string& name = item.name.name;
    if (name.empty()) return;  // a parse error was reported
    Span at = item.span;
    fs::path file;
    ModDir child;
    if (std::optional<std::string> attr = pathAttr(item)) {
      file = here.dir / *attr;
      child = ModDir{file.parent_path(), std::nullopt};
    } else {
      fs::path base = here.withRelative();
      fs::path flat = base / (name + ".rs");
      fs::path nested = base / name / "mod.rs";
      bool has_flat = isFile(flat), has_nested = isFile(nested);
      if (has_flat && has_nested) {
        diags_.report(DiagnosticKind::ModuleFileAmbiguous, at, {name, show(flat), show(nested)})
            .help("delete or rename one of them to remove the ambiguity");
        return;
      }
      if (!has_flat && !has_nested) {
        diags_.report(DiagnosticKind::ModuleFileNotFound, at, {name})
            .help("to create the module `" + name + "`, create file `" + show(flat) + "` or `" +
                  show(nested) + "`");
        return;
      }
      if (has_flat) {
        file = flat;
        child = ModDir{base, name};
      } else {
        file = nested;
        child = ModDir{base / name, std::nullopt};
      }
    }

    std::string key = canonical(file);
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].key != key) continue;
      std::string chain;
      for (size_t j = i; j < stack_.size(); ++j) chain += show(stack_[j].shown) + " -> ";
      chain += show(file);
      diags_.report(DiagnosticKind::CircularModules, at, {chain})
          .label("this module loads `" + show(file) + "` again");
      return;
    }

    FileId id;
    if (auto it = loaded_.find(key); it != loaded_.end()) {
      id = it->second;  // the same file as a second module (as rustc allows)
    } else {
      std::string error;
      std::optional<FileId> loaded = sources_.loadFile(show(file), &error);
      if (!loaded) {
        diags_.report(DiagnosticKind::FileNotReadable, at, {show(file), error});
        return;
      }
      id = *loaded;
      loaded_[key] = id;
      crate_.files_read.push_back(sources_.buffer(id).name());
    }

    ast::Crate parsed = parseFile(id);
    item.is_inline_mod = false;
    item.mod_file = id;
    item.items = std::move(parsed.items);
    item.inner_attrs = std::move(parsed.inner_attrs);
    stack_.push_back({key, show(file)});
    loadItems(item.items, child);
    stack_.pop_back();
  }

  struct Open {
    std::string key;    // canonical path
    std::string shown;  // as named in diagnostics
  };

  SourceManager& sources_;
  DiagnosticEngine& diags_;
  ast::Crate& crate_;
  std::vector<Open> stack_;              // files being loaded, outermost first
  std::map<std::string, FileId> loaded_;  // canonical path -> buffer
};

}  // namespace

ast::Crate loadCrate(SourceManager& sources, FileId root, DiagnosticEngine& diags) {
  ast::Crate crate;
  Loader(sources, diags, crate).loadRoot(root);
  return crate;
}

}  // namespace hematite::parse
