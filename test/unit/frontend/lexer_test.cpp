#include <gtest/gtest.h>

#include "test_util.h"

using namespace hematite;
using lex::TokenKind;

namespace {

// Compact form of the token stream: keywords/punctuation by spelling, others
// as kind:value[:suffix]. EndOfFile is omitted.
std::string toks(const std::string& src, std::vector<std::string>* codes = nullptr) {
  auto c = test::lexOnly(src);
  if (codes) *codes = c->codes();
  else EXPECT_FALSE(c->diags.hasErrors()) << c->rendered();
  std::string out;
  for (const auto& t : c->tokens.tokens) {
    if (t.kind == TokenKind::EndOfFile) break;
    if (!out.empty()) out += " ";
    std::string suf = lex::numericSuffixName(t.suffix);
    switch (t.kind) {
      case TokenKind::Identifier: out += (t.raw ? "rident:" : "ident:") + std::string(t.text); break;
      case TokenKind::Lifetime: out += "lifetime:" + std::string(t.text); break;
      case TokenKind::IntLiteral: out += "int:" + std::to_string(t.int_value) + (suf.empty() ? "" : ":" + suf); break;
      case TokenKind::FloatLiteral: {
        char buf[64];
        snprintf(buf, sizeof buf, "%g", t.float_value);
        out += std::string("float:") + buf + (suf.empty() ? "" : ":" + suf);
        break;
      }
      case TokenKind::CharLiteral: out += "char:" + std::to_string(t.char_value); break;
      case TokenKind::ByteLiteral: out += "byte:" + std::to_string(t.char_value); break;
      case TokenKind::StringLiteral: out += std::string(t.raw ? "rstr:" : "str:") + "[" + t.string_value + "]"; break;
      case TokenKind::ByteStringLiteral: out += std::string(t.raw ? "rbstr:" : "bstr:") + "[" + t.string_value + "]"; break;
      case TokenKind::Error: out += "error"; break;
      default: out += lex::tokenSpelling(t.kind); break;
    }
  }
  return out;
}

}  // namespace

TEST(Lexer, IdentifiersAndKeywords) {
  EXPECT_EQ(toks("fn foo _bar r#match match _ Self self"),
            "fn ident:foo ident:_bar rident:match match _ Self self");
  EXPECT_EQ(toks("u32 usize gpu"), "ident:u32 ident:usize ident:gpu");
}

TEST(Lexer, Punctuation) {
  EXPECT_EQ(toks("+ - * / % ^ ! & | && || << >> += -= *= /= %= ^= &= |= <<= >>="),
            "+ - * / % ^ ! & | && || << >> += -= *= /= %= ^= &= |= <<= >>=");
  EXPECT_EQ(toks("= == != > < >= <= @ . .. ... ..= , ; : :: -> => # $ ? ~ { } [ ] ( )"),
            "= == != > < >= <= @ . .. ... ..= , ; : :: -> => # $ ? ~ { } [ ] ( )");
  EXPECT_EQ(toks("a..=b"), "ident:a ..= ident:b");
  EXPECT_EQ(toks("x<<=2"), "ident:x <<= int:2");
}

TEST(Lexer, IntegerLiterals) {
  EXPECT_EQ(toks("0 42 1_000_000 0xff 0xFF_u8 0o777 0b1010_1010 7u32 255u8 9i64 3usize 4isize"),
            "int:0 int:42 int:1000000 int:255 int:255:u8 int:511 int:170 int:7:u32 int:255:u8 "
            "int:9:i64 int:3:usize int:4:isize");
  EXPECT_EQ(toks("1i8 1i16 1i32 1i128 1u16 1u64 1u128"),
            "int:1:i8 int:1:i16 int:1:i32 int:1:i128 int:1:u16 int:1:u64 int:1:u128");
  EXPECT_EQ(toks("18446744073709551615"), "int:18446744073709551615");
  // Ranges and method calls are not floats.
  EXPECT_EQ(toks("0..10"), "int:0 .. int:10");
  EXPECT_EQ(toks("1.max(2)"), "int:1 . ident:max ( int:2 )");
}

