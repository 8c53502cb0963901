#include "frontend/mlirgen/debug_scopes.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace hematite::mlirgen::detail {

/// As MLIR's ensure-debug-info-scope-on-llvm-func names files: the name, and the
/// directory as given on the command line.
static LLVM::DIFileAttr fileAttr(MLIRContext *ctx, StringRef path) {
  return LLVM::DIFileAttr::get(ctx, llvm::sys::path::filename(path),
                               llvm::sys::path::parent_path(path));
}

LLVM::DICompileUnitAttr DebugScopes::compileUnit(MLIRContext *ctx, StringRef file) {
  return LLVM::DICompileUnitAttr::get(
      ctx, DistinctAttr::create(UnitAttr::get(ctx)), llvm::dwarf::DW_LANG_Rust,
      fileAttr(ctx, file), StringAttr::get(ctx, "hematite"), /*isOptimized=*/false,
      LLVM::DIEmissionKind::Full, LLVM::DINameTableKind::Default, StringAttr());
}

DebugScopes::DebugScopes(LLVM::DICompileUnitAttr unit, StringRef name, FileLineColLoc at)
    : unit_(unit) {
  frames_.push_back({{subprogram(name, at)}, UnknownLoc::get(at.getContext())});
}

LLVM::DISubprogramAttr DebugScopes::subprogram(StringRef name, FileLineColLoc at) {
  LLVM::DISubprogramAttr &sp = subprograms_[name.str()];
  if (sp)
    return sp;
  MLIRContext *ctx = at.getContext();
  LLVM::DIFileAttr where = file(at);
  auto type = LLVM::DISubroutineTypeAttr::get(ctx, llvm::dwarf::DW_CC_normal, {});
  sp = LLVM::DISubprogramAttr::get(ctx, DistinctAttr::create(UnitAttr::get(ctx)), unit_, where,
                                   StringAttr::get(ctx, name), StringAttr::get(ctx, name), where,
                                   at.getLine(), at.getLine(),
                                   LLVM::DISubprogramFlags::Definition, type,
                                   /*retainedNodes=*/{}, /*annotations=*/{});
  return sp;
}

void DebugScopes::enterCall(StringRef callee, FileLineColLoc definition, Location callSite) {
  frames_.push_back({{subprogram(callee, definition)}, callSite});
}

LLVM::DIFileAttr DebugScopes::file(FileLineColLoc at) const {
  return fileAttr(at.getContext(), at.getFilename().getValue());
}

Location DebugScopes::wrap(FileLineColLoc at) const {
  Location here = FusedLoc::get(at.getContext(), {at}, current());
  const Location &callSite = frames_.back().callSite;
  if (isa<UnknownLoc>(callSite))
    return here;
  return CallSiteLoc::get(here, callSite);
}

void DebugScopes::openBinding(FileLineColLoc at) {
  frames_.back().scopes.push_back(
      LLVM::DILexicalBlockAttr::get(at.getContext(), current(), file(at), at.getLine(),
                                    at.getColumn()));
}

} // namespace hematite::mlirgen::detail
