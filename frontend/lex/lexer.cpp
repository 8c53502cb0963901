#include "frontend/lex/lexer.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <charconv>

namespace hematite::lex {

namespace {
struct KindInfo {
  const char* spelling;
  bool keyword;
  bool punct;
};
const KindInfo kKindInfos[] = {
#define HM_TOKEN(Name, Desc) {Desc, false, false},
#define HM_KEYWORD(Name, Spelling) {Spelling, true, false},
#define HM_PUNCT(Name, Spelling) {Spelling, false, true},
#include "frontend/lex/token_kinds.def"
};

// Keyword lookup: open addressing over a small power-of-two table, keyed by a
// hash of the length and three characters. Built once at start-up from
// token_kinds.def; an identifier usually costs one hash and one length compare.
class KeywordTable {
 public:
  KeywordTable() {
    static const std::pair<const char*, TokenKind> kws[] = {
#define HM_KEYWORD(Name, Spelling) {Spelling, TokenKind::Name},
#include "frontend/lex/token_kinds.def"
    };
    for (auto& [sp, kind] : kws) {
      std::string_view w(sp);
      size_t h = hash(w.data(), w.size());
      while (slots_[h].len) h = (h + 1) & (kSize - 1);
      slots_[h] = Slot{sp, uint8_t(w.size()), kind};
    }
  }
  static size_t hash(const char* p, size_t n) {
    return (size_t(uint8_t(p[0])) * 7 + size_t(uint8_t(p[n - 1])) * 13 +
            size_t(uint8_t(p[n / 2])) * 3 + n * 29) & (kSize - 1);
  }
  // Identifier or the keyword's kind. `n` >= 1.
  TokenKind lookup(const char* p, size_t n) const {
    if (n > kMaxLen || n < 2) return TokenKind::Identifier;
    for (size_t h = hash(p, n);; h = (h + 1) & (kSize - 1)) {
      const Slot& s = slots_[h];
      if (!s.len) return TokenKind::Identifier;
      if (s.len == n && s.text[0] == p[0] && std::memcmp(s.text, p, n) == 0) return s.kind;
    }
  }

