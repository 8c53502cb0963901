// S-expression debug form of the AST, used by tests and `--dump-ast`-style tools.
//   1 + 2 * 3         =>  (+ 1 (* 2 3))
//   let mut x: u32 = 5;  =>  (let (mut x) u32 5)
#ifndef HEMATITE_FRONTEND_PARSE_AST_PRINTER_H
#define HEMATITE_FRONTEND_PARSE_AST_PRINTER_H

#include <string>

#include "frontend/parse/ast.h"

namespace hematite::ast {

std::string printExpr(const Expr& e);
std::string printType(const Type& t);
std::string printPattern(const Pattern& p);
std::string printStmt(const Stmt& s);
std::string printBlock(const Block& b);
std::string printItem(const Item& i);
std::string printCrate(const Crate& c);  // one item per line

}  // namespace hematite::ast

#endif
