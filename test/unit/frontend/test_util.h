// Helpers shared by the frontend unit tests: run phases over an in-memory file.
#ifndef HEMATITE_TEST_UNIT_FRONTEND_TEST_UTIL_H
#define HEMATITE_TEST_UNIT_FRONTEND_TEST_UTIL_H

#include <set>
#include <string>
#include <vector>

#include "frontend/check/checker.h"
#include "frontend/diagnostics/diagnostics.h"
#include "frontend/lex/lexer.h"
#include "frontend/parse/ast_printer.h"
#include "frontend/parse/parser.h"

namespace hematite::test {

// Every DiagnosticKind any test saw (for DiagnosticRegistry.EveryKindIsExercised).
std::set<DiagnosticKind>& seenKinds();

struct Compilation {
  SourceManager sources;
  DiagnosticEngine diags;
  FileId file = kInvalidFile;
  lex::TokenizedBuffer tokens;
  ast::Crate crate;
  check::CheckedProgram program;

  std::vector<DiagnosticKind> kinds() const;
  std::vector<std::string> codes() const;
  std::string rendered() const { return renderDiagnostics(diags, sources); }
  bool has(DiagnosticKind k) const { return diags.has(k); }
};

// Lex + parse (+ check when `check` is true). Records diagnostic kinds seen.
// Returned by pointer because the program refers into the crate.
std::unique_ptr<Compilation> compile(const std::string& source, bool check = true);
std::unique_ptr<Compilation> lexOnly(const std::string& source);

}  // namespace hematite::test

#endif
