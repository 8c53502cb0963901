#include "frontend/parse/parser.h"

namespace hematite::parse {

using namespace ast;
using lex::Token;
using lex::TokenKind;
using TK = lex::TokenKind;

namespace {

class Parser {
 public:
  Parser(const lex::TokenizedBuffer& buf, DiagnosticEngine& diags)
      : toks_(buf.tokens.data()), ntoks_(buf.tokens.size()), file_(buf.file), diags_(diags) {}

  Crate parseCrate() {
    Crate crate;
    crate.file = file_;
    while (at(TK::Pound) && peekKind(1) == TK::Not) crate.inner_attrs.push_back(parseAttribute());
    while (!at(TK::EndOfFile)) {
      size_t start = pos_;
      ItemPtr item = parseItem();
      if (recovering_) recoverToItem();
      if (item) crate.items.push_back(std::move(item));
      if (pos_ == start) advance();  // guarantee progress
    }
    return crate;
  }

  ExprPtr parseSingleExpression() {
    ExprPtr e = parseExpr();
    if (!at(TK::EndOfFile)) expectedError("end of input");
    return e;
  }

 private:
  // ------------------------------------------------------------ token access
  // The token at `i`: the buffer's, or the rest of a token split by eatSplit.
  const Token& tok(size_t i) const { return i == split_pos_ ? split_tok_ : toks_[i]; }
  const Token& cur() const { return tok(pos_); }
  TK kind() const { return cur().kind; }
  TK peekKind(size_t n) const {
    return pos_ + n < ntoks_ ? tok(pos_ + n).kind : TK::EndOfFile;
  }
  bool at(TK k) const { return kind() == k; }
  const Token& advance() {
    const Token& t = cur();
    if (pos_ + 1 < ntoks_) ++pos_;
    prev_end_ = t.span;
    prev_kind_ = t.kind;
    return t;
  }
  bool eat(TK k) {
    if (!at(k)) return false;
    advance();
    return true;
  }
  Span curSpan() const { return cur().span; }
  // Span from `begin` to the end of the last consumed token.
  Span spanFrom(Span begin) const { return Span{file_, begin.begin, prev_end_.end}; }

  // Replaces the current token by its rest after the first character (the
  // token buffer is shared and stays as the lexer made it).
  Token& splitCur() {
    if (split_pos_ != pos_) {
      split_tok_ = toks_[pos_];
      split_pos_ = pos_;
    }
    return split_tok_;
  }
  // Splits `>>`, `>=`, `>>=` when a single `>` is wanted (generic args), and
  // `&&` when a single `&` is wanted, `||` for closures.
  bool eatSplit(TK want) {
    if (at(want)) {
      advance();
      return true;
    }
    const Token& c = cur();
    TK rest;
    if (want == TK::Gt && c.kind == TK::Shr) rest = TK::Gt;
    else if (want == TK::Gt && c.kind == TK::Ge) rest = TK::Eq;
    else if (want == TK::Gt && c.kind == TK::ShrEq) rest = TK::Ge;
    else if (want == TK::And && c.kind == TK::AndAnd) rest = TK::And;
    else if (want == TK::Or && c.kind == TK::OrOr) rest = TK::Or;
    else return false;
    Token& t = splitCur();
    prev_end_ = Span{file_, t.span.begin, t.span.begin + 1};
    t.kind = rest;
    t.span.begin += 1;
    t.text = t.text.substr(1);
    return true;
  }

  // ------------------------------------------------------------ errors
  std::string describe(const Token& t) const {
    switch (t.kind) {
      case TK::Identifier: return "identifier `" + std::string(t.text) + "`";
      case TK::EndOfFile: return "end of file";
      case TK::IntLiteral:
      case TK::FloatLiteral:
      case TK::CharLiteral:
      case TK::ByteLiteral:
      case TK::StringLiteral:
      case TK::ByteStringLiteral:
      case TK::Lifetime: return lex::describeTokenKind(t.kind) + " `" + std::string(t.text) + "`";
      default: return lex::describeTokenKind(t.kind);
    }
  }
  // Reports unless an error was already reported at this token.
  Diagnostic* report(DiagnosticKind k, Span span, std::vector<std::string> args) {
    recovering_ = true;
    if (last_error_pos_ == pos_) return nullptr;
    last_error_pos_ = pos_;
    return &diags_.report(k, span, std::move(args));
  }
  void expectedError(const std::string& what) {
    if (nesting_reported_) return;  // the rest of the file was skipped
    if (at(TK::EndOfFile) && !open_delims_.empty()) {
      // Point just past the last real token, as rustc does.
      Span at = prev_end_.valid() ? Span{file_, prev_end_.end, prev_end_.end} : curSpan();
      if (Diagnostic* d = report(DiagnosticKind::UnclosedDelimiter, at, {}))
        d->secondary(open_delims_.back(), "unclosed delimiter");
      return;
    }
    if (Diagnostic* d = report(DiagnosticKind::ExpectedToken, curSpan(), {what, describe(cur())}))
      d->label("expected " + what);
  }
  bool expect(TK k) {
    if (k == TK::Gt ? eatSplit(TK::Gt) : eat(k)) return true;
    expectedError(std::string("`") + lex::tokenSpelling(k) + "`");
    return false;
  }
  bool expectIdent(Ident* out) {
    if (at(TK::Identifier)) {
      const Token& t = advance();
      *out = Ident{std::string(t.text), t.span};
      return true;
    }
    expectedError("identifier");
    return false;
  }

  // Skips balanced tokens until `;` (consumed) or an unmatched `}` (kept) at depth 0.
  void recoverToStmt() {
    int depth = 0;
    while (!at(TK::EndOfFile)) {
      TK k = kind();
      if (depth == 0 && k == TK::Semi) {
        advance();
        break;
      }
      if (depth == 0 && k == TK::RBrace) break;
      if (k == TK::LBrace || k == TK::LParen || k == TK::LBracket) depth++;
      if (k == TK::RBrace || k == TK::RParen || k == TK::RBracket) depth--;
      advance();
      // A `}` that closes a nested group ends a block-like statement.
      if (depth == 0 && k == TK::RBrace) break;
    }
    recovering_ = false;
  }
  bool atItemStart() const {
    switch (kind()) {
      case TK::KwFn: case TK::KwPub: case TK::KwStruct: case TK::KwUse: case TK::KwStatic:
      case TK::KwImpl: case TK::KwTrait: case TK::KwEnum: case TK::KwMod: case TK::KwType:
      case TK::KwExtern: case TK::Pound:
        return true;
      case TK::KwConst: return peekKind(1) != TK::LBrace;
      case TK::KwUnsafe: return peekKind(1) == TK::KwFn || peekKind(1) == TK::KwImpl ||
                                peekKind(1) == TK::KwTrait || peekKind(1) == TK::KwExtern;
      case TK::Identifier:
        return (cur().text == "union" && peekKind(1) == TK::Identifier) ||
               (cur().text == "macro_rules" && peekKind(1) == TK::Not);
      default: return false;
    }
  }
  // Skips to the next item start at this nesting level. in_braces: the items
  // are inside `{ }` (impl, trait, mod), so an unmatched `}` ends the list.
  void recoverToItem(bool in_braces = false) {
    int depth = 0;
    while (!at(TK::EndOfFile)) {
      if (depth == 0 && atItemStart()) break;
      TK k = kind();
      if (in_braces && depth == 0 && k == TK::RBrace) break;
      if (k == TK::LBrace || k == TK::LParen || k == TK::LBracket) depth++;
      if (k == TK::RBrace || k == TK::RParen || k == TK::RBracket) {
        if (depth > 0) depth--;
      }
      advance();
    }
    recovering_ = false;
  }
  // Skips one balanced token tree starting at an opening delimiter.
  void skipTokenTree() {
    TK open = kind();
    if (open != TK::LParen && open != TK::LBracket && open != TK::LBrace) {
      advance();
      return;
    }
    Span open_span = curSpan();
    int depth = 0;
    while (!at(TK::EndOfFile)) {
      TK k = kind();
      if (k == TK::LBrace || k == TK::LParen || k == TK::LBracket) depth++;
      if (k == TK::RBrace || k == TK::RParen || k == TK::RBracket) depth--;
      advance();
      if (depth == 0) return;
    }
    open_delims_.push_back(open_span);
    expectedError("closing delimiter");
    open_delims_.pop_back();
  }

  // ------------------------------------------------------------ attributes
  Attribute parseAttribute() {
    Attribute a;
    Span begin = curSpan();
    advance();  // #
    a.inner = eat(TK::Not);
    if (!expect(TK::LBracket)) return a;
    open_delims_.push_back(prev_end_);
    a.path = parsePathNoGenerics();
    if (at(TK::LParen)) {
      a.has_args = true;
      advance();
      while (!at(TK::RParen) && !at(TK::EndOfFile)) {
        AttrArg arg;
        Span ab = curSpan();
        if (at(TK::Identifier) || lex::isKeyword(kind())) {
          arg.path = parsePathNoGenerics();
          if (eat(TK::Eq)) arg.value = parseUnary();
          else if (at(TK::LParen)) skipTokenTree();  // nested meta: `cfg(any(...))`
        } else {
          arg.value = parseUnary();
        }
        arg.span = spanFrom(ab);
        a.args.push_back(std::move(arg));
        if (!eat(TK::Comma)) break;
      }
      expect(TK::RParen);
    } else if (eat(TK::Eq)) {
      a.value = parseUnary();
    }
    if (expect(TK::RBracket)) open_delims_.pop_back();
    else {
      open_delims_.pop_back();
      while (!at(TK::EndOfFile) && !at(TK::RBracket)) advance();
      eat(TK::RBracket);
      recovering_ = false;
    }
    a.span = spanFrom(begin);
    return a;
  }
  std::vector<Attribute> parseOuterAttributes() {
    std::vector<Attribute> attrs;
    while (at(TK::Pound)) attrs.push_back(parseAttribute());
    return attrs;
  }