TEST(Lexer, FloatLiterals) {
  EXPECT_EQ(toks("1.5 2. 1e10 2.5E-3 1_0.2_5 3f32 1.0f64 6.02e+23_f32"),
            "float:1.5 float:2 float:1e+10 float:0.0025 float:10.25 float:3:f32 float:1:f64 "
            "float:6.02e+23:f32");
}

TEST(Lexer, CharAndByteLiterals) {
  EXPECT_EQ(toks(R"('a' '\n' '\'' '\\' '\x41' '\u{1F600}' 'é' b'a' b'\xff' b'\0')"),
            "char:97 char:10 char:39 char:92 char:65 char:128512 char:233 byte:97 byte:255 byte:0");
}

TEST(Lexer, StringLiterals) {
  EXPECT_EQ(toks(R"("hi\tthere\n" "\u{e9}\"" b"ab\xff")"),
            "str:[hi\tthere\n] str:[é\"] bstr:[ab\xff]");
  EXPECT_EQ(toks("r\"a\\nb\" r#\"quote \" inside\"# br\"raw\" br##\"x\"#y\"##"),
            "rstr:[a\\nb] rstr:[quote \" inside] rbstr:[raw] rbstr:[x\"#y]");
  // Line continuation.
  EXPECT_EQ(toks("\"a\\\n    b\""), "str:[ab]");
}

TEST(Lexer, LifetimesAndLabels) {
  EXPECT_EQ(toks("'a: loop { break 'a; } &'static"),
            "lifetime:'a : loop { break lifetime:'a ; } & lifetime:'static");
}

TEST(Lexer, Comments) {
  auto c = test::lexOnly("a // line\n/* block /* nested */ still */ b /// doc\n//! inner\n/** outer */ c");
  EXPECT_FALSE(c->diags.hasErrors());
  ASSERT_EQ(c->tokens.tokens.size(), 4u);
  EXPECT_EQ(c->tokens.tokens[1].text, "b");
  ASSERT_EQ(c->tokens.doc_comments.size(), 3u);
  EXPECT_EQ(c->tokens.doc_comments[0].text, " doc");
  EXPECT_FALSE(c->tokens.doc_comments[0].inner);
  EXPECT_TRUE(c->tokens.doc_comments[1].inner);
  EXPECT_EQ(c->tokens.doc_comments[2].text, " outer ");
}

TEST(Lexer, SpansAreByteRanges) {
  auto c = test::lexOnly("let xy = 10u8;");
  const auto& t = c->tokens.tokens;
  EXPECT_EQ(t[1].span.begin, 4u);
  EXPECT_EQ(t[1].span.end, 6u);
  EXPECT_EQ(t[3].span.begin, 9u);
  EXPECT_EQ(t[3].span.end, 13u);
  EXPECT_EQ(t.back().kind, TokenKind::EndOfFile);
}

TEST(Lexer, ErrorsAreReportedAndLexingContinues) {
  std::vector<std::string> codes;
  // Unknown characters become Error tokens; the rest still lexes.
  EXPECT_EQ(toks("a $$ b", &codes), "ident:a $ $ ident:b");
  EXPECT_EQ(toks("a ` b € c", &codes), "ident:a error ident:b error ident:c");
  EXPECT_EQ(codes, (std::vector<std::string>{"H0100", "H0100"}));

  struct Case {
    const char* src;
    const char* code;
  } cases[] = {
      {"/* never closed", "H0101"},
      {"\"never closed", "H0102"},
      {"'a", "H0103"},          // a lifetime at EOF is fine... see below
      {"''", "H0104"},
      {"'\\q'", "H0105"},
      {"1xyz", "H0106"},
      {"0x", "H0107"},
      {"0b102", "H0108"},
      {"99999999999999999999", "H0109"},
      {"r#\"abc", "H0110"},
      {"'ab'", "H0111"},
      {"b'é'", "H0112"},
      {"'\\u{110000}'", "H0113"},
      {"1e+", "H0114"},
      {"0x1f32 0b1f64", "H0115"},
  };
  for (const auto& c : cases) {
    auto comp = test::lexOnly(c.src);
    std::vector<std::string> got = comp->codes();
    if (std::string(c.code) == "H0103") {
      // `'a` alone is a lifetime; an unterminated char needs a non-ident char.
      comp = test::lexOnly("'%");
      got = comp->codes();
    }
    ASSERT_FALSE(got.empty()) << c.src;
    EXPECT_EQ(got[0], c.code) << c.src << "\n" << comp->rendered();
    EXPECT_EQ(comp->tokens.tokens.back().kind, TokenKind::EndOfFile);
  }
}

