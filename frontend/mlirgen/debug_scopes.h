// -g: the DWARF scopes of a kernel as MLIRGen lowers it, so that a debugger shows
// the variable a name means at each line. The kernel is a DISubprogram; each `let`
// opens a lexical block that lasts to the end of its Rust block, as rustc's scopes
// do, so a shadowing `let c` hides the earlier `c` only from there on; calls are
// inlined by MLIRGen, and their bindings nest in the call site's scope. Ops get
// their location in the current scope (a FusedLoc carrying it), which the LLVM
// translation turns into DILocations; hm.debug_variable carries its scope.
#ifndef HEMATITE_FRONTEND_MLIRGEN_DEBUG_SCOPES_H
#define HEMATITE_FRONTEND_MLIRGEN_DEBUG_SCOPES_H

#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/IR/Location.h"

#include <vector>

namespace hematite::mlirgen::detail {

class DebugScopes {
public:
  /// The compile unit of a module (one per lowerToHm), for the crate root `file`.
  static mlir::LLVM::DICompileUnitAttr compileUnit(mlir::MLIRContext *ctx,
                                                   llvm::StringRef file);

  /// The scopes of kernel `name`, defined at `at`.
  DebugScopes(mlir::LLVM::DICompileUnitAttr unit, llvm::StringRef name, mlir::FileLineColLoc at);

  mlir::LLVM::DISubprogramAttr subprogram() const { return subprogram_; }
  /// The innermost scope now open.
  mlir::LLVM::DIScopeAttr current() const { return scopes_.back(); }
  /// `at` in the current scope.
  mlir::Location wrap(mlir::FileLineColLoc at) const;

  /// A binding at `at`: opens its lexical block.
  void openBinding(mlir::FileLineColLoc at);
  /// How many scopes are open, and closing those opened since.
  size_t depth() const { return scopes_.size(); }
  void closeTo(size_t depth) { scopes_.resize(depth); }

private:
  mlir::LLVM::DIFileAttr file(mlir::FileLineColLoc at) const;

  mlir::LLVM::DISubprogramAttr subprogram_;
  std::vector<mlir::LLVM::DIScopeAttr> scopes_;
};

} // namespace hematite::mlirgen::detail

#endif