  // ------------------------------------------------------------ paths
  bool atPathStart() const {
    TK k = kind();
    return k == TK::Identifier || k == TK::KwSelfValue || k == TK::KwSelfType ||
           k == TK::KwSuper || k == TK::KwCrate || k == TK::PathSep;
  }
  bool parseSegment(PathSegment* seg) {
    TK k = kind();
    if (k == TK::Identifier || k == TK::KwSelfValue || k == TK::KwSelfType ||
        k == TK::KwSuper || k == TK::KwCrate ||
        (lex::isKeyword(k) && k != TK::KwAs)) {  // attribute paths may be keywords
      const Token& t = advance();
      seg->ident = Ident{std::string(t.text), t.span};
      return true;
    }
    expectedError("identifier");
    return false;
  }
  Path parsePathNoGenerics() {
    Path p;
    Span begin = curSpan();
    p.global = eat(TK::PathSep);
    do {
      if (!parseSegment(&p.segments.emplace_back())) {
        p.segments.pop_back();
        break;
      }
    } while (at(TK::PathSep) && (peekKind(1) == TK::Identifier || lex::isKeyword(peekKind(1))) &&
             eat(TK::PathSep));
    p.span = spanFrom(begin);
    return p;
  }
  void parseGenericArgs(PathSegment* seg) {
    // At `<`.
    advance();
    seg->has_generic_args = true;
    while (!at(TK::EndOfFile) && !at(TK::Gt) && !at(TK::Shr) && !at(TK::Ge) && !at(TK::ShrEq)) {
      if (at(TK::Lifetime)) {
        advance();  // lifetimes are dropped
      } else if (at(TK::LBrace) || atLiteral() ||
                 (at(TK::Minus) && (peekKind(1) == TK::IntLiteral ||
                                    peekKind(1) == TK::FloatLiteral))) {
        seg->generic_args.push_back(parseConstArg());
      } else if (at(TK::Identifier) && peekKind(1) == TK::Eq) {
        // Associated type binding `Output = T`.
        Ident name{std::string(cur().text), cur().span};
        advance();
        advance();
        seg->assoc_bindings.push_back({name, parseType()});
      } else if (at(TK::Identifier) && peekKind(1) == TK::Colon) {
        advance();  // associated type constraint `Item: Bound`: dropped
        advance();
        parseBounds();
      } else {
        seg->generic_args.push_back(parseType());
      }
      if (!eat(TK::Comma)) break;
    }
    expect(TK::Gt);
  }
  // A const generic argument: a literal, `-literal`, or a block `{ N + 1 }`.
  TypePtr parseConstArg() {
    Span begin = curSpan();
    ExprPtr e;
    if (at(TK::LBrace)) {
      bool saved = no_struct_;
      no_struct_ = false;
      e = parseBlockExpr(false);
      no_struct_ = saved;
    } else {
      e = parseUnary();
    }
    auto t = makeType(TypeKind::ConstArg, spanFrom(begin));
    t->len = std::move(e);
    return t;
  }
  // `Fn(A, B) -> C` in a bound or type: the inputs as a Tuple type, then the
  // output type (`()` when absent), as the segment's two generic arguments.
  void parseParenthesizedArgs(PathSegment* seg) {
    Span begin = curSpan();
    advance();  // (
    auto inputs = makeType(TypeKind::Tuple, begin);
    while (!at(TK::RParen) && !at(TK::EndOfFile)) {
      inputs->elems.push_back(parseType());
      if (!eat(TK::Comma)) break;
    }
    expect(TK::RParen);
    inputs->span = spanFrom(begin);
    TypePtr output;
    if (eat(TK::RArrow)) output = parseTypeNoBounds();
    else output = makeType(TypeKind::Tuple, spanFrom(begin));
    seg->has_generic_args = true;
    seg->generic_args.push_back(std::move(inputs));
    seg->generic_args.push_back(std::move(output));
  }

  // Skips `for<'a, ...>` (higher-ranked lifetimes) if present.
  void skipForLifetimes() {
    if (!at(TK::KwFor) || peekKind(1) != TK::Lt) return;
    advance();
    advance();
    while (!at(TK::EndOfFile) && !at(TK::Gt)) {
      if (!at(TK::Lifetime) && !at(TK::Comma)) break;
      advance();
    }
    expect(TK::Gt);
  }

  // `Trait + Other<T> + ?Sized + 'a`: the trait paths (`?Trait` and lifetimes
  // dropped). May be empty (`T:`).
  std::vector<Path> parseBounds() {
    std::vector<Path> out;
    while (true) {
      if (at(TK::Lifetime)) {
        advance();
      } else if (at(TK::Question)) {
        advance();
        skipForLifetimes();
        parsePath(/*in_expr=*/false);
      } else if (at(TK::LParen)) {
        open_delims_.push_back(curSpan());
        advance();
        skipForLifetimes();
        eat(TK::Question);
        if (atPathStart()) out.push_back(parsePath(/*in_expr=*/false));
        else expectedError("trait bound");
        expect(TK::RParen);
        open_delims_.pop_back();
      } else if (at(TK::KwFor) || atPathStart()) {
        skipForLifetimes();
        if (atPathStart()) out.push_back(parsePath(/*in_expr=*/false));
        else expectedError("trait bound");
      } else {
        break;
      }
      if (!eat(TK::Plus)) break;
    }
    return out;
  }

  // `<T: A + B = D, const N: usize = 4, 'a: 'b>` into g (at `<`).
  void parseGenericParams(Generics& g) {
    Span begin = curSpan();
    open_delims_.push_back(begin);
    advance();  // <
    while (!at(TK::EndOfFile) && !at(TK::Gt) && !at(TK::Shr) && !at(TK::Ge) &&
           !at(TK::ShrEq)) {
      parseOuterAttributes();
      GenericParam p;
      Span pb = curSpan();
      if (at(TK::Lifetime)) {
        const Token& t = advance();
        p.kind = GenericParamKind::Lifetime;
        p.name = Ident{std::string(t.text), t.span};
        if (eat(TK::Colon))
          while (at(TK::Lifetime) || at(TK::Plus)) advance();
      } else if (at(TK::KwConst)) {
        advance();
        p.kind = GenericParamKind::Const;
        if (!expectIdent(&p.name)) break;
        if (expect(TK::Colon)) p.const_type = parseType();
        if (eat(TK::Eq)) {
          // A const default: a literal, a block, or a path (as a Path type).
          if (at(TK::LBrace) || atLiteral() || at(TK::Minus)) p.default_type = parseConstArg();
          else p.default_type = parseType();
        }
      } else if (at(TK::Identifier)) {
        const Token& t = advance();
        p.kind = GenericParamKind::Type;
        p.name = Ident{std::string(t.text), t.span};
        if (eat(TK::Colon)) p.bounds = parseBounds();
        if (eat(TK::Eq)) p.default_type = parseType();
      } else {
        expectedError("generic parameter");
        break;
      }
      p.span = spanFrom(pb);
      g.params.push_back(std::move(p));
      if (recovering_) break;
      if (!eat(TK::Comma)) break;
    }
    if (!recovering_) expect(TK::Gt);
    open_delims_.pop_back();
    g.span = Span::merge(g.span, spanFrom(begin));
  }

  // `where T: A + B, [T; N]: Copy, 'a: 'b,` into g (at `where`). Ends before
  // `{`, `;` or `=`.
  void parseWhereClause(Generics& g) {
    Span begin = curSpan();
    advance();  // where
    while (!at(TK::EndOfFile) && !at(TK::LBrace) && !at(TK::Semi) && !at(TK::Eq)) {
      if (at(TK::Lifetime)) {
        advance();
        expect(TK::Colon);
        while (at(TK::Lifetime) || at(TK::Plus)) advance();
      } else {
        WherePredicate w;
        Span wb = curSpan();
        skipForLifetimes();
        w.bounded = parseType();
        if (expect(TK::Colon)) w.bounds = parseBounds();
        w.span = spanFrom(wb);
        g.where_preds.push_back(std::move(w));
      }
      if (recovering_) break;
      if (!eat(TK::Comma)) break;
    }
    g.span = Span::merge(g.span, spanFrom(begin));
  }
  void syncGenerics(Item& it) {
    it.has_generics = !it.generics.empty();
    it.generics_span = it.generics.span;
  }
  void parseOptGenerics(Item& it) {
    if (at(TK::Lt)) parseGenericParams(it.generics);
    syncGenerics(it);
  }
  void parseOptWhere(Item& it) {
    if (at(TK::KwWhere)) parseWhereClause(it.generics);
    syncGenerics(it);
  }

  // `<T as Trait>::Name` (at `<`): parsed and reported as unsupported.
  Span parseQualifiedPath() {
    Span begin = curSpan();
    Span lt = curSpan();
    if (at(TK::Shl)) {  // `<<A as B>::C as D>::E`: split the `<<`
      Token& t = splitCur();
      t.kind = TK::Lt;
      t.span.begin += 1;
      t.text = t.text.substr(1);
      prev_end_ = Span{file_, lt.begin, lt.begin + 1};
      parseQualifiedPathRest(begin);
    } else {
      advance();  // <
      parseQualifiedPathRest(begin);
    }
    Span s = spanFrom(begin);
    if (Diagnostic* d = report(DiagnosticKind::UnsupportedSyntax, s, {"qualified paths"}))
      d->label("qualified path");
    recovering_ = false;
    return s;
  }
  void parseQualifiedPathRest(Span begin) {
    (void)begin;
    parseType();
    if (eat(TK::KwAs)) parsePath(/*in_expr=*/false);
    expect(TK::Gt);
    while (at(TK::PathSep)) {
      advance();
      PathSegment seg;
      if (!parseSegment(&seg)) break;
      if (at(TK::PathSep) && peekKind(1) == TK::Lt) {
        advance();
        parseGenericArgs(&seg);
      }
    }
  }
  // Type paths: generics as `Vec<T>`; expression paths: `foo::<T>`.
  Path parsePath(bool in_expr) {
    Path p;
    parsePathInto(p, in_expr);
    return p;
  }
  // Parses a path into `p` (empty), in place: a node's own path is not moved.
  void parsePathInto(Path& p, bool in_expr) {
    Span begin = curSpan();
    p.global = eat(TK::PathSep);
    while (true) {
      PathSegment& seg = p.segments.emplace_back();
      if (!parseSegment(&seg)) {
        p.segments.pop_back();
        break;
      }
      if (!in_expr && at(TK::Lt)) parseGenericArgs(&seg);
      else if (!in_expr && at(TK::LParen)) parseParenthesizedArgs(&seg);
      else if (!in_expr && at(TK::PathSep) && peekKind(1) == TK::Lt) {
        advance();
        parseGenericArgs(&seg);
      } else if (in_expr && at(TK::PathSep) && peekKind(1) == TK::Lt) {
        advance();
        parseGenericArgs(&seg);
      }
      if (at(TK::PathSep) && peekKind(1) != TK::LBrace && peekKind(1) != TK::Star) {
        advance();
        continue;
      }
      break;
    }
    p.span = spanFrom(begin);
  }