TEST(Lexer, ValuesAfterErrorsAreStillUsable) {
  auto c = test::lexOnly("\"a\\qb\" 5");
  EXPECT_EQ(c->codes(), std::vector<std::string>{"H0105"});
  ASSERT_EQ(c->tokens.tokens.size(), 3u);
  EXPECT_EQ(c->tokens.tokens[0].string_value, "ab");
  EXPECT_EQ(c->tokens.tokens[1].int_value, 5u);
}

TEST(Lexer, RawIdentifiers) {
  EXPECT_EQ(toks("r#fn r#type r#foo r#match_ r"), "rident:fn rident:type rident:foo rident:match_ ident:r");
  auto c = test::lexOnly("r#while");
  EXPECT_EQ(c->tokens.tokens[0].text, "while");
  EXPECT_EQ(c->tokens.tokens[0].span.end, 7u);
}

TEST(Lexer, IntegerForms) {
  EXPECT_EQ(toks("0x7F 0o17 0b_1 1__2 0xdead_BEEF_u64 0b1111_0000u8 0o7_i16"),
            "int:127 int:15 int:1 int:12 int:3735928559:u64 int:240:u8 int:7:i16");
  EXPECT_EQ(toks("1u8 1i8 1u16 1i16 1u32 1i32 1u64 1i64 1u128 1i128 1usize 1isize 1_usize"),
            "int:1:u8 int:1:i8 int:1:u16 int:1:i16 int:1:u32 int:1:i32 int:1:u64 int:1:i64 "
            "int:1:u128 int:1:i128 int:1:usize int:1:isize int:1:usize");
  // `0x1f32` is a hexadecimal integer (the `f32` is digits), as in Rust.
  EXPECT_EQ(toks("0x1f32"), "int:7986");
  // Tuple indices and ranges.
  EXPECT_EQ(toks("t.0.1"), "ident:t . float:0.1");
  EXPECT_EQ(toks("1..2 1..=2 1...2"), "int:1 .. int:2 int:1 ..= int:2 int:1 ... int:2");
}

TEST(Lexer, FloatForms) {
  EXPECT_EQ(toks("1e10 1E10 1.5E-3f32 1.5e+3 1e-0 2.5f64 0.1_f32 1_000.5e1_0"),
            "float:1e+10 float:1e+10 float:0.0015:f32 float:1500 float:1 float:2.5:f64 "
            "float:0.1:f32 float:1.0005e+13");
  // `1.` is a float; `1.foo` a field/method access; `1..2` a range.
  EXPECT_EQ(toks("1."), "float:1");
  EXPECT_EQ(toks("1. + 2"), "float:1 + int:2");
  EXPECT_EQ(toks("1.foo"), "int:1 . ident:foo");
  EXPECT_EQ(toks("1.e5"), "int:1 . ident:e5");
  EXPECT_EQ(toks("1.0.abs()"), "float:1 . ident:abs ( )");
  EXPECT_EQ(toks("1f32 1f64 1e3f32"), "float:1:f32 float:1:f64 float:1000:f32");
}

