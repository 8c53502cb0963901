// -g: the DWARF scopes of a kernel as MLIRGen lowers it, so that a debugger shows
// the variable a name means at each line. The kernel is a DISubprogram; each `let`
// opens a lexical block that lasts to the end of its Rust block, as rustc's scopes
// do, so a shadowing `let c` hides the earlier `c` only from there on. MLIRGen
// inlines every call: the callee's code is in its own DISubprogram, at a
// CallSiteLoc whose caller is the call, which the LLVM translation turns into
// DWARF's inlined frames (a debugger's `bt` shows the call). Ops get their
// location in the current scope (a FusedLoc carrying it); hm.debug_variable
// carries its variable's scope.
#ifndef HEMATITE_FRONTEND_MLIRGEN_DEBUG_SCOPES_H
#define HEMATITE_FRONTEND_MLIRGEN_DEBUG_SCOPES_H

#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/IR/Location.h"

#include <map>
#include <string>
#include <vector>

namespace hematite::mlirgen::detail {

class DebugScopes {
public:
  /// The compile unit of a module (one per lowerToHm), for the crate root `file`.
  static mlir::LLVM::DICompileUnitAttr compileUnit(mlir::MLIRContext *ctx,
                                                   llvm::StringRef file);

  /// The scopes of kernel `name`, defined at `at`.
  DebugScopes(mlir::LLVM::DICompileUnitAttr unit, llvm::StringRef name, mlir::FileLineColLoc at);

  /// The innermost scope now open, in the innermost call.
  mlir::LLVM::DIScopeAttr current() const { return frames_.back().scopes.back(); }
  /// `at` in the current scope (and call).
  mlir::Location wrap(mlir::FileLineColLoc at) const;

  /// A binding at `at`: opens its lexical block.
  void openBinding(mlir::FileLineColLoc at);
  /// How many scopes are open in the current call, and closing those opened since.
  size_t depth() const { return frames_.back().scopes.size(); }
  void closeTo(size_t depth) {
    if (depth < frames_.back().scopes.size())
      frames_.back().scopes.resize(depth);
  }

  /// An inlined call of `callee` (defined at `definition`) from `callSite` (a
  /// location from wrap): until leaveCall, locations are the callee's.
  void enterCall(llvm::StringRef callee, mlir::FileLineColLoc definition,
                 mlir::Location callSite);
  void leaveCall() { frames_.pop_back(); }

private:
  mlir::LLVM::DIFileAttr file(mlir::FileLineColLoc at) const;
  mlir::LLVM::DISubprogramAttr subprogram(llvm::StringRef name, mlir::FileLineColLoc at);

  struct Frame {
    std::vector<mlir::LLVM::DIScopeAttr> scopes; // [0] is the function's subprogram
    mlir::Location callSite;                     // the kernel's: unknown
  };
  mlir::LLVM::DICompileUnitAttr unit_;
  std::map<std::string, mlir::LLVM::DISubprogramAttr> subprograms_; // one per function
  std::vector<Frame> frames_;
};

} // namespace hematite::mlirgen::detail

#endif
