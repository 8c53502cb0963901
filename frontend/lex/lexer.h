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
#include <memory>
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

// The value of a string literal token: a view of a string owned by the
// TokenizedBuffer (TokenizedBuffer::strings), so that Token stays small and
// trivially copyable. Empty when null.
struct TokenString {
  const std::string* ptr;  // no initializer: Token keeps it in a union

  std::string_view view() const { return ptr ? std::string_view(*ptr) : std::string_view(); }
  operator std::string_view() const { return view(); }
  std::string str() const { return ptr ? *ptr : std::string(); }
  const char* data() const { return ptr ? ptr->data() : ""; }
  size_t size() const { return ptr ? ptr->size() : 0; }
  bool empty() const { return size() == 0; }

  friend bool operator==(TokenString a, std::string_view b) { return a.view() == b; }
  friend bool operator==(std::string_view a, TokenString b) { return a == b.view(); }
  friend bool operator!=(TokenString a, std::string_view b) { return a.view() != b; }
  friend bool operator!=(std::string_view a, TokenString b) { return a != b.view(); }
  friend std::string operator+(const std::string& a, TokenString b) {
    std::string r = a;
    r.append(b.view());
    return r;
  }
  friend std::string operator+(TokenString a, const std::string& b) {
    std::string r(a.view());
    r += b;
    return r;
  }
};

// One token: 40 bytes, trivially copyable.
struct Token {
  TokenKind kind = TokenKind::EndOfFile;
  bool raw = false;  // r#ident, r"..." / br#"..."#
  NumericSuffix suffix = NumericSuffix::None;  // Int/FloatLiteral
  Span span;
  // Source text of the token. For identifiers: the name (without `r#`);
  // for lifetimes: the name including the quote ('a).
  std::string_view text;

  // Literal payloads: only the one matching `kind` is meaningful (they share
  // storage; a token that is not a literal reads 0 / the empty string).
  union {
    uint64_t int_value = 0;      // IntLiteral (values beyond u64 are diagnosed)
    double float_value;          // FloatLiteral
    uint32_t char_value;         // CharLiteral (codepoint) / ByteLiteral (byte)
    TokenString string_value;    // StringLiteral (UTF-8) / ByteStringLiteral (bytes), escapes applied
  };

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
  // The values of string literals (Token::string_value points here; moving the
  // buffer keeps them where they are, copying is not allowed).
  std::vector<std::unique_ptr<std::string>> strings;

  TokenizedBuffer() = default;
  TokenizedBuffer(TokenizedBuffer&&) = default;
  TokenizedBuffer& operator=(TokenizedBuffer&&) = default;
  TokenizedBuffer(const TokenizedBuffer&) = delete;
  TokenizedBuffer& operator=(const TokenizedBuffer&) = delete;
};

TokenizedBuffer lex(const SourceManager& sources, FileId file, DiagnosticEngine& diags);

}  // namespace hematite::lex

#endif
