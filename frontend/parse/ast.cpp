#include "frontend/parse/ast.h"

namespace hematite::ast {

Literal::Literal(const lex::Token& t)
    : kind(t.kind), raw(t.raw), suffix(t.suffix), text(t.text) {
  switch (t.kind) {
    case lex::TokenKind::IntLiteral: int_value = t.int_value; break;
    case lex::TokenKind::FloatLiteral: float_value = t.float_value; break;
    case lex::TokenKind::CharLiteral:
    case lex::TokenKind::ByteLiteral: char_value = t.char_value; break;
    case lex::TokenKind::StringLiteral:
    case lex::TokenKind::ByteStringLiteral: string_value = t.string_value.str(); break;
    default: break;
  }
}

std::string Path::toString() const {
  std::string out = global ? "::" : "";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i) out += "::";
    out += segments[i].ident.name;
  }
  return out;
}

const char* binaryOpSpelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Rem: return "%";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::Shl: return "<<";
    case BinaryOp::Shr: return ">>";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::And: return "&&";
    case BinaryOp::Or: return "||";
  }
  return "?";
}

bool isComparison(BinaryOp op) {
  return op == BinaryOp::Eq || op == BinaryOp::Ne || op == BinaryOp::Lt ||
         op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge;
}

const char* unaryOpSpelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::Not: return "!";
    case UnaryOp::Deref: return "*";
    case UnaryOp::Ref: return "&";
    case UnaryOp::RefMut: return "&mut";
  }
  return "?";
}

}  // namespace hematite::ast
