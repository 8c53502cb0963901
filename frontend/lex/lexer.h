// The lexer: SourceBuffer text -> TokenizedBuffer.
//
//   TokenizedBuffer tokens = lex(sources, file, diags);
//
// Always succeeds: malformed input produces diagnostics plus best-effort tokens
// (an Error token for an unknown character), and lexing continues. The token
// vector always ends with EndOfFile. Comments are dropped; doc comments are kept
// on the side (TokenizedBuffer::doc_comments). A shebang line (`#!...` not
// followed by `[`) at the start of the file is skipped.
#ifndef HEMATITE_FRONTEND_LEX_LEXER_H
#define HEMATITE_FRONTEND_LEX_LEXER_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/diagnostics/diagnostics.h"
#include "frontend/source/source_manager.h"

namespace hematite::lex {

enum class TokenKind : uint8_t {
#define HM_TOKEN(Name, Desc) Name,
#include "frontend/lex/token_kinds.def"
};

// "identifier", "`fn`", "`+=`": for "expected X, found Y" messages.
std::string describeTokenKind(TokenKind kind);
// The fixed spelling of a keyword/punctuation ("fn", "+="), or "" for others.
const char* tokenSpelling(TokenKind kind);
bool isKeyword(TokenKind kind);

// Suffix of a numeric literal (`5u32`, `1.0f32`); None when absent.
enum class NumericSuffix : uint8_t {
  None, I8, I16, I32, I64, I128, Isize, U8, U16, U32, U64, U128, Usize, F32, F64
};
const char* numericSuffixName(NumericSuffix s);  // "u32", "" for None

struct Token {
  TokenKind kind = TokenKind::EndOfFile;
  Span span;
  // Source text of the token. For identifiers: the name (without `r#`);
  // for lifetimes: the name including the quote ('a).
  std::string_view text;
  bool raw = false;  // r#ident, r"..." / br#"..."#

  // Literal payloads (only the one matching `kind` is meaningful).
  uint64_t int_value = 0;     // IntLiteral (values beyond u64 are diagnosed)
  double float_value = 0.0;   // FloatLiteral
  uint32_t char_value = 0;    // CharLiteral (codepoint) / ByteLiteral (byte)
  std::string string_value;   // StringLiteral (UTF-8) / ByteStringLiteral (bytes), escapes applied
  NumericSuffix suffix = NumericSuffix::None;  // Int/FloatLiteral

  bool is(TokenKind k) const { return kind == k; }
};

struct DocComment {
  Span span;
  std::string text;  // without the `///` / `//!` / `/** */` markers
  bool inner;        // `//!` or `/*! */`
};

struct TokenizedBuffer {
  FileId file = kInvalidFile;
  std::vector<Token> tokens;  // ends with EndOfFile
  std::vector<DocComment> doc_comments;
};

TokenizedBuffer lex(const SourceManager& sources, FileId file, DiagnosticEngine& diags);

}  // namespace hematite::lex

#endif