  // ------------------------------------------------------------ types
  // The node factories default-initialise (`new T`, not make_unique's `new
  // T()`): every member has an initialiser, and value-initialisation would
  // zero the whole node first.
  TypePtr makeType(TypeKind k, Span s) {
    TypePtr t(new Type);
    t->kind = k;
    t->span = s;
    return t;
  }
  TypePtr parseTypeNoBounds() { return parseType(/*allow_plus=*/false); }
  // allow_plus: `dyn A + B` may take several bounds (not after `&`, `->` of
  // `Fn() -> T`).
  TypePtr parseType(bool allow_plus = true) {
    NestGuard nest(nesting_);
    if (tooDeep(nesting_)) return makeType(TypeKind::Error, curSpan());
    Span begin = curSpan();
    if (at(TK::KwDyn) || at(TK::KwImpl)) {
      bool is_impl = at(TK::KwImpl);
      advance();
      auto t = makeType(TypeKind::TraitObject, begin);
      t->is_impl = is_impl;
      std::vector<Path> bounds;
      if (allow_plus) {
        bounds = parseBounds();
      } else {
        skipForLifetimes();
        if (atPathStart()) bounds.push_back(parsePath(/*in_expr=*/false));
      }
      if (bounds.empty()) {
        expectedError("trait bound");
        t->kind = TypeKind::Error;
      } else {
        t->path = std::move(bounds[0]);
      }
      t->span = spanFrom(begin);
      return t;
    }
    if (at(TK::KwFn) || at(TK::KwExtern) || (at(TK::KwUnsafe) && (peekKind(1) == TK::KwFn ||
                                                                    peekKind(1) == TK::KwExtern)) ||
        (at(TK::KwFor) && peekKind(1) == TK::Lt)) {
      // Function pointer types: parsed, then rejected.
      skipForLifetimes();
      eat(TK::KwUnsafe);
      if (eat(TK::KwExtern)) eat(TK::StringLiteral);
      if (expect(TK::KwFn) && at(TK::LParen)) {
        open_delims_.push_back(curSpan());
        advance();
        while (!at(TK::RParen) && !at(TK::EndOfFile)) {
          if ((at(TK::Identifier) || at(TK::Underscore)) && peekKind(1) == TK::Colon) {
            advance();
            advance();
          }
          parseType();
          if (!eat(TK::Comma)) break;
        }
        expect(TK::RParen);
        open_delims_.pop_back();
        if (eat(TK::RArrow)) parseTypeNoBounds();
      } else if (!recovering_) {
        expectedError("`(`");
      }
      Span s = spanFrom(begin);
      bool was_recovering = recovering_;
      if (Diagnostic* d = report(DiagnosticKind::UnsupportedSyntax, s, {"function pointer types"}))
        d->label("function pointer type");
      recovering_ = was_recovering;
      return makeType(TypeKind::Error, s);
    }
    if (at(TK::Lt) || at(TK::Shl)) {
      Span s = parseQualifiedPath();
      return makeType(TypeKind::Error, s);
    }
    if (at(TK::And) || at(TK::AndAnd)) {
      bool twice = at(TK::AndAnd);
      advance();
      if (at(TK::Lifetime)) advance();
      bool m = eat(TK::KwMut);
      TypePtr inner = parseTypeNoBounds();
      auto t = makeType(TypeKind::Ref, spanFrom(begin));
      t->is_mut = m;
      t->elem = std::move(inner);
      if (twice) {
        auto outer = makeType(TypeKind::Ref, spanFrom(begin));
        outer->elem = std::move(t);
        return outer;
      }
      return t;
    }
    if (at(TK::Star)) {
      advance();
      bool m = false;
      if (eat(TK::KwMut)) m = true;
      else if (!eat(TK::KwConst)) expectedError("`const` or `mut`");
      TypePtr inner = parseTypeNoBounds();
      auto t = makeType(TypeKind::Ptr, spanFrom(begin));
      t->is_mut = m;
      t->elem = std::move(inner);
      return t;
    }
    if (at(TK::LBracket)) {
      advance();
      TypePtr elem = parseType();
      if (eat(TK::Semi)) {
        ExprPtr len = parseExpr();
        expect(TK::RBracket);
        auto t = makeType(TypeKind::Array, spanFrom(begin));
        t->elem = std::move(elem);
        t->len = std::move(len);
        return t;
      }
      expect(TK::RBracket);
      auto t = makeType(TypeKind::Slice, spanFrom(begin));
      t->elem = std::move(elem);
      return t;
    }
    if (at(TK::LParen)) {
      advance();
      std::vector<TypePtr> elems;
      bool trailing_comma = false;
      while (!at(TK::RParen) && !at(TK::EndOfFile)) {
        elems.push_back(parseType());
        trailing_comma = false;
        if (!eat(TK::Comma)) break;
        trailing_comma = true;
      }
      expect(TK::RParen);
      if (elems.size() == 1 && !trailing_comma) return std::move(elems[0]);  // (T)
      auto t = makeType(TypeKind::Tuple, spanFrom(begin));
      t->elems = std::move(elems);
      return t;
    }
    if (at(TK::Not)) {
      advance();
      return makeType(TypeKind::Never, spanFrom(begin));
    }
    if (at(TK::Underscore)) {
      advance();
      return makeType(TypeKind::Infer, spanFrom(begin));
    }
    if (atPathStart()) {
      auto t = makeType(TypeKind::Path, begin);
      parsePathInto(t->path, /*in_expr=*/false);
      t->span = t->path.span;
      return t;
    }
    if (Diagnostic* d = report(DiagnosticKind::ExpectedType, curSpan(), {describe(cur())}))
      d->label("expected type");
    return makeType(TypeKind::Error, curSpan());
  }

  // ------------------------------------------------------------ patterns
  PatternPtr makePattern(PatternKind k, Span s) {
    PatternPtr p(new Pattern);
    p->kind = k;
    p->span = s;
    return p;
  }
  bool atLiteral() const {
    TK k = kind();
    return k == TK::IntLiteral || k == TK::FloatLiteral || k == TK::CharLiteral ||
           k == TK::ByteLiteral || k == TK::StringLiteral || k == TK::ByteStringLiteral ||
           k == TK::KwTrue || k == TK::KwFalse;
  }
  PatternPtr parsePatternTop() {
    Span begin = curSpan();
    eat(TK::Or);  // leading `|`
    PatternPtr first = parsePattern();
    if (!at(TK::Or)) return first;
    auto orp = makePattern(PatternKind::Or, begin);
    orp->elems.push_back(std::move(first));
    while (eat(TK::Or)) orp->elems.push_back(parsePattern());
    orp->span = spanFrom(begin);
    return orp;
  }
  std::vector<PatternPtr> parsePatternList(TK close) {
    std::vector<PatternPtr> out;
    while (!at(close) && !at(TK::EndOfFile)) {
      out.push_back(parsePatternTop());
      if (!eat(TK::Comma)) break;
    }
    expect(close);
    return out;
  }
  // A range pattern bound: a literal, `-literal`, or a path (`u32::MAX`, `LIMIT`).
  ExprPtr parseRangePatternBound() {
    if (atPathStart() && !atLiteral()) {
      Span b = curSpan();
      auto e = makeExpr(ExprKind::Path, b);
      parsePathInto(e->path, /*in_expr=*/true);
      e->span = spanFrom(b);
      return e;
    }
    return parseUnary();
  }

  PatternPtr parsePattern() {
    NestGuard nest(nesting_);
    if (tooDeep(nesting_)) return makePattern(PatternKind::Error, curSpan());
    Span begin = curSpan();
    if (at(TK::Underscore)) {
      advance();
      return makePattern(PatternKind::Wildcard, spanFrom(begin));
    }
    if (at(TK::DotDot)) {
      advance();
      return makePattern(PatternKind::Rest, spanFrom(begin));
    }
    if (at(TK::And) || at(TK::AndAnd)) {
      eatSplit(TK::And);
      bool m = eat(TK::KwMut);
      auto p = makePattern(PatternKind::Ref, begin);
      p->is_mut = m;
      p->elems.push_back(parsePattern());
      p->span = spanFrom(begin);
      return p;
    }
    if (at(TK::LParen)) {
      advance();
      auto p = makePattern(PatternKind::Tuple, begin);
      bool trailing = false;
      while (!at(TK::RParen) && !at(TK::EndOfFile)) {
        p->elems.push_back(parsePatternTop());
        trailing = false;
        if (!eat(TK::Comma)) break;
        trailing = true;
      }
      expect(TK::RParen);
      if (p->elems.size() == 1 && !trailing) return std::move(p->elems[0]);
      p->span = spanFrom(begin);
      return p;
    }
    if (atLiteral() || (at(TK::Minus) && (peekKind(1) == TK::IntLiteral ||
                                          peekKind(1) == TK::FloatLiteral))) {
      ExprPtr lit = parseUnary();
      if (at(TK::DotDotEq) || at(TK::DotDot) || at(TK::DotDotDot)) {
        bool incl = !at(TK::DotDot);
        advance();
        auto p = makePattern(PatternKind::Range, begin);
        p->literal = std::move(lit);
        p->inclusive = incl;
        if (atLiteral() || at(TK::Minus) || atPathStart()) p->range_end = parseRangePatternBound();
        p->span = spanFrom(begin);
        return p;
      }
      auto p = makePattern(PatternKind::Literal, spanFrom(begin));
      p->literal = std::move(lit);
      return p;
    }
    if (at(TK::KwRef) || at(TK::KwMut) ||
        (at(TK::Identifier) && peekKind(1) != TK::PathSep && peekKind(1) != TK::LParen &&
         peekKind(1) != TK::LBrace && peekKind(1) != TK::Not && peekKind(1) != TK::DotDotEq &&
         peekKind(1) != TK::DotDotDot)) {
      auto p = makePattern(PatternKind::Ident, begin);
      p->is_ref = eat(TK::KwRef);
      p->is_mut = eat(TK::KwMut);
      expectIdent(&p->name);
      if (eat(TK::At)) p->elems.push_back(parsePattern());  // x @ subpattern
      p->span = spanFrom(begin);
      return p;
    }
    if (atPathStart()) {
      Path path = parsePath(/*in_expr=*/true);
      if (at(TK::DotDotEq) || at(TK::DotDotDot)) {
        // `i32::MIN..=-1`, `LOW..=HIGH`: a range whose start is a path.
        advance();
        auto p = makePattern(PatternKind::Range, begin);
        auto start = makeExpr(ExprKind::Path, path.span);
        start->path = std::move(path);
        p->literal = std::move(start);
        p->inclusive = true;
        if (atLiteral() || at(TK::Minus) || atPathStart()) p->range_end = parseRangePatternBound();
        p->span = spanFrom(begin);
        return p;
      }
      if (at(TK::LParen)) {
        advance();
        auto p = makePattern(PatternKind::TupleStruct, begin);
        p->path = std::move(path);
        p->elems = parsePatternList(TK::RParen);
        p->span = spanFrom(begin);
        return p;
      }
      if (at(TK::LBrace)) {
        advance();
        auto p = makePattern(PatternKind::Struct, begin);
        p->path = std::move(path);
        while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
          if (eat(TK::DotDot)) {
            p->has_rest = true;
            break;
          }
          Ident field;
          Span fb = curSpan();
          bool is_ref = eat(TK::KwRef), is_mut = eat(TK::KwMut);
          if (!expectIdent(&field)) break;
          if (eat(TK::Colon)) {
            p->elems.push_back(parsePatternTop());
          } else {
            auto sub = makePattern(PatternKind::Ident, spanFrom(fb));
            sub->name = field;
            sub->is_ref = is_ref;
            sub->is_mut = is_mut;
            p->elems.push_back(std::move(sub));
          }
          p->field_names.push_back(field);
          if (!eat(TK::Comma)) break;
        }
        expect(TK::RBrace);
        p->span = spanFrom(begin);
        return p;
      }
      auto p = makePattern(PatternKind::Path, path.span);
      p->path = std::move(path);
      return p;
    }
    if (Diagnostic* d = report(DiagnosticKind::ExpectedPattern, curSpan(), {describe(cur())}))
      d->label("expected pattern");
    return makePattern(PatternKind::Error, curSpan());
  }

