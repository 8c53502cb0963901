#include "frontend/frontend.h"
#include "frontend/check/checker.h"
#include "frontend/lex/lexer.h"
#include "frontend/mlirgen/mlirgen.h"
#include "frontend/parse/parser.h"

namespace hematite::frontend {

mlir::OwningOpRef<mlir::ModuleOp> compileToHm(const SourceManager &sources, FileId file,
                                              DiagnosticEngine &diags,
                                              mlir::MLIRContext &context) {
  // Lexing errors do not stop parsing: one run reports as many independent
  // errors as it can. Checking needs a well-formed tree, and MLIRGen a
  // well-typed one.
  lex::TokenizedBuffer tokens = lex::lex(sources, file, diags);
  ast::Crate crate = parse::parse(tokens, diags);
  if (diags.hasErrors())
    return nullptr;
  check::CheckedProgram program = check::check(crate, diags);
  if (diags.hasErrors())
    return nullptr;
  return mlirgen::lowerToHm(program, sources, context);
}

} // namespace hematite::frontend