 private:
  static constexpr size_t kSize = 256;
  static constexpr size_t kMaxLen = 8;  // "continue", "override"
  struct Slot {
    const char* text = nullptr;
    uint8_t len = 0;
    TokenKind kind = TokenKind::Identifier;
  };
  Slot slots_[kSize];
};
const KeywordTable kKeywords;

}  // namespace

std::string describeTokenKind(TokenKind kind) {
  const KindInfo& i = kKindInfos[size_t(kind)];
  if (i.keyword) return std::string("keyword `") + i.spelling + "`";
  if (i.punct) return std::string("`") + i.spelling + "`";
  return i.spelling;
}

const char* tokenSpelling(TokenKind kind) {
  const KindInfo& i = kKindInfos[size_t(kind)];
  return (i.keyword || i.punct) ? i.spelling : "";
}

bool isKeyword(TokenKind kind) { return kKindInfos[size_t(kind)].keyword; }

const char* numericSuffixName(NumericSuffix s) {
  switch (s) {
    case NumericSuffix::None: return "";
    case NumericSuffix::I8: return "i8";
    case NumericSuffix::I16: return "i16";
    case NumericSuffix::I32: return "i32";
    case NumericSuffix::I64: return "i64";
    case NumericSuffix::I128: return "i128";
    case NumericSuffix::Isize: return "isize";
    case NumericSuffix::U8: return "u8";
    case NumericSuffix::U16: return "u16";
    case NumericSuffix::U32: return "u32";
    case NumericSuffix::U64: return "u64";
    case NumericSuffix::U128: return "u128";
    case NumericSuffix::Usize: return "usize";
    case NumericSuffix::F32: return "f32";
    case NumericSuffix::F64: return "f64";
  }
  return "";
}

namespace {

// Character classes, one table lookup each.
enum : uint8_t { kIdentStart = 1, kIdentContinue = 2, kDigit = 4, kSpace = 8 };
struct CharClasses {
  uint8_t c[256] = {};
  constexpr CharClasses() {
    for (int i = 'a'; i <= 'z'; ++i) c[i] = kIdentStart | kIdentContinue;
    for (int i = 'A'; i <= 'Z'; ++i) c[i] = kIdentStart | kIdentContinue;
    c[int('_')] = kIdentStart | kIdentContinue;
    for (int i = '0'; i <= '9'; ++i) c[i] = kIdentContinue | kDigit;
    for (char s : {' ', '\t', '\n', '\r', '\f', '\v'}) c[int(s)] = kSpace;
  }
};
constexpr CharClasses kClasses;
inline bool hasClass(char ch, uint8_t cls) { return kClasses.c[uint8_t(ch)] & cls; }
bool isIdentStart(char c) { return hasClass(c, kIdentStart); }
bool isIdentContinue(char c) { return hasClass(c, kIdentContinue); }
bool isDigit(char c) { return hasClass(c, kDigit); }
int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

NumericSuffix parseSuffix(std::string_view s) {
  if (s.empty()) return NumericSuffix::None;
  static const std::pair<const char*, NumericSuffix> table[] = {
      {"i8", NumericSuffix::I8},     {"i16", NumericSuffix::I16},
      {"i32", NumericSuffix::I32},   {"i64", NumericSuffix::I64},
      {"i128", NumericSuffix::I128}, {"isize", NumericSuffix::Isize},
      {"u8", NumericSuffix::U8},     {"u16", NumericSuffix::U16},
      {"u32", NumericSuffix::U32},   {"u64", NumericSuffix::U64},
      {"u128", NumericSuffix::U128}, {"usize", NumericSuffix::Usize},
      {"f32", NumericSuffix::F32},   {"f64", NumericSuffix::F64}};
  for (auto& [name, suf] : table)
    if (s == name) return suf;
  return NumericSuffix::None;
}

// A decimal float body ("1.5", "2.", "1e-3"; no underscores), as strtod reads it.
double parseDouble(std::string_view s) {
  double v = 0.0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return v;
  // Out of range (from_chars leaves v unchanged) or anything unusual: strtod.
  std::string z(s);
  return std::strtod(z.c_str(), nullptr);
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  Lexer(const SourceManager& sources, FileId file, DiagnosticEngine& diags)
      : file_(file), text_(sources.buffer(file).text()), diags_(diags) {}

  TokenizedBuffer run() {
    TokenizedBuffer out;
    out.file = file_;
    out_ = &out;
    // Typical Rust has 3-5 bytes per token, dense code about 3 (the benchmark's
    // input: 3.1). Growing past the reservation copies every token, while
    // reserving too much costs only address space (pages never written are
    // never touched), so reserve for 2 bytes per token.
    out.tokens.reserve(text_.size() / 2 + 16);
    // A shebang line (`#!` not followed by `[`, as in `#!/usr/bin/env ...`).
    if (text_.substr(0, 2) == "#!") {
      size_t i = 2;
      while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
      if (i >= text_.size() || text_[i] != '[')
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    }
    while (true) {
      skipTrivia();
      if (pos_ >= text_.size()) break;
      lexToken();
    }
    Token eof;
    eof.kind = TokenKind::EndOfFile;
    eof.span = Span{file_, uint32_t(text_.size()), uint32_t(text_.size())};
    out.tokens.push_back(eof);
    return out;
  }

 private:
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool atEnd(size_t ahead = 0) const { return pos_ + ahead >= text_.size(); }
  Span span(size_t begin, size_t end) const {
    return Span{file_, uint32_t(begin), uint32_t(end)};
  }
  Diagnostic& error(DiagnosticKind k, size_t begin, size_t end,
                    std::vector<std::string> args = {}) {
    return diags_.report(k, span(begin, end), std::move(args));
  }

  // Decodes one UTF-8 codepoint at pos_ and advances; invalid bytes decode as
  // themselves (U+FFFD would hide the byte).
  uint32_t nextCodepoint() {
    unsigned char c = (unsigned char)text_[pos_];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (pos_ + len > text_.size()) len = 1;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int i = 1; i < len; ++i) cp = (cp << 6) | ((unsigned char)text_[pos_ + i] & 0x3F);
    pos_ += len;
    return cp;
  }