TEST(Lexer, CharEscapes) {
  EXPECT_EQ(toks(R"('\n' '\r' '\t' '\\' '\0' '\'' '\"' '"' '\x7F' '\u{10FFFF}' '\u{0}' '\u{1_F6_00}')"),
            "char:10 char:13 char:9 char:92 char:0 char:39 char:34 char:34 char:127 char:1114111 "
            "char:0 char:128512");
  EXPECT_EQ(toks(R"(b'\n' b'\r' b'\t' b'\\' b'\0' b'\'' b'"' b'\x7F' b'\xFF')"),
            "byte:10 byte:13 byte:9 byte:92 byte:0 byte:39 byte:34 byte:127 byte:255");
  std::vector<std::string> codes;
  toks(R"('\x80')", &codes);  // char \x escapes stop at 7F
  EXPECT_EQ(codes, std::vector<std::string>{"H0105"});
  toks(R"(b'\u{41}')", &codes);  // no unicode escapes in byte literals
  EXPECT_EQ(codes, std::vector<std::string>{"H0113"});
  toks(R"('\u{D800}')", &codes);  // surrogates are not chars
  EXPECT_EQ(codes, std::vector<std::string>{"H0113"});
}

TEST(Lexer, StringEscapesAndContinuations) {
  EXPECT_EQ(toks(R"("\n\r\t\\\0\'\"\x7F\u{10FFFF}")"),
            std::string("str:[\n\r\t\\") + '\0' + "'\"\x7F\xF4\x8F\xBF\xBF]");
  EXPECT_EQ(toks("\"a\\\r\n  \t b\""), "str:[ab]");       // CRLF continuation
  EXPECT_EQ(toks("\"a\\\n\n   b\""), "str:[ab]");          // over blank lines
  EXPECT_EQ(toks("\"multi\nline\""), "str:[multi\nline]");  // raw newlines kept
  EXPECT_EQ(toks(R"(b"\x00\xFF\n")"), std::string("bstr:[") + '\0' + "\xFF\n]");
}

TEST(Lexer, RawStrings) {
  EXPECT_EQ(toks(R"##(r"" r"\n" r#""# r#"a"b"# r##"a"#b"## br"" br#"\x"# rb)##"),
            "rstr:[] rstr:[\\n] rstr:[] rstr:[a\"b] rstr:[a\"#b] rbstr:[] rbstr:[\\x] ident:rb");
  std::vector<std::string> codes;
  toks("br\"\xC3\xA9\"", &codes);  // raw byte strings are ASCII too
  EXPECT_EQ(codes, std::vector<std::string>{"H0112"});
}

TEST(Lexer, LifetimesVersusChars) {
  EXPECT_EQ(toks("'a 'a' '_ '_' 'static 'outer: 'ab_1"),
            "lifetime:'a char:97 lifetime:'_ char:95 lifetime:'static lifetime:'outer : "
            "lifetime:'ab_1");
  EXPECT_EQ(toks("fn f<'a>(x: &'a u8) {}"),
            "fn ident:f < lifetime:'a > ( ident:x : & lifetime:'a ident:u8 ) { }");
}

TEST(Lexer, NestedAndDocComments) {
  EXPECT_EQ(toks("a /* 1 /* 2 /* 3 */ 2 */ 1 */ b"), "ident:a ident:b");
  EXPECT_EQ(toks("a /**/ b /***/ c //// d\n e"), "ident:a ident:b ident:c ident:e");
  auto c = test::lexOnly("/*! inner\n block */ //! line\n/// x\n/** y */ fn f() {}");
  EXPECT_FALSE(c->diags.hasErrors()) << c->rendered();
  ASSERT_EQ(c->tokens.doc_comments.size(), 4u);
  EXPECT_TRUE(c->tokens.doc_comments[0].inner);
  EXPECT_EQ(c->tokens.doc_comments[0].text, " inner\n block ");
  EXPECT_TRUE(c->tokens.doc_comments[1].inner);
  EXPECT_FALSE(c->tokens.doc_comments[2].inner);
  EXPECT_FALSE(c->tokens.doc_comments[3].inner);
  // `/**/` and `/***/` are plain comments.
  auto d = test::lexOnly("/**/ /***/ x");
  EXPECT_TRUE(d->tokens.doc_comments.empty());
}

TEST(Lexer, Shebang) {
  EXPECT_EQ(toks("#!/usr/bin/env run\nfn f() {}"), "fn ident:f ( ) { }");
  // `#![attr]` at the start is an inner attribute, not a shebang.
  EXPECT_EQ(toks("#![allow(x)]"), "# ! [ ident:allow ( ident:x ) ]");
}
