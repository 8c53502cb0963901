// Loading a crate: the root file and, recursively, every file module it
// declares (`mod name;`), as rustc finds them.
//
//   ast::Crate crate = parse::loadCrate(sources, root, diags);
//
// Lexes and parses `root`; for each `mod name;` (also inside inline
// `mod a { mod b; }`) loads, lexes and parses the module's file and puts its
// items in the Mod item's `items` (`mod_file` = its FileId, `is_inline_mod` =
// false, its `#![...]` in `inner_attrs`). File lookup follows rustc:
//   - in the root file or a `mod.rs` file `dir/...`: `dir/name.rs`, else
//     `dir/name/mod.rs` (both present: H0209; neither: H0208);
//   - in another file `dir/foo.rs`: `dir/foo/name.rs`, else `dir/foo/name/mod.rs`;
//   - inline module nesting adds directory components (`mod a { mod b; }` in
//     `dir/main.rs` loads `dir/a/b.rs`);
//   - `#[path = "p"]` names the file relative to the declaring file's directory
//     (inside inline modules: that directory plus the inline components); a
//     file loaded through `#[path]` looks for its own modules in its directory.
// A module whose file is already being loaded by an enclosing module is
// reported (H0210) and left empty. Every file read, root first, is listed in
// Crate::files_read (for depfiles). Never fails: problems become diagnostics.
#ifndef HEMATITE_FRONTEND_PARSE_LOAD_CRATE_H
#define HEMATITE_FRONTEND_PARSE_LOAD_CRATE_H

#include "frontend/diagnostics/diagnostics.h"
#include "frontend/parse/ast.h"
#include "frontend/source/source_manager.h"

namespace hematite::parse {

ast::Crate loadCrate(SourceManager& sources, FileId root, DiagnosticEngine& diags);

}  // namespace hematite::parse

#endif