  // ------------------------------------------------------------ expressions
  ExprPtr makeExpr(ExprKind k, Span s) {
    ExprPtr e(new Expr);
    e->kind = k;
    e->span = s;
    return e;
  }
  ExprPtr errorExpr(Span s) { return makeExpr(ExprKind::Error, s); }

  bool canStartExpr() const {
    switch (kind()) {
      case TK::IntLiteral: case TK::FloatLiteral: case TK::CharLiteral: case TK::ByteLiteral:
      case TK::StringLiteral: case TK::ByteStringLiteral: case TK::Identifier:
      case TK::KwSelfValue: case TK::KwSelfType: case TK::KwSuper: case TK::KwCrate:
      case TK::KwTrue: case TK::KwFalse: case TK::KwIf: case TK::KwWhile: case TK::KwLoop:
      case TK::KwFor: case TK::KwMatch: case TK::KwUnsafe: case TK::KwReturn:
      case TK::KwBreak: case TK::KwContinue: case TK::KwMove: case TK::LParen:
      case TK::LBracket: case TK::Minus: case TK::Not: case TK::Star: case TK::And:
      case TK::AndAnd: case TK::Or: case TK::OrOr: case TK::DotDot: case TK::DotDotEq:
      case TK::PathSep: case TK::Lifetime: case TK::Lt:
        return true;
      case TK::LBrace: return !no_struct_;
      default: return false;
    }
  }

  ExprPtr parseExpr() { return parseAssign(); }
  ExprPtr parseExprNoStruct() {
    bool saved = no_struct_;
    no_struct_ = true;
    ExprPtr e = parseExpr();
    no_struct_ = saved;
    return e;
  }
  ExprPtr parseExprAllowStruct() {
    bool saved = no_struct_;
    no_struct_ = false;
    ExprPtr e = parseExpr();
    no_struct_ = saved;
    return e;
  }

  static bool compoundOp(TK k, BinaryOp* op) {
    switch (k) {
      case TK::PlusEq: *op = BinaryOp::Add; return true;
      case TK::MinusEq: *op = BinaryOp::Sub; return true;
      case TK::StarEq: *op = BinaryOp::Mul; return true;
      case TK::SlashEq: *op = BinaryOp::Div; return true;
      case TK::PercentEq: *op = BinaryOp::Rem; return true;
      case TK::AndEq: *op = BinaryOp::BitAnd; return true;
      case TK::OrEq: *op = BinaryOp::BitOr; return true;
      case TK::CaretEq: *op = BinaryOp::BitXor; return true;
      case TK::ShlEq: *op = BinaryOp::Shl; return true;
      case TK::ShrEq: *op = BinaryOp::Shr; return true;
      default: return false;
    }
  }

  // assignment: right-associative, lowest precedence.
  ExprPtr parseAssign() {
    ExprPtr lhs = parseRange();
    BinaryOp op;
    if (at(TK::Eq)) {
      advance();
      ExprPtr rhs = parseAssign();
      auto e = makeExpr(ExprKind::Assign, Span::merge(lhs->span, rhs->span));
      e->lhs = std::move(lhs);
      e->rhs = std::move(rhs);
      return e;
    }
    if (compoundOp(kind(), &op)) {
      advance();
      ExprPtr rhs = parseAssign();
      auto e = makeExpr(ExprKind::CompoundAssign, Span::merge(lhs->span, rhs->span));
      e->binary_op = op;
      e->lhs = std::move(lhs);
      e->rhs = std::move(rhs);
      return e;
    }
    return lhs;
  }

  bool atRangeEnd() const {
    // After `..`: is there a right-hand side?
    if (at(TK::LBrace) && no_struct_) return false;
    return canStartExpr() && !at(TK::DotDot) && !at(TK::DotDotEq);
  }
  static constexpr int kPrecOr = 3;
  ExprPtr parseRange() {
    Span begin = curSpan();
    ExprPtr lhs;
    if (!at(TK::DotDot) && !at(TK::DotDotEq)) {
      lhs = parseBinary(kPrecOr);
      if (!at(TK::DotDot) && !at(TK::DotDotEq)) return lhs;
    }
    bool incl = at(TK::DotDotEq);
    advance();
    auto e = makeExpr(ExprKind::Range, begin);
    e->lhs = std::move(lhs);
    e->inclusive = incl;
    if (atRangeEnd()) e->rhs = parseBinary(kPrecOr);
    else if (incl) expectedError("expression after `..=`");
    e->span = spanFrom(begin);
    return e;
  }

  static int binaryPrec(TK k, BinaryOp* op) {
    switch (k) {
      case TK::OrOr: *op = BinaryOp::Or; return 3;
      case TK::AndAnd: *op = BinaryOp::And; return 4;
      case TK::EqEq: *op = BinaryOp::Eq; return 5;
      case TK::Ne: *op = BinaryOp::Ne; return 5;
      case TK::Lt: *op = BinaryOp::Lt; return 5;
      case TK::Le: *op = BinaryOp::Le; return 5;
      case TK::Gt: *op = BinaryOp::Gt; return 5;
      case TK::Ge: *op = BinaryOp::Ge; return 5;
      case TK::Or: *op = BinaryOp::BitOr; return 6;
      case TK::Caret: *op = BinaryOp::BitXor; return 7;
      case TK::And: *op = BinaryOp::BitAnd; return 8;
      case TK::Shl: *op = BinaryOp::Shl; return 9;
      case TK::Shr: *op = BinaryOp::Shr; return 9;
      case TK::Plus: *op = BinaryOp::Add; return 10;
      case TK::Minus: *op = BinaryOp::Sub; return 10;
      case TK::Star: *op = BinaryOp::Mul; return 11;
      case TK::Slash: *op = BinaryOp::Div; return 11;
      case TK::Percent: *op = BinaryOp::Rem; return 11;
      default: return -1;
    }
  }
  static constexpr int kPrecAs = 12;

  ExprPtr parseBinary(int min_prec) {
    ExprPtr lhs = parseUnary();
    bool lhs_is_comparison = false;
    while (true) {
      if (at(TK::KwAs)) {
        if (kPrecAs < min_prec) break;
        advance();
        TypePtr ty = parseCastType();
        auto e = makeExpr(ExprKind::Cast, Span::merge(lhs->span, ty->span));
        e->lhs = std::move(lhs);
        e->type = std::move(ty);
        lhs = std::move(e);
        lhs_is_comparison = false;
        continue;
      }
      BinaryOp op;
      int prec = binaryPrec(kind(), &op);
      if (prec < 0 || prec < min_prec) break;
      Span op_span = curSpan();
      advance();
      ExprPtr rhs = parseBinary(prec + 1);
      if (prec == 5 && lhs_is_comparison) {
        if (Diagnostic* d = report(DiagnosticKind::ChainedComparison, op_span, {}))
          d->help("split the comparison into two: `a < b && b < c`");
        recovering_ = false;  // not a syntax error that needs skipping
      }
      auto e = makeExpr(ExprKind::Binary, Span::merge(lhs->span, rhs->span));
      e->binary_op = op;
      e->lhs = std::move(lhs);
      e->rhs = std::move(rhs);
      lhs = std::move(e);
      lhs_is_comparison = prec == 5;
    }
    return lhs;
  }

  static bool isPrimitiveTypeName(std::string_view n) {
    static const char* const kNames[] = {"u8", "u16", "u32", "u64", "u128", "usize",
                                         "i8", "i16", "i32", "i64", "i128", "isize",
                                         "f32", "f64", "bool", "char", "str"};
    for (const char* k : kNames)
      if (n == k) return true;
    return false;
  }
  // The type after `as`. `x as usize < y` is an error in Rust (the `<` starts
  // generic arguments); for a primitive type, which never takes any, report
  // it as rustc does and go on with the `<` as a comparison.
  TypePtr parseCastType() {
    if (at(TK::Identifier) && isPrimitiveTypeName(cur().text) &&
        (peekKind(1) == TK::Lt || peekKind(1) == TK::Shl)) {
      const Token& t = advance();
      auto ty = makeType(TypeKind::Path, t.span);
      PathSegment seg;
      seg.ident = Ident{std::string(t.text), t.span};
      ty->path.segments.push_back(std::move(seg));
      ty->path.span = t.span;
      bool shl = at(TK::Shl);
      if (Diagnostic* d = report(DiagnosticKind::CastFollowedByLt, curSpan(),
                                 {shl ? "<<" : "<", std::string(t.text),
                                  shl ? "shift" : "comparison"})) {
        d->label(std::string("interpreted as generic arguments"));
        d->help("try " + std::string(shl ? "shifting" : "comparing") +
                " the cast value: `(... as " + std::string(t.text) + ")`");
      }
      recovering_ = false;  // the expression still parses
      return ty;
    }
    return parseType();
  }