  void skipTrivia() {
    while (!atEnd()) {
      char c = text_[pos_];
      if (hasClass(c, kSpace)) {
        ++pos_;
        while (pos_ < text_.size() && hasClass(text_[pos_], kSpace)) ++pos_;
      } else if (c == '/' && peek(1) == '/') {
        size_t begin = pos_;
        while (!atEnd() && peek() != '\n') ++pos_;
        std::string_view body = text_.substr(begin, pos_ - begin);
        // `///x` (not `////`) is an outer doc comment, `//!` an inner one.
        if (body.size() >= 3 && body[2] == '/' && !(body.size() >= 4 && body[3] == '/'))
          out_->doc_comments.push_back({span(begin, pos_), std::string(body.substr(3)), false});
        else if (body.size() >= 3 && body[2] == '!')
          out_->doc_comments.push_back({span(begin, pos_), std::string(body.substr(3)), true});
      } else if (c == '/' && peek(1) == '*') {
        size_t begin = pos_;
        pos_ += 2;
        int depth = 1;
        while (!atEnd() && depth > 0) {
          if (peek() == '/' && peek(1) == '*') {
            depth++;
            pos_ += 2;
          } else if (peek() == '*' && peek(1) == '/') {
            depth--;
            pos_ += 2;
          } else {
            ++pos_;
          }
        }
        if (depth > 0) {
          error(DiagnosticKind::UnterminatedBlockComment, begin, begin + 2)
              .label("unterminated block comment");
          return;
        }
        std::string_view body = text_.substr(begin, pos_ - begin);
        bool outer = body.size() > 5 && body[2] == '*' && body[3] != '*';
        bool inner = body.size() > 4 && body[2] == '!';
        if (outer || inner)
          out_->doc_comments.push_back(
              {span(begin, pos_), std::string(body.substr(3, body.size() - 5)), inner});
      } else {
        return;
      }
    }
  }

  Token& push(TokenKind kind, size_t begin) {
    Token& t = out_->tokens.emplace_back();
    t.kind = kind;
    t.span = span(begin, pos_);
    t.text = std::string_view(text_.data() + begin, pos_ - begin);
    return t;
  }
  // Moves a string literal's value into the buffer's string table.
  TokenString intern(std::string value) {
    out_->strings.push_back(std::make_unique<std::string>(std::move(value)));
    return TokenString{out_->strings.back().get()};
  }

  void lexToken() {
    size_t begin = pos_;
    char c = peek();

    // The common cases first: plain identifiers/keywords and punctuation.
    if (c != 'r' && c != 'b' && isIdentStart(c)) {
      lexWord(begin);
      return;
    }
    if (lexPunct(begin)) return;

    // Prefixed literals and raw identifiers.
    if (c == 'r' && peek(1) == '#' && isIdentStart(peek(2))) {
      pos_ += 2;
      size_t name = pos_;
      while (!atEnd() && isIdentContinue(peek())) ++pos_;
      Token& t = push(TokenKind::Identifier, begin);
      t.text = text_.substr(name, pos_ - name);
      t.raw = true;
      return;
    }
    if (c == 'r' && (peek(1) == '"' || (peek(1) == '#' && (peek(2) == '"' || peek(2) == '#')))) {
      ++pos_;
      lexRawString(begin, /*byte=*/false);
      return;
    }
    if (c == 'b' && peek(1) == 'r' && (peek(2) == '"' || peek(2) == '#')) {
      pos_ += 2;
      lexRawString(begin, /*byte=*/true);
      return;
    }
    if (c == 'b' && peek(1) == '\'') {
      ++pos_;
      lexChar(begin, /*byte=*/true);
      return;
    }
    if (c == 'b' && peek(1) == '"') {
      ++pos_;
      lexString(begin, /*byte=*/true);
      return;
    }
    if (isIdentStart(c)) {
      lexWord(begin);
      return;
    }
    if (isDigit(c)) {
      lexNumber(begin);
      return;
    }
    if (c == '\'') {
      lexChar(begin, /*byte=*/false);
      return;
    }
    if (c == '"') {
      lexString(begin, /*byte=*/false);
      return;
    }
    // Unknown character.
    uint32_t cp = nextCodepoint();
    std::string shown;
    appendUtf8(shown, cp);
    error(DiagnosticKind::UnknownToken, begin, pos_, {shown}).label("unknown token");
    push(TokenKind::Error, begin);
  }

  // An identifier, keyword or `_` starting at pos_.
  void lexWord(size_t begin) {
    const char* p = text_.data();
    size_t n = text_.size(), i = pos_ + 1;
    while (i < n && isIdentContinue(p[i])) ++i;
    pos_ = i;
    size_t len = i - begin;
    if (len == 1 && p[begin] == '_') {
      push(TokenKind::Underscore, begin);
      return;
    }
    push(kKeywords.lookup(p + begin, len), begin);
  }

