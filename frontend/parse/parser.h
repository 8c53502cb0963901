// The parser: TokenizedBuffer -> ast::Crate.
//
//   ast::Crate crate = parse(tokens, diags);
//
// Recursive descent for items/statements, Pratt parsing for expressions with
// Rust's precedence and associativity. Never fails: on a syntax error it reports
// a diagnostic, produces an Error node, and skips to the next `;`, `}` or item
// so that later independent errors are reported in the same run. Items it does
// not model (union, extern blocks, macro_rules!, item macros) are skipped as
// ItemKind::Unsupported for the checker to reject by name; qualified paths
// (`<T as Trait>::f`) and fn pointer types are reported here (H0206).
//
// `parse` handles one file: `mod x;` items come back with empty `items`.
// parse::loadCrate (load_crate.h) loads those files too.
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