  // Nesting deeper than this would exhaust the stack here and in later
  // phases: report it once and stop parsing the file.
  static constexpr int kMaxNesting = 256;
  bool tooDeep(int depth) {
    if (depth < kMaxNesting) return false;
    return tooDeepReport();
  }
  [[gnu::noinline]] bool tooDeepReport() {
    if (!nesting_reported_)
      report(DiagnosticKind::NestingTooDeepToParse, curSpan(), {std::to_string(kMaxNesting)});
    nesting_reported_ = true;
    while (!at(TK::EndOfFile)) advance();
    return true;
  }
  struct NestGuard {
    int& d;
    explicit NestGuard(int& d) : d(d) { ++d; }
    ~NestGuard() { --d; }
  };

  ExprPtr parseUnary() {
    NestGuard nest(nesting_);
    if (tooDeep(nesting_)) return makeExpr(ExprKind::Error, curSpan());
    Span begin = curSpan();
    UnaryOp op;
    bool twice = false;
    switch (kind()) {
      case TK::Minus: op = UnaryOp::Neg; break;
      case TK::Not: op = UnaryOp::Not; break;
      case TK::Star: op = UnaryOp::Deref; break;
      case TK::And: op = UnaryOp::Ref; break;
      case TK::AndAnd: op = UnaryOp::Ref; twice = true; break;
      default: return parsePostfix(parsePrimary());
    }
    advance();
    if ((op == UnaryOp::Ref) && eat(TK::KwMut)) op = UnaryOp::RefMut;
    ExprPtr operand = parseUnary();
    auto e = makeExpr(ExprKind::Unary, spanFrom(begin));
    e->unary_op = op;
    e->lhs = std::move(operand);
    if (twice) {
      auto outer = makeExpr(ExprKind::Unary, spanFrom(begin));
      outer->unary_op = UnaryOp::Ref;
      outer->lhs = std::move(e);
      return outer;
    }
    return e;
  }

  std::vector<ExprPtr> parseCallArgs(TK close) {
    // At the opening delimiter.
    open_delims_.push_back(curSpan());
    advance();
    std::vector<ExprPtr> args;
    bool saved = no_struct_;
    no_struct_ = false;
    while (!at(close) && !at(TK::EndOfFile)) {
      args.push_back(parseExpr());
      if (!eat(TK::Comma)) break;
    }
    no_struct_ = saved;
    expect(close);
    open_delims_.pop_back();
    return args;
  }

  ExprPtr parsePostfix(ExprPtr e) {
    while (true) {
      Span begin = e->span;
      if (at(TK::Dot)) {
        advance();
        if (at(TK::Identifier) || at(TK::KwAwait)) {
          const Token& name = advance();
          Ident ident{std::string(name.text), name.span};
          std::vector<TypePtr> generics;
          if (at(TK::PathSep) && peekKind(1) == TK::Lt) {
            advance();
            PathSegment seg;
            parseGenericArgs(&seg);
            generics = std::move(seg.generic_args);
          }
          if (at(TK::LParen)) {
            auto m = makeExpr(ExprKind::MethodCall, begin);
            m->args = parseCallArgs(TK::RParen);
            m->lhs = std::move(e);
            m->name = ident;
            m->generic_args = std::move(generics);
            m->span = spanFrom(begin);
            e = std::move(m);
          } else {
            auto f = makeExpr(ExprKind::Field, spanFrom(begin));
            f->lhs = std::move(e);
            f->name = ident;
            e = std::move(f);
          }
          continue;
        }
        if (at(TK::IntLiteral)) {
          const Token& t = advance();
          auto f = makeExpr(ExprKind::Field, spanFrom(begin));
          f->lhs = std::move(e);
          f->name = Ident{std::string(t.text), t.span};
          e = std::move(f);
          continue;
        }
        if (at(TK::FloatLiteral)) {
          // `t.0.1` lexes the index as a float: split it into two fields.
          const Token& t = advance();
          std::string_view text = t.text;
          size_t dot = text.find('.');
          std::string a(text.substr(0, dot)), b(dot == std::string_view::npos ? "" : text.substr(dot + 1));
          auto f1 = makeExpr(ExprKind::Field, spanFrom(begin));
          f1->lhs = std::move(e);
          f1->name = Ident{a, t.span};
          auto f2 = makeExpr(ExprKind::Field, spanFrom(begin));
          f2->lhs = std::move(f1);
          f2->name = Ident{b, t.span};
          e = std::move(f2);
          continue;
        }
        expectedError("identifier");
        return e;
      }
      if (at(TK::LParen)) {
        auto c = makeExpr(ExprKind::Call, begin);
        c->args = parseCallArgs(TK::RParen);
        c->lhs = std::move(e);
        c->span = spanFrom(begin);
        e = std::move(c);
        continue;
      }
      if (at(TK::LBracket)) {
        open_delims_.push_back(curSpan());
        advance();
        ExprPtr idx = parseExprAllowStruct();
        expect(TK::RBracket);
        open_delims_.pop_back();
        auto i = makeExpr(ExprKind::Index, spanFrom(begin));
        i->lhs = std::move(e);
        i->rhs = std::move(idx);
        e = std::move(i);
        continue;
      }
      if (at(TK::Question)) {
        advance();
        auto t = makeExpr(ExprKind::Try, spanFrom(begin));
        t->lhs = std::move(e);
        e = std::move(t);
        continue;
      }
      return e;
    }
  }

  ExprPtr parseLiteral() {
    const Token& t = advance();
    auto e = makeExpr(ExprKind::Literal, t.span);
    e->literal = Literal(t);
    switch (t.kind) {
      case TK::IntLiteral: e->literal_kind = LiteralKind::Int; break;
      case TK::FloatLiteral: e->literal_kind = LiteralKind::Float; break;
      case TK::CharLiteral: e->literal_kind = LiteralKind::Char; break;
      case TK::ByteLiteral: e->literal_kind = LiteralKind::Byte; break;
      case TK::StringLiteral: e->literal_kind = LiteralKind::Str; break;
      case TK::ByteStringLiteral: e->literal_kind = LiteralKind::ByteStr; break;
      default: e->literal_kind = LiteralKind::Bool; break;
    }
    return e;
  }

  // Does `{` after a path start a struct literal? (`Foo { x: 1 }`, `Foo {}`, `Foo { x }`)
  bool looksLikeStructLiteral() const {
    if (no_struct_ || !at(TK::LBrace)) return false;
    TK a = peekKind(1), b = peekKind(2);
    if (a == TK::RBrace) return true;
    if (a == TK::DotDot) return true;
    if (a == TK::Identifier && (b == TK::Colon || b == TK::Comma)) return true;
    if (a == TK::Identifier && b == TK::RBrace) return true;
    return false;
  }

  ExprPtr parsePrimary() {
    // Statement-position blocks (`{ { ... } }`, `loop { loop { ... } }`) reach
    // here without parseUnary: count them too.
    NestGuard nest(nesting_);
    if (tooDeep(nesting_)) return makeExpr(ExprKind::Error, curSpan());
    Span begin = curSpan();
    switch (kind()) {
      case TK::IntLiteral: case TK::FloatLiteral: case TK::CharLiteral: case TK::ByteLiteral:
      case TK::StringLiteral: case TK::ByteStringLiteral: case TK::KwTrue: case TK::KwFalse:
        return parseLiteral();
      case TK::LParen: {
        open_delims_.push_back(curSpan());
        advance();
        bool saved = no_struct_;
        no_struct_ = false;
        std::vector<ExprPtr> elems;
        bool trailing = false;
        while (!at(TK::RParen) && !at(TK::EndOfFile)) {
          elems.push_back(parseExpr());
          trailing = false;
          if (!eat(TK::Comma)) break;
          trailing = true;
        }
        no_struct_ = saved;
        expect(TK::RParen);
        open_delims_.pop_back();
        if (elems.size() == 1 && !trailing) {
          auto p = makeExpr(ExprKind::Paren, spanFrom(begin));
          p->lhs = std::move(elems[0]);
          return p;
        }
        auto t = makeExpr(ExprKind::Tuple, spanFrom(begin));
        t->args = std::move(elems);
        return t;
      }
      case TK::LBracket: {
        open_delims_.push_back(curSpan());
        advance();
        bool saved = no_struct_;
        no_struct_ = false;
        auto a = makeExpr(ExprKind::Array, begin);
        if (!at(TK::RBracket)) {
          ExprPtr first = parseExpr();
          if (eat(TK::Semi)) {
            a->kind = ExprKind::ArrayRepeat;
            a->lhs = std::move(first);
            a->rhs = parseExpr();
          } else {
            a->args.push_back(std::move(first));
            while (eat(TK::Comma) && !at(TK::RBracket)) a->args.push_back(parseExpr());
          }
        }
        no_struct_ = saved;
        expect(TK::RBracket);
        open_delims_.pop_back();
        a->span = spanFrom(begin);
        return a;
      }
      case TK::LBrace:
        return parseBlockExpr(false);
      case TK::KwUnsafe:
        if (peekKind(1) == TK::LBrace) {
          advance();
          auto e = parseBlockExpr(true);
          e->span = spanFrom(begin);
          return e;
        }
        break;
      case TK::KwIf: return parseIf();
      case TK::KwWhile: case TK::KwLoop: case TK::KwFor: return parseLoop(Ident{});
      case TK::Lifetime:
        if (peekKind(1) == TK::Colon) {
          const Token& l = advance();
          Ident label{std::string(l.text), l.span};
          advance();  // :
          if (at(TK::KwWhile) || at(TK::KwLoop) || at(TK::KwFor)) {
            auto e = parseLoop(label);
            e->span = spanFrom(begin);
            return e;
          }
          if (at(TK::LBrace)) {
            auto e = parseBlockExpr(false);
            e->label = label;
            e->span = spanFrom(begin);
            return e;
          }
          expectedError("`while`, `loop`, `for` or a block after a label");
          return errorExpr(begin);
        }
        break;
      case TK::KwMatch: return parseMatch();
      case TK::Lt: case TK::Shl: {
        // `<T as Trait>::f`: rejected; `(...)` after it still parses as a call.
        Span s = parseQualifiedPath();
        return errorExpr(s);
      }
      case TK::KwBreak: case TK::KwContinue: {
        bool is_break = at(TK::KwBreak);
        advance();
        auto e = makeExpr(is_break ? ExprKind::Break : ExprKind::Continue, begin);
        if (at(TK::Lifetime)) {
          const Token& l = advance();
          e->name = Ident{std::string(l.text), l.span};
        }
        if (is_break && canStartExpr() && !(at(TK::LBrace) && no_struct_)) e->lhs = parseExpr();
        e->span = spanFrom(begin);
        return e;
      }
      case TK::KwReturn: {
        advance();
        auto e = makeExpr(ExprKind::Return, begin);
        if (canStartExpr()) e->lhs = parseExpr();
        e->span = spanFrom(begin);
        return e;
      }
      case TK::Or: case TK::OrOr: case TK::KwMove:
        return parseClosure();
      default:
        break;
    }
    if (atPathStart() || at(TK::KwSelfValue)) {
      // The node is made first and the path parsed into it; its kind is
      // decided after the path.
      auto e = makeExpr(ExprKind::Path, begin);
      parsePathInto(e->path, /*in_expr=*/true);
      if (at(TK::Not) && peekKind(1) != TK::Eq) {
        advance();
        e->kind = ExprKind::MacroCall;
        if (at(TK::LParen) || at(TK::LBracket)) {
          // Macro arguments parse as a comma-separated expression list (what
          // panic!/assert!/assert_eq! take); the checker rejects other macros.
          TK close = at(TK::LParen) ? TK::RParen : TK::RBracket;
          open_delims_.push_back(curSpan());
          advance();
          while (!at(close) && !at(TK::EndOfFile) && !recovering_) {
            e->args.push_back(parseExpr());
            if (!eat(TK::Comma)) break;
          }
          if (recovering_) {
            // Unparseable macro input: skip to the closing delimiter.
            int depth = 0;
            while (!at(TK::EndOfFile) && !(depth == 0 && at(close))) {
              if (at(TK::LParen) || at(TK::LBracket) || at(TK::LBrace)) depth++;
              if (at(TK::RParen) || at(TK::RBracket) || at(TK::RBrace)) depth--;
              advance();
            }
            recovering_ = false;
          }
          expect(close);
          open_delims_.pop_back();
        } else if (at(TK::LBrace)) {
          skipTokenTree();
        } else {
          expectedError("one of `(`, `[`, or `{`");
        }
        e->span = spanFrom(begin);
        return e;
      }
      if (looksLikeStructLiteral()) {
        open_delims_.push_back(curSpan());
        advance();
        e->kind = ExprKind::StructLit;
        while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
          if (eat(TK::DotDot)) {
            if (!at(TK::RBrace)) e->rhs = parseExpr();
            break;
          }
          FieldInit f;
          if (!expectIdent(&f.name)) break;
          if (eat(TK::Colon)) f.value = parseExpr();
          e->fields.push_back(std::move(f));
          if (!eat(TK::Comma)) break;
        }
        expect(TK::RBrace);
        open_delims_.pop_back();
        e->span = spanFrom(begin);
        return e;
      }
      e->span = e->path.span;
      return e;
    }
    if (Diagnostic* d = report(DiagnosticKind::ExpectedExpression, curSpan(), {describe(cur())}))
      d->label("expected expression");
    return errorExpr(curSpan());
  }

