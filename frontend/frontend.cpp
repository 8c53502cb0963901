#include "frontend/frontend.h"
#include "frontend/check/checker.h"
#include "frontend/mlirgen/mlirgen.h"
#include "frontend/parse/load_crate.h"

namespace hematite::frontend {

mlir::OwningOpRef<mlir::ModuleOp> compileToHm(SourceManager &sources, FileId file,
                                              DiagnosticEngine &diags,
                                              mlir::MLIRContext &context,
                                              const mlirgen::MlirGenOptions &options) {
  // Lexing errors do not stop parsing: one run reports as many independent
  // errors as it can. Checking needs a well-formed tree, and MLIRGen a
  // well-typed one.
  // loadCrate lexes and parses the root and every `mod x;` file it declares.
  ast::Crate crate = parse::loadCrate(sources, file, diags);
  if (diags.hasErrors())
    return nullptr;
  check::CheckedProgram program = check::check(crate, diags, &sources);
  if (diags.hasErrors())
    return nullptr;
  return mlirgen::lowerToHm(program, sources, context, options);
}

} // namespace hematite::frontend