  // Punctuation: the longest match, dispatched on the first character.
  bool lexPunct(size_t begin) {
    char c1 = peek(1), c2 = peek(2);
    TokenKind k;
    size_t n = 1;
    auto two = [&](char second, TokenKind k2, TokenKind k1) {
      if (c1 == second) {
        n = 2;
        return k2;
      }
      return k1;
    };
    switch (peek()) {
      case '<':
        if (c1 == '<') {
          n = c2 == '=' ? 3 : 2;
          k = c2 == '=' ? TokenKind::ShlEq : TokenKind::Shl;
        } else if (c1 == '=') {
          n = 2, k = TokenKind::Le;
        } else if (c1 == '-') {
          n = 2, k = TokenKind::LArrow;
        } else {
          k = TokenKind::Lt;
        }
        break;
      case '>':
        if (c1 == '>') {
          n = c2 == '=' ? 3 : 2;
          k = c2 == '=' ? TokenKind::ShrEq : TokenKind::Shr;
        } else {
          k = two('=', TokenKind::Ge, TokenKind::Gt);
        }
        break;
      case '.':
        if (c1 == '.') {
          if (c2 == '.') n = 3, k = TokenKind::DotDotDot;
          else if (c2 == '=') n = 3, k = TokenKind::DotDotEq;
          else n = 2, k = TokenKind::DotDot;
        } else {
          k = TokenKind::Dot;
        }
        break;
      case '&':
        k = c1 == '&' ? (n = 2, TokenKind::AndAnd) : two('=', TokenKind::AndEq, TokenKind::And);
        break;
      case '|':
        k = c1 == '|' ? (n = 2, TokenKind::OrOr) : two('=', TokenKind::OrEq, TokenKind::Or);
        break;
      case '-':
        k = c1 == '>' ? (n = 2, TokenKind::RArrow) : two('=', TokenKind::MinusEq, TokenKind::Minus);
        break;
      case '=':
        k = c1 == '>' ? (n = 2, TokenKind::FatArrow) : two('=', TokenKind::EqEq, TokenKind::Eq);
        break;
      case '+': k = two('=', TokenKind::PlusEq, TokenKind::Plus); break;
      case '*': k = two('=', TokenKind::StarEq, TokenKind::Star); break;
      case '/': k = two('=', TokenKind::SlashEq, TokenKind::Slash); break;
      case '%': k = two('=', TokenKind::PercentEq, TokenKind::Percent); break;
      case '^': k = two('=', TokenKind::CaretEq, TokenKind::Caret); break;
      case '!': k = two('=', TokenKind::Ne, TokenKind::Not); break;
      case ':': k = two(':', TokenKind::PathSep, TokenKind::Colon); break;
      case '@': k = TokenKind::At; break;
      case ',': k = TokenKind::Comma; break;
      case ';': k = TokenKind::Semi; break;
      case '#': k = TokenKind::Pound; break;
      case '$': k = TokenKind::Dollar; break;
      case '?': k = TokenKind::Question; break;
      case '~': k = TokenKind::Tilde; break;
      case '{': k = TokenKind::LBrace; break;
      case '}': k = TokenKind::RBrace; break;
      case '[': k = TokenKind::LBracket; break;
      case ']': k = TokenKind::RBracket; break;
      case '(': k = TokenKind::LParen; break;
      case ')': k = TokenKind::RParen; break;
      default: return false;
    }
    pos_ += n;
    push(k, begin);
    return true;
  }

  void lexNumber(size_t begin) {
    int base = 10;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'o' || peek(1) == 'b')) {
      base = peek(1) == 'x' ? 16 : peek(1) == 'o' ? 8 : 2;
      pos_ += 2;
    }
    // Digits: for base 16 all hex digits; for others decimal digits (a digit too
    // big for the base is diagnosed below, as rustc does).
    size_t digits_begin = pos_;
    auto isBodyDigit = [&](char ch) {
      if (ch == '_') return true;
      if (base == 16) return digitValue(ch) < 16;
      return isDigit(ch);
    };
    while (!atEnd() && isBodyDigit(peek())) ++pos_;
    std::string_view digits = text_.substr(digits_begin, pos_ - digits_begin);