  ExprPtr parseClosure() {
    Span begin = curSpan();
    eat(TK::KwMove);
    auto c = makeExpr(ExprKind::Closure, begin);
    if (eat(TK::OrOr)) {
      // no parameters
    } else if (eat(TK::Or)) {
      while (!at(TK::Or) && !at(TK::EndOfFile)) {
        ClosureParam p;
        p.pattern = parsePattern();
        if (eat(TK::Colon)) p.type = parseType();
        c->closure_params.push_back(std::move(p));
        if (!eat(TK::Comma)) break;
      }
      expect(TK::Or);
    } else {
      expectedError("`|`");
      return errorExpr(begin);
    }
    if (eat(TK::RArrow)) {
      c->type = parseType();
      if (!at(TK::LBrace)) expectedError("`{`");
      c->lhs = parseBlockExpr(false);
    } else {
      c->lhs = parseExpr();
    }
    c->span = spanFrom(begin);
    return c;
  }

  ExprPtr parseBlockExpr(bool is_unsafe) {
    Span begin = curSpan();
    auto e = makeExpr(ExprKind::Block, begin);
    e->block = parseBlock();
    e->is_unsafe = is_unsafe;
    e->span = spanFrom(begin);
    return e;
  }

  ExprPtr parseIf() {
    Span begin = curSpan();
    advance();  // if
    auto e = makeExpr(ExprKind::If, begin);
    if (at(TK::KwLet)) {
      if (Diagnostic* d = report(DiagnosticKind::UnsupportedSyntax, curSpan(), {"`if let`"}))
        d->label("not supported");
      recovering_ = false;
      advance();
      parsePatternTop();
      expect(TK::Eq);
    }
    e->lhs = parseExprNoStruct();
    e->block = parseBlock();
    if (eat(TK::KwElse)) {
      if (at(TK::KwIf)) e->else_expr = parseIf();
      else e->else_expr = parseBlockExpr(false);
    }
    e->span = spanFrom(begin);
    return e;
  }

  ExprPtr parseLoop(Ident label) {
    Span begin = curSpan();
    TK k = kind();
    advance();
    ExprPtr e;
    if (k == TK::KwWhile) {
      e = makeExpr(ExprKind::While, begin);
      if (at(TK::KwLet)) {
        if (Diagnostic* d = report(DiagnosticKind::UnsupportedSyntax, curSpan(), {"`while let`"}))
          d->label("not supported");
        recovering_ = false;
        advance();
        parsePatternTop();
        expect(TK::Eq);
      }
      e->lhs = parseExprNoStruct();
    } else if (k == TK::KwLoop) {
      e = makeExpr(ExprKind::Loop, begin);
    } else {
      e = makeExpr(ExprKind::For, begin);
      e->pattern = parsePatternTop();
      expect(TK::KwIn);
      e->lhs = parseExprNoStruct();
    }
    e->label = label;
    e->block = parseBlock();
    e->span = spanFrom(begin);
    return e;
  }

