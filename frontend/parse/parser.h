// The parser: TokenizedBuffer -> ast::Crate.
//
//   ast::Crate crate = parse(tokens, diags);
//
// Recursive descent for items/statements, Pratt parsing for expressions with
// Rust's precedence and associativity. Never fails: on a syntax error it reports
// a diagnostic, produces an Error node, and skips to the next `;`, `}` or item
// so that later independent errors are reported in the same run. Constructs it
// does not model (impl, trait, enum, mod, ...) are skipped as ItemKind::Unsupported
// items for the checker to reject by name.
#ifndef HEMATITE_FRONTEND_PARSE_PARSER_H
#define HEMATITE_FRONTEND_PARSE_PARSER_H

#include "frontend/diagnostics/diagnostics.h"
#include "frontend/lex/lexer.h"
#include "frontend/parse/ast.h"

namespace hematite::parse {

ast::Crate parse(const lex::TokenizedBuffer& tokens, DiagnosticEngine& diags);

// Parses a single expression (tests, tools). Reports trailing tokens.
ast::ExprPtr parseExpression(const lex::TokenizedBuffer& tokens, DiagnosticEngine& diags);

}  // namespace hematite::parse

#endif