    bool is_float = false;
    if (base == 10) {
      // `1.5`, `1.` (but not `1..2`, `1.foo`, `1.0.` handled by the parser).
      if (peek() == '.' && peek(1) != '.' && !isIdentStart(peek(1))) {
        is_float = true;
        ++pos_;
        while (!atEnd() && (isDigit(peek()) || peek() == '_')) ++pos_;
      }
      if ((peek() == 'e' || peek() == 'E') &&
          (isDigit(peek(1)) || peek(1) == '_' ||
           ((peek(1) == '+' || peek(1) == '-') && (isDigit(peek(2)) || peek(2) == '_')))) {
        is_float = true;
        ++pos_;
        if (peek() == '+' || peek() == '-') ++pos_;
        size_t exp_begin = pos_;
        bool any = false;
        while (!atEnd() && (isDigit(peek()) || peek() == '_')) {
          any |= peek() != '_';
          ++pos_;
        }
        if (!any) error(DiagnosticKind::EmptyExponent, exp_begin - 1, pos_);
      } else if ((peek() == 'e' || peek() == 'E') &&
                 (peek(1) == '+' || peek(1) == '-' || !isIdentContinue(peek(1)))) {
        // `1e`, `1e+`: an exponent without digits.
        is_float = true;
        size_t e = pos_;
        ++pos_;
        if (peek() == '+' || peek() == '-') ++pos_;
        error(DiagnosticKind::EmptyExponent, e, pos_);
      }
    }
    size_t body_end = pos_;
    size_t suffix_begin = pos_;
    while (!atEnd() && isIdentContinue(peek())) ++pos_;
    std::string_view suffix_text = text_.substr(suffix_begin, pos_ - suffix_begin);
    NumericSuffix suffix = parseSuffix(suffix_text);
    if (!suffix_text.empty() && suffix == NumericSuffix::None) {
      error(DiagnosticKind::InvalidNumberSuffix, suffix_begin, pos_, {std::string(suffix_text)})
          .label("invalid suffix `" + std::string(suffix_text) + "`")
          .help("the suffix must be one of the numeric types (`u32`, `isize`, `f32`, etc.)");
    }
    bool float_suffix = suffix == NumericSuffix::F32 || suffix == NumericSuffix::F64;
    if (base != 10 && float_suffix) {
      const char* name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      error(DiagnosticKind::InvalidFloatBase, begin, pos_, {name});
      suffix = NumericSuffix::None;
    }
    if (is_float || float_suffix) {
      double fv = 0.0;
      if (base == 10) {
        std::string_view body = text_.substr(begin, body_end - begin);
        if (body.find('_') == std::string_view::npos) {
          fv = parseDouble(body);
        } else {
          std::string clean;
          for (char ch : body)
            if (ch != '_') clean += ch;
          fv = parseDouble(clean);
        }
      }
      Token& t = push(TokenKind::FloatLiteral, begin);
      t.float_value = fv;
      t.suffix = (suffix == NumericSuffix::F32 || suffix == NumericSuffix::F64 ||
                  suffix == NumericSuffix::None)
                     ? suffix
                     : NumericSuffix::None;
      if (is_float && !float_suffix && suffix != NumericSuffix::None) {
        // `1.0u32`: integer suffix on a float.
        error(DiagnosticKind::InvalidNumberSuffix, suffix_begin, pos_,
              {std::string(suffix_text)})
            .label("invalid suffix `" + std::string(suffix_text) + "`")
            .help("valid suffixes are `f32` and `f64`");
      }
      return;
    }
    // Integer.
    uint64_t value = 0;
    bool any = false, overflow = false, bad_digit = false;
    size_t bad_at = 0;
    for (size_t i = 0; i < digits.size(); ++i) {
      char ch = digits[i];
      if (ch == '_') continue;
      int d = digitValue(ch);
      if (d >= base) {
        if (!bad_digit) bad_at = digits_begin + i;
        bad_digit = true;
        continue;
      }
      any = true;
      if (value > (UINT64_MAX - uint64_t(d)) / uint64_t(base)) overflow = true;
      value = value * uint64_t(base) + uint64_t(d);
    }
    if (bad_digit) {
      error(DiagnosticKind::InvalidDigit, bad_at, bad_at + 1, {std::to_string(base)})
          .label("invalid digit");
    } else if (!any) {
      error(DiagnosticKind::NoDigits, begin, pos_);
    } else if (overflow) {
      error(DiagnosticKind::IntegerTooLarge, begin, pos_)
          .note("value exceeds limit of `18446744073709551615`");
    }
    Token& t = push(TokenKind::IntLiteral, begin);
    t.int_value = overflow ? 0 : value;
    t.suffix = suffix;
  }

  // Parses an escape after the backslash at pos_-1. Returns false after
  // diagnosing; *cp receives the value. `byte`: \x up to FF, no \u.
  bool lexEscape(size_t backslash, bool byte, uint32_t* cp) {
    if (atEnd()) return false;
    char e = peek();
    ++pos_;
    switch (e) {
      case 'n': *cp = '\n'; return true;
      case 'r': *cp = '\r'; return true;
      case 't': *cp = '\t'; return true;
      case '\\': *cp = '\\'; return true;
      case '0': *cp = 0; return true;
      case '\'': *cp = '\''; return true;
      case '"': *cp = '"'; return true;
      case 'x': {
        int hi = digitValue(peek()), lo = digitValue(peek(1));
        if (hi >= 16 || lo >= 16) {
          error(DiagnosticKind::UnknownEscape, backslash, pos_, {"\\x"})
              .label("numeric character escape is `\\xHH`");
          return false;
        }
        pos_ += 2;
        *cp = uint32_t(hi * 16 + lo);
        if (!byte && *cp > 0x7F) {
          error(DiagnosticKind::UnknownEscape, backslash, pos_,
                {std::string(text_.substr(backslash, pos_ - backslash))})
              .label("must be a character in the range [\\x00-\\x7f]");
          return false;
        }
        return true;
      }
      case 'u': {
        if (peek() != '{') {
          error(DiagnosticKind::InvalidUnicodeEscape, backslash, pos_).label("expected `{`");
          return false;
        }
        ++pos_;
        uint32_t v = 0;
        int n = 0;
        bool ok = true;
        while (!atEnd() && peek() != '}' && peek() != '\'' && peek() != '"') {
          char h = peek();
          ++pos_;
          if (h == '_') continue;
          int d = digitValue(h);
          if (d >= 16) ok = false;
          else v = v * 16 + uint32_t(d);
          ++n;
        }
        if (peek() == '}') ++pos_;
        else ok = false;
        if (byte) {
          // The whole `\u{...}` is skipped so that the literal still ends where it should.
          error(DiagnosticKind::InvalidUnicodeEscape, backslash, pos_)
              .label("unicode escape in byte literal");
          return false;
        }
        if (!ok || n == 0 || n > 6 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
          error(DiagnosticKind::InvalidUnicodeEscape, backslash, pos_);
          return false;
        }
        *cp = v;
        return true;
      }
      default: {
        size_t end = pos_;
        std::string shown = "\\";
        shown += e;
        error(DiagnosticKind::UnknownEscape, backslash, end, {shown})
            .label("unknown character escape");
        return false;
      }
    }
  }

  void lexChar(size_t begin, bool byte) {
    // pos_ is at the opening quote.
    ++pos_;
    if (!byte) {
      // Lifetime or label: 'ident not followed by a closing quote.
      if (isIdentStart(peek()) && peek(1) != '\'') {
        size_t name_begin = pos_;
        while (!atEnd() && isIdentContinue(peek())) ++pos_;
        if (peek() == '\'') {
          // 'abc' : a multi-character literal.
          ++pos_;
          error(DiagnosticKind::CharTooLong, begin, pos_)
              .help("if you meant to write a string literal, use double quotes");
          Token& t = push(TokenKind::CharLiteral, begin);
          t.char_value = (unsigned char)text_[name_begin];
          return;
        }
        push(TokenKind::Lifetime, begin);
        return;
      }
    }
    if (peek() == '\'') {
      ++pos_;
      error(DiagnosticKind::EmptyChar, begin, pos_);
      push(byte ? TokenKind::ByteLiteral : TokenKind::CharLiteral, begin);
      return;
    }
    uint32_t value = 0;
    if (atEnd() || peek() == '\n') {
      error(DiagnosticKind::UnterminatedChar, begin, pos_);
      push(byte ? TokenKind::ByteLiteral : TokenKind::CharLiteral, begin);
      return;
    }
    if (peek() == '\\') {
      size_t bs = pos_;
      ++pos_;
      lexEscape(bs, byte, &value);
    } else {
      size_t at = pos_;
      value = nextCodepoint();
      if (byte && value > 0x7F)
        error(DiagnosticKind::NonAsciiInByteLiteral, at, pos_)
            .label("must be ASCII")
            .help("use a \\xHH escape for a non-ASCII byte");
    }
    if (peek() == '\'') {
      ++pos_;
    } else {
      // More than one codepoint before a closing quote on this line?
      size_t scan = pos_;
      while (scan < text_.size() && text_[scan] != '\'' && text_[scan] != '\n' &&
             scan - pos_ < 64)
        ++scan;
      if (scan < text_.size() && text_[scan] == '\'') {
        pos_ = scan + 1;
        error(DiagnosticKind::CharTooLong, begin, pos_)
            .help("if you meant to write a string literal, use double quotes");
      } else {
        error(DiagnosticKind::UnterminatedChar, begin, pos_);
      }
    }
    Token& t = push(byte ? TokenKind::ByteLiteral : TokenKind::CharLiteral, begin);
    t.char_value = value;
  }

  void lexString(size_t begin, bool byte) {
    ++pos_;  // opening quote
    std::string value;
    while (true) {
      if (atEnd()) {
        error(DiagnosticKind::UnterminatedString, begin, pos_);
        break;
      }
      char c = peek();
      if (c == '"') {
        ++pos_;
        break;
      }
      if (c == '\\') {
        size_t bs = pos_;
        ++pos_;
        if (peek() == '\n' || (peek() == '\r' && peek(1) == '\n')) {
          // Line continuation: skip the newline and leading whitespace.
          while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++pos_;
          continue;
        }
        uint32_t cp = 0;
        if (lexEscape(bs, byte, &cp)) {
          if (byte) value += char(cp);
          else appendUtf8(value, cp);
        }
        continue;
      }
      size_t at = pos_;
      uint32_t cp = nextCodepoint();
      if (byte && cp > 0x7F)
        error(DiagnosticKind::NonAsciiInByteLiteral, at, pos_).label("must be ASCII");
      value.append(text_.substr(at, pos_ - at));
    }
    TokenString sv = intern(std::move(value));
    Token& t = push(byte ? TokenKind::ByteStringLiteral : TokenKind::StringLiteral, begin);
    t.string_value = sv;
  }

  // pos_ is just after the `r` (or `br`).
  void lexRawString(size_t begin, bool byte) {
    size_t hashes = 0;
    while (peek() == '#') {
      ++hashes;
      ++pos_;
    }
    if (peek() != '"') {
      error(DiagnosticKind::UnterminatedRawString, begin, pos_)
          .label("expected `\"` after the `#`s");
      push(TokenKind::Error, begin);
      return;
    }
    ++pos_;
    size_t body = pos_;
    while (true) {
      if (atEnd()) {
        error(DiagnosticKind::UnterminatedRawString, begin, begin + 1 + (byte ? 1 : 0) + hashes)
            .label("unterminated raw string")
            .note("this raw string should be terminated with `\"" + std::string(hashes, '#') +
                  "`");
        TokenString sv = intern(std::string(text_.substr(body)));
        Token& t = push(byte ? TokenKind::ByteStringLiteral : TokenKind::StringLiteral, begin);
        t.string_value = sv;
        t.raw = true;
        return;
      }
      if (byte && (unsigned char)peek() > 0x7F) {
        size_t at = pos_;
        nextCodepoint();
        error(DiagnosticKind::NonAsciiInByteLiteral, at, pos_).label("must be ASCII");
        continue;
      }
      if (peek() == '"') {
        size_t n = 0;
        while (n < hashes && peek(1 + n) == '#') ++n;
        if (n == hashes) {
          std::string value(text_.substr(body, pos_ - body));
          pos_ += 1 + hashes;
          TokenString sv = intern(std::move(value));
          Token& t = push(byte ? TokenKind::ByteStringLiteral : TokenKind::StringLiteral, begin);
          t.string_value = sv;
          t.raw = true;
          return;
        }
      }
      ++pos_;
    }
  }

  FileId file_;
  std::string_view text_;
  DiagnosticEngine& diags_;
  TokenizedBuffer* out_ = nullptr;
  size_t pos_ = 0;
};

}  // namespace

TokenizedBuffer lex(const SourceManager& sources, FileId file, DiagnosticEngine& diags) {
  return Lexer(sources, file, diags).run();
}

}  // namespace hematite::lex