  ExprPtr parseMatch() {
    Span begin = curSpan();
    advance();
    auto e = makeExpr(ExprKind::Match, begin);
    e->lhs = parseExprNoStruct();
    if (!at(TK::LBrace)) {
      expectedError("`{`");
      return e;
    }
    open_delims_.push_back(curSpan());
    advance();
    bool saved = no_struct_;
    no_struct_ = false;
    while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
      MatchArm arm;
      Span ab = curSpan();
      parseOuterAttributes();
      arm.pattern = parsePatternTop();
      if (eat(TK::KwIf)) arm.guard = parseExpr();
      if (!expect(TK::FatArrow)) {
        recoverToStmt();
        if (at(TK::RBrace)) break;
        continue;
      }
      arm.body = parseExpr();
      bool block_like = arm.body->kind == ExprKind::Block || arm.body->kind == ExprKind::If ||
                        arm.body->kind == ExprKind::Match || arm.body->kind == ExprKind::Loop ||
                        arm.body->kind == ExprKind::While || arm.body->kind == ExprKind::For;
      arm.span = spanFrom(ab);
      e->arms.push_back(std::move(arm));
      if (!eat(TK::Comma) && !block_like && !at(TK::RBrace)) {
        expectedError("`,`");
        break;
      }
    }
    no_struct_ = saved;
    expect(TK::RBrace);
    open_delims_.pop_back();
    e->span = spanFrom(begin);
    return e;
  }

  // ------------------------------------------------------------ statements
  static bool isBlockLike(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Block: case ExprKind::If: case ExprKind::While: case ExprKind::Loop:
      case ExprKind::For: case ExprKind::Match:
        return true;
      default:
        return false;
    }
  }
  bool atBlockLikeStart() const {
    switch (kind()) {
      case TK::LBrace: case TK::KwIf: case TK::KwWhile: case TK::KwLoop: case TK::KwFor:
      case TK::KwMatch:
        return true;
      case TK::KwUnsafe: return peekKind(1) == TK::LBrace;
      case TK::Lifetime: return peekKind(1) == TK::Colon;
      default: return false;
    }
  }

  std::unique_ptr<Block> parseBlock() {
    std::unique_ptr<Block> block(new Block);
    Span begin = curSpan();
    if (!at(TK::LBrace)) {
      expectedError("`{`");
      block->span = curSpan();
      return block;
    }
    advance();
    open_delims_.push_back(begin);
    bool saved = no_struct_;
    no_struct_ = false;
    // The statements are collected in a vector kept for this block depth (its
    // capacity reused by every block at that depth), then moved into a
    // `stmts` of exactly their number: one allocation per block.
    if (block_depth_ == stmt_scratch_.size())
      stmt_scratch_.push_back(std::make_unique<std::vector<Stmt>>());
    std::vector<Stmt>& stmts = *stmt_scratch_[block_depth_++];
    while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
      size_t start = pos_;
      parseStatementInto(*block, stmts);
      // A statement that reached its `;` despite an error needs no skipping.
      if (recovering_ && prev_kind_ == TK::Semi && pos_ > start) recovering_ = false;
      if (recovering_) recoverToStmt();
      if (pos_ == start) advance();
    }
    --block_depth_;
    block->stmts.assign(std::make_move_iterator(stmts.begin()),
                        std::make_move_iterator(stmts.end()));
    stmts.clear();
    no_struct_ = saved;
    if (!at(TK::RBrace)) expectedError("`}`");
    else advance();
    open_delims_.pop_back();
    block->span = spanFrom(begin);
    return block;
  }

  bool atStmtItemStart() const {
    switch (kind()) {
      case TK::KwFn: case TK::KwPub: case TK::KwStruct: case TK::KwUse: case TK::KwStatic:
      case TK::KwImpl: case TK::KwTrait: case TK::KwEnum: case TK::KwMod: case TK::KwType:
      case TK::KwExtern:
        return true;
      case TK::KwConst: return peekKind(1) != TK::LBrace;
      case TK::KwUnsafe: return peekKind(1) == TK::KwFn || peekKind(1) == TK::KwImpl ||
                                peekKind(1) == TK::KwTrait || peekKind(1) == TK::KwExtern;
      case TK::Identifier:
        return (cur().text == "union" && peekKind(1) == TK::Identifier) ||
               (cur().text == "macro_rules" && peekKind(1) == TK::Not);
      default: return false;
    }
  }

  // Parses one statement: appended to `stmts`, or the block's tail expression.
  void parseStatementInto(Block& block, std::vector<Stmt>& stmts) {
    Span begin = curSpan();
    if (eat(TK::Semi)) return;  // empty statement
    std::vector<Attribute> attrs = parseOuterAttributes();
    // A pending tail from the previous statement is not allowed: it was
    // diagnosed when it was parsed (missing `;`).
    if (at(TK::KwLet)) {
      advance();
      Stmt s;
      s.kind = StmtKind::Let;
      s.attrs = std::move(attrs);
      s.pattern = parsePatternTop();
      if (eat(TK::Colon)) s.type = parseType();
      if (eat(TK::Eq)) s.init = parseExpr();
      if (at(TK::KwElse)) {
        advance();
        auto e = parseBlockExpr(false);
        s.else_block = std::move(e->block);
      }
      if (!recovering_ || at(TK::Semi)) expect(TK::Semi);
      s.span = spanFrom(begin);
      stmts.push_back(std::move(s));
      return;
    }
    if (atStmtItemStart()) {
      Stmt s;
      s.kind = StmtKind::Item;
      s.item = parseItemAfterAttrs(std::move(attrs), begin);
      s.span = spanFrom(begin);
      stmts.push_back(std::move(s));
      return;
    }
    Stmt s;
    s.kind = StmtKind::Expr;
    s.attrs = std::move(attrs);
    if (atBlockLikeStart()) {
      ExprPtr e = parsePrimary();
      // `match x {}.foo()` / `{ a }[0]`: a block-like expression followed by a
      // method call or `?` continues as an expression.
      if (at(TK::Dot) || at(TK::Question)) {
        e = parsePostfix(std::move(e));
      }
      s.init = std::move(e);
      s.has_semi = eat(TK::Semi);
      if (!s.has_semi && at(TK::RBrace)) {
        block.tail = std::move(s.init);
        return;
      }
      if (!s.has_semi && !isBlockLike(*s.init) && !recovering_) expectedError("`;`");
      s.span = spanFrom(begin);
      stmts.push_back(std::move(s));
      return;
    }
    s.init = parseExpr();
    if (eat(TK::Semi)) {
      s.has_semi = true;
    } else if (at(TK::RBrace)) {
      block.tail = std::move(s.init);
      return;
    } else if (!recovering_) {
      expectedError("`;`");
    }
    s.span = spanFrom(begin);
    stmts.push_back(std::move(s));
  }

  // ------------------------------------------------------------ items
  ItemPtr parseItem() {
    Span begin = curSpan();
    std::vector<Attribute> attrs = parseOuterAttributes();
    return parseItemAfterAttrs(std::move(attrs), begin);
  }

  ItemPtr makeItem(ItemKind k, Span begin, std::vector<Attribute> attrs) {
    ItemPtr it(new Item);
    it->kind = k;
    it->span = begin;
    it->attrs = std::move(attrs);
    return it;
  }

  // Skips an item the parser does not model, up to its `;` or closing `}`.
  void skipItemBody() {
    int depth = 0;
    while (!at(TK::EndOfFile)) {
      TK k = kind();
      if (depth == 0 && k == TK::Semi) {
        advance();
        return;
      }
      if (k == TK::LBrace || k == TK::LParen || k == TK::LBracket) depth++;
      if (k == TK::RBrace || k == TK::RParen || k == TK::RBracket) depth--;
      advance();
      if (depth == 0 && k == TK::RBrace) return;
      if (depth < 0) return;
    }
  }

  ItemPtr parseItemAfterAttrs(std::vector<Attribute> attrs, Span begin) {
    auto it = makeItem(ItemKind::Error, begin, std::move(attrs));
    if (at(TK::KwPub)) {
      Span vb = curSpan();
      advance();
      if (at(TK::LParen) && (peekKind(1) == TK::KwCrate || peekKind(1) == TK::KwSelfValue ||
                             peekKind(1) == TK::KwSuper || peekKind(1) == TK::KwIn))
        skipTokenTree();
      it->is_pub = true;
      it->vis_span = spanFrom(vb);
    }
    // Qualifiers before `fn`.
    while (true) {
      if (at(TK::KwConst) && (peekKind(1) == TK::KwFn || peekKind(1) == TK::KwUnsafe ||
                              peekKind(1) == TK::KwExtern || peekKind(1) == TK::KwAsync)) {
        advance();
        it->is_const = true;
      } else if (at(TK::KwUnsafe) && (peekKind(1) == TK::KwFn || peekKind(1) == TK::KwExtern ||
                                      peekKind(1) == TK::KwImpl || peekKind(1) == TK::KwTrait)) {
        advance();
        it->is_unsafe = true;
      } else if (at(TK::KwAsync) && peekKind(1) == TK::KwFn) {
        advance();
        it->is_async = true;
      } else if (at(TK::KwExtern) &&
                 (peekKind(1) == TK::KwFn ||
                  (peekKind(1) == TK::StringLiteral && peekKind(2) == TK::KwFn))) {
        advance();
        eat(TK::StringLiteral);
        it->is_extern = true;
      } else {
        break;
      }
    }
    switch (kind()) {
      case TK::KwFn: parseFn(*it); break;
      case TK::KwConst:
      case TK::KwStatic: {
        bool is_static = at(TK::KwStatic);
        it->kind = is_static ? ItemKind::Static : ItemKind::Const;
        advance();
        if (is_static) it->is_mut = eat(TK::KwMut);
        if (at(TK::Underscore)) {
          const Token& t = advance();
          it->name = Ident{"_", t.span};
        } else {
          expectIdent(&it->name);
        }
        if (expect(TK::Colon)) it->type = parseType();
        if (eat(TK::Eq)) it->value = parseExpr();
        if (!recovering_) expect(TK::Semi);
        break;
      }
      case TK::KwStruct: parseStruct(*it); break;
      case TK::KwUse: {
        it->kind = ItemKind::Use;
        advance();
        it->use_tree = parseUseTree();
        if (!recovering_) expect(TK::Semi);
        break;
      }
      case TK::KwImpl: parseImpl(*it); break;
      case TK::KwTrait: parseTrait(*it); break;
      case TK::KwEnum: parseEnum(*it); break;
      case TK::KwMod: parseMod(*it); break;
      case TK::KwType: parseTypeAlias(*it); break;
      case TK::KwExtern: case TK::KwUnsafe: {
        // `extern "C" { }`, `extern crate x;` (qualifiers before `fn` were taken above).
        it->kind = ItemKind::Unsupported;
        eat(TK::KwUnsafe);
        advance();  // extern
        eat(TK::StringLiteral);
        if (at(TK::KwCrate)) {
          advance();
          it->construct = "`extern crate`";
          if (at(TK::Identifier)) it->name = Ident{std::string(cur().text), cur().span};
        } else {
          it->construct = "`extern` blocks";
        }
        skipItemBody();
        break;
      }
      default:
        if (at(TK::Identifier) && cur().text == "union" && peekKind(1) == TK::Identifier) {
          it->kind = ItemKind::Unsupported;
          it->construct = "unions";
          advance();
          it->name = Ident{std::string(cur().text), cur().span};
          skipItemBody();
          break;
        }
        if (at(TK::Identifier) && cur().text == "macro_rules" && peekKind(1) == TK::Not) {
          it->kind = ItemKind::Unsupported;
          it->construct = "macro definitions";
          advance();
          advance();
          if (at(TK::Identifier)) it->name = Ident{std::string(cur().text), cur().span};
          skipItemBody();
          break;
        }
        if (atPathStart() && !at(TK::KwSelfValue)) {
          // An item macro invocation `foo!(...);` / `foo! { }`.
          size_t save = pos_;
          Path p = parsePathNoGenerics();
          if (at(TK::Not) && (peekKind(1) == TK::LParen || peekKind(1) == TK::LBracket ||
                              peekKind(1) == TK::LBrace)) {
            advance();
            it->kind = ItemKind::Unsupported;
            it->construct = "macro invocations in item position";
            it->name = p.segments.empty() ? Ident{} : p.segments.back().ident;
            bool braces = at(TK::LBrace);
            skipTokenTree();
            if (!braces) expect(TK::Semi);
            break;
          }
          pos_ = save;
        }
        if (Diagnostic* d = report(DiagnosticKind::ExpectedItem, curSpan(), {describe(cur())}))
          d->label("expected item");
        break;
    }
    it->span = spanFrom(begin);
    return it;
  }

  void parseFn(Item& it) {
    it.kind = ItemKind::Fn;
    advance();  // fn
    expectIdent(&it.name);
    parseOptGenerics(it);
    if (!at(TK::LParen)) {
      expectedError("`(`");
      return;
    }
    open_delims_.push_back(curSpan());
    advance();
    while (!at(TK::RParen) && !at(TK::EndOfFile)) {
      Param p;
      Span pb = curSpan();
      parseOuterAttributes();
      // self parameters: self, mut self, &self, &mut self, &'a self
      size_t la = 0;
      bool is_ref = false, is_mut = false;
      if (peekKind(la) == TK::And) {
        is_ref = true;
        ++la;
        if (peekKind(la) == TK::Lifetime) ++la;
      }
      if (peekKind(la) == TK::KwMut) {
        is_mut = true;
        ++la;
      }
      if (peekKind(la) == TK::KwSelfValue && peekKind(la + 1) != TK::PathSep) {
        for (size_t i = 0; i <= la; ++i) advance();
        p.is_self = true;
        p.self_kind = !is_ref ? SelfKind::Value : is_mut ? SelfKind::RefMut : SelfKind::Ref;
        p.self_is_mut = !is_ref && is_mut;
        if (eat(TK::Colon)) p.type = parseType();
      } else {
        p.pattern = parsePattern();
        if (expect(TK::Colon)) p.type = parseType();
      }
      p.span = spanFrom(pb);
      it.params.push_back(std::move(p));
      if (recovering_) {
        // Skip to the next `,` or `)` at this level.
        int depth = 0;
        while (!at(TK::EndOfFile)) {
          TK k = kind();
          if (depth == 0 && (k == TK::Comma || k == TK::RParen)) break;
          if (k == TK::LParen || k == TK::LBracket) depth++;
          if (k == TK::RParen || k == TK::RBracket) depth--;
          if (k == TK::LBrace || k == TK::RBrace) break;
          advance();
        }
        recovering_ = false;
      }
      if (!eat(TK::Comma)) break;
    }
    expect(TK::RParen);
    open_delims_.pop_back();
    if (eat(TK::RArrow)) it.ret_type = parseType();
    parseOptWhere(it);
    if (eat(TK::Semi)) return;
    if (recovering_ && !at(TK::LBrace)) return;
    if (!at(TK::LBrace)) {
      expectedError(it.ret_type ? "`;`, `{` or `where`" : "`->`, `;`, `{` or `where`");
      return;
    }
    it.body = parseBlock();
  }

  void parseStruct(Item& it) {
    it.kind = ItemKind::Struct;
    advance();
    expectIdent(&it.name);
    parseOptGenerics(it);
    parseOptWhere(it);
    if (eat(TK::Semi)) {
      it.is_unit_struct = true;
      return;
    }
    if (at(TK::LParen)) {
      it.is_tuple_struct = true;
      parseTupleFields(it.fields);
      parseOptWhere(it);
      expect(TK::Semi);
      return;
    }
    if (!at(TK::LBrace)) {
      expectedError("`{`, `(`, or `;`");
      return;
    }
    parseNamedFields(it.fields);
  }

  bool parseFieldVisibility() {
    if (!at(TK::KwPub)) return false;
    advance();
    if (at(TK::LParen) && (peekKind(1) == TK::KwCrate || peekKind(1) == TK::KwSuper ||
                           peekKind(1) == TK::KwSelfValue || peekKind(1) == TK::KwIn))
      skipTokenTree();
    return true;
  }
  // `(pub A, B)` (at `(`).
  void parseTupleFields(std::vector<StructField>& fields) {
    open_delims_.push_back(curSpan());
    advance();
    while (!at(TK::RParen) && !at(TK::EndOfFile)) {
      StructField f;
      Span fb = curSpan();
      f.attrs = parseOuterAttributes();
      f.is_pub = parseFieldVisibility();
      f.type = parseType();
      f.span = spanFrom(fb);
      fields.push_back(std::move(f));
      if (recovering_) break;
      if (!eat(TK::Comma)) break;
    }
    expect(TK::RParen);
    open_delims_.pop_back();
  }
  // `{ pub a: A, b: B }` (at `{`).
  void parseNamedFields(std::vector<StructField>& fields) {
    open_delims_.push_back(curSpan());
    advance();
    while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
      StructField f;
      Span fb = curSpan();
      f.attrs = parseOuterAttributes();
      f.is_pub = parseFieldVisibility();
      if (!expectIdent(&f.name)) break;
      if (expect(TK::Colon)) f.type = parseType();
      f.span = spanFrom(fb);
      fields.push_back(std::move(f));
      if (recovering_) break;
      if (!eat(TK::Comma)) break;
    }
    expect(TK::RBrace);
    open_delims_.pop_back();
  }

  // `{ #![inner] items }` of impl, trait and inline mod (at `{`).
  void parseItemList(Item& it) {
    if (!at(TK::LBrace)) {
      expectedError("`{`");
      return;
    }
    open_delims_.push_back(curSpan());
    advance();
    while (at(TK::Pound) && peekKind(1) == TK::Not) it.inner_attrs.push_back(parseAttribute());
    while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
      size_t start = pos_;
      ItemPtr item = parseItem();
      if (recovering_) recoverToItem(/*in_braces=*/true);
      if (item) it.items.push_back(std::move(item));
      if (pos_ == start) advance();
    }
    expect(TK::RBrace);
    open_delims_.pop_back();
  }

  // `impl<G> Type { }`, `impl<G> Trait<A> for Type where ... { }`.
  void parseImpl(Item& it) {
    it.kind = ItemKind::Impl;
    advance();  // impl
    // `impl<` starts generics unless it is a qualified path `impl <T as X>::Y`
    // (which is rejected either way).
    if (at(TK::Lt)) parseGenericParams(it.generics);
    syncGenerics(it);
    if (at(TK::Not)) {
      Span nb = curSpan();
      advance();
      if (Diagnostic* d = report(DiagnosticKind::UnsupportedSyntax, nb, {"negative impls"}))
        d->label("negative impl");
      recovering_ = false;
    }
    TypePtr first = parseType();
    if (eat(TK::KwFor)) {
      it.has_trait = true;
      if (first->kind == TypeKind::Path) {
        it.trait_path = std::move(first->path);
      } else if (first->kind != TypeKind::Error) {
        if (Diagnostic* d = report(DiagnosticKind::ExpectedToken, first->span,
                                   {"a trait", "type"}))
          d->label("not a trait");
        recovering_ = false;
      }
      it.type = parseType();
    } else {
      it.type = std::move(first);
    }
    parseOptWhere(it);
    if (recovering_ && !at(TK::LBrace)) return;
    parseItemList(it);
  }

  // `trait Name<G>: Super + Other where ... { items }`.
  void parseTrait(Item& it) {
    it.kind = ItemKind::Trait;
    advance();  // trait
    if (!expectIdent(&it.name)) return;
    parseOptGenerics(it);
    if (eat(TK::Colon)) it.supertraits = parseBounds();
    parseOptWhere(it);
    if (recovering_ && !at(TK::LBrace)) return;
    parseItemList(it);
  }

  // `enum E<G> where ... { A, B = 3, C(u32), D { x: f32 } }`.
  void parseEnum(Item& it) {
    it.kind = ItemKind::Enum;
    advance();  // enum
    if (!expectIdent(&it.name)) return;
    parseOptGenerics(it);
    parseOptWhere(it);
    if (!at(TK::LBrace)) {
      expectedError("`{`");
      return;
    }
    open_delims_.push_back(curSpan());
    advance();
    while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
      EnumVariant v;
      Span vb = curSpan();
      v.attrs = parseOuterAttributes();
      parseFieldVisibility();
      if (!expectIdent(&v.name)) break;
      if (at(TK::LParen)) {
        v.kind = VariantKind::Tuple;
        parseTupleFields(v.fields);
      } else if (at(TK::LBrace)) {
        v.kind = VariantKind::Struct;
        parseNamedFields(v.fields);
      }
      if (!recovering_ && eat(TK::Eq)) v.discriminant = parseExpr();
      v.span = spanFrom(vb);
      it.variants.push_back(std::move(v));
      if (recovering_) break;
      if (!eat(TK::Comma)) {
        if (!at(TK::RBrace)) expectedError("`,` or `}`");
        break;
      }
    }
    if (recovering_) {
      // Skip the rest of the enum body.
      int depth = 0;
      while (!at(TK::EndOfFile)) {
        TK k = kind();
        if (depth == 0 && k == TK::RBrace) break;
        if (k == TK::LBrace || k == TK::LParen || k == TK::LBracket) depth++;
        if (k == TK::RBrace || k == TK::RParen || k == TK::RBracket) depth--;
        advance();
      }
      recovering_ = false;
    }
    expect(TK::RBrace);
    open_delims_.pop_back();
  }

  // `mod name;` / `mod name { #![inner] items }`.
  void parseMod(Item& it) {
    it.kind = ItemKind::Mod;
    advance();  // mod
    if (!expectIdent(&it.name)) return;
    if (eat(TK::Semi)) {
      it.is_inline_mod = false;
      return;
    }
    if (!at(TK::LBrace)) {
      expectedError("`;` or `{`");
      return;
    }
    parseItemList(it);
  }

  // `type A<G> = B;`; in traits `type A: Bound;` (type null, bounds dropped).
  void parseTypeAlias(Item& it) {
    it.kind = ItemKind::TypeAlias;
    advance();  // type
    if (!expectIdent(&it.name)) return;
    parseOptGenerics(it);
    if (eat(TK::Colon)) parseBounds();
    parseOptWhere(it);
    if (eat(TK::Eq)) it.type = parseType();
    parseOptWhere(it);
    if (!recovering_) expect(TK::Semi);
  }

  UseTree parseUseTree() {
    UseTree t;
    Span begin = curSpan();
    t.prefix.span = begin;
    t.prefix.global = eat(TK::PathSep);
    while (true) {
      if (at(TK::Star)) {
        advance();
        t.kind = UseTreeKind::Glob;
        break;
      }
      if (at(TK::LBrace)) {
        advance();
        t.kind = UseTreeKind::Nested;
        while (!at(TK::RBrace) && !at(TK::EndOfFile)) {
          t.children.push_back(parseUseTree());
          if (recovering_) break;
          if (!eat(TK::Comma)) break;
        }
        expect(TK::RBrace);
        break;
      }
      PathSegment seg;
      if (!parseSegment(&seg)) break;
      t.prefix.segments.push_back(std::move(seg));
      t.prefix.span = spanFrom(begin);
      if (eat(TK::PathSep)) continue;
      t.kind = UseTreeKind::Simple;
      if (eat(TK::KwAs)) {
        if (at(TK::Underscore)) {
          const Token& u = advance();
          t.rename = Ident{"_", u.span};
        } else {
          expectIdent(&t.rename);
        }
      }
      break;
    }
    t.span = spanFrom(begin);
    return t;
  }

  const Token* toks_;  // the TokenizedBuffer's, read only
  size_t ntoks_;
  size_t split_pos_ = ~size_t(0);  // index of the token split_tok_ replaces
  Token split_tok_;
  FileId file_;
  DiagnosticEngine& diags_;
  size_t pos_ = 0;
  Span prev_end_;
  TK prev_kind_ = TK::EndOfFile;
  bool recovering_ = false;
  int nesting_ = 0;                 // parseUnary/parseType/parsePattern depth
  bool nesting_reported_ = false;
  bool no_struct_ = false;
  size_t last_error_pos_ = ~size_t(0);
  std::vector<Span> open_delims_;
  // parseBlock: one statement buffer per block nesting depth (owned through a
  // pointer, so that a buffer stays put while deeper ones are added).
  std::vector<std::unique_ptr<std::vector<Stmt>>> stmt_scratch_;
  size_t block_depth_ = 0;
};

}  // namespace

ast::Crate parse(const lex::TokenizedBuffer& tokens, DiagnosticEngine& diags) {
  return Parser(tokens, diags).parseCrate();
}

ast::ExprPtr parseExpression(const lex::TokenizedBuffer& tokens, DiagnosticEngine& diags) {
  return Parser(tokens, diags).parseSingleExpression();
}

}  // namespace hematite::parse
