// The checker: ast::Crate -> CheckedProgram (name resolution + type checking).
//
//   CheckedProgram program = check::check(crate, diags);
//   if (!diags.hasErrors()) mlirgen(program);
//
// The crate must outlive the program (Function::decl points into it).
// Never fails: errors are reported to `diags`; the returned program then may be
// partial (functions whose bodies failed keep Error types in places) and must
// not be lowered.
#ifndef HEMATITE_FRONTEND_CHECK_CHECKER_H
#define HEMATITE_FRONTEND_CHECK_CHECKER_H

#include <string>

#include "frontend/check/checked_program.h"
#include "frontend/diagnostics/diagnostics.h"
#include "frontend/parse/ast.h"

namespace hematite::check {

// `sources` (optional) lets messages quote source text (`assert!(x < n)`).
CheckedProgram check(const ast::Crate& crate, DiagnosticEngine& diags,
                     const SourceManager* sources = nullptr);

// S-expression dump of the checked program with types, for tests and tools:
//   (fn saxpy kernel (params (a f32) (x &[f32]) (y &mut [f32])) ()
//     (block (let i:usize (call-intrinsic global_idx_x :usize)) ...))
std::string printChecked(const CheckedProgram& program);
std::string printCheckedExpr(const CheckedProgram& program, const Function& fn, const Expr& e);

}  // namespace hematite::check

#endif
