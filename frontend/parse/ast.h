// The untyped AST produced by the parser (ast::Crate). It keeps everything the
// parser understood, including constructs the checker does not support yet, so
// the checker can name and reject them.
//
// Nodes are "fat" structs: one struct per category (Item, Type, Pattern, Expr,
// Stmt) with a kind enum; each field comment says which kinds use it.
// Print any node in an s-expression debug form with ast::print* (ast_printer.h).
#ifndef HEMATITE_FRONTEND_PARSE_AST_H
#define HEMATITE_FRONTEND_PARSE_AST_H

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/lex/lexer.h"
#include "frontend/source/source_manager.h"

namespace hematite::ast {

struct Type;
struct Pattern;
struct Expr;
struct Item;
using TypePtr = std::unique_ptr<Type>;
using PatternPtr = std::unique_ptr<Pattern>;
using ExprPtr = std::unique_ptr<Expr>;
using ItemPtr = std::unique_ptr<Item>;

// Nodes allocated one by one (Expr, Type, Pattern, Block, Item) come from a
// pool (HM_AST_NODE_POOL, ast.cpp): freed nodes are reused, and once every node
// of a kind is freed the next ones are carved again, in order, from the same
// slabs. `std::make_unique` and `delete` work as for any class.
#define HM_AST_NODE_POOL                     \
  static void* operator new(size_t size);    \
  static void operator delete(void* p, size_t size);

// A std::vector<T> kept behind a pointer: 8 bytes while empty, for lists that
// most nodes of a kind do not have (an Expr's match arms, closure parameters,
// struct literal fields). It has the part of std::vector's interface the
// frontend uses (range-for, size, empty, [], front, back, push_back,
// emplace_back, clear); `vec()` gives the vector itself.
template <typename T>
class BoxedVector {
 public:
  BoxedVector() = default;
  BoxedVector(BoxedVector&&) noexcept = default;
  BoxedVector& operator=(BoxedVector&&) noexcept = default;
  BoxedVector& operator=(std::vector<T>&& v) {
    if (v.empty()) v_.reset();
    else v_ = std::make_unique<std::vector<T>>(std::move(v));
    return *this;
  }

  size_t size() const { return v_ ? v_->size() : 0; }
  bool empty() const { return !v_ || v_->empty(); }
  T* begin() { return v_ ? v_->data() : nullptr; }
  T* end() { return v_ ? v_->data() + v_->size() : nullptr; }
  const T* begin() const { return v_ ? v_->data() : nullptr; }
  const T* end() const { return v_ ? v_->data() + v_->size() : nullptr; }
  T& operator[](size_t i) { return (*v_)[i]; }
  const T& operator[](size_t i) const { return (*v_)[i]; }
  T& front() { return v_->front(); }
  const T& front() const { return v_->front(); }
  T& back() { return v_->back(); }
  const T& back() const { return v_->back(); }
  void push_back(T&& x) { vec().push_back(std::move(x)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) { return vec().emplace_back(std::forward<Args>(args)...); }
  void clear() { v_.reset(); }
  std::vector<T>& vec() {
    if (!v_) v_ = std::make_unique<std::vector<T>>();
    return *v_;
  }

 private:
  std::unique_ptr<std::vector<T>> v_;
};

// A std::string kept behind a pointer (8 bytes; null while empty), for a
// literal's string value, which most literals do not have. It converts to
// `const std::string&` (and so copies into a std::string), as `str()` returns.
class BoxedString {
 public:
  BoxedString() = default;
  BoxedString(BoxedString&&) noexcept = default;
  BoxedString& operator=(BoxedString&&) noexcept = default;
  BoxedString& operator=(std::string s) {
    if (s.empty()) s_.reset();
    else s_ = std::make_unique<std::string>(std::move(s));
    return *this;
  }
  const std::string& str() const { return s_ ? *s_ : emptyString(); }
  operator const std::string&() const { return str(); }
  bool empty() const { return !s_ || s_->empty(); }
  size_t size() const { return s_ ? s_->size() : 0; }
  const char* c_str() const { return str().c_str(); }
  friend bool operator==(const BoxedString& a, std::string_view b) { return a.str() == b; }

 private:
  static const std::string& emptyString() {
    static const std::string empty;
    return empty;
  }
  std::unique_ptr<std::string> s_;
};

struct Ident {
  std::string name;
  Span span;
};

// One `::`-separated segment, with optional generic arguments (`Vec<u32>`,
// `foo::<T>`).
struct PathSegment {
  Ident ident;
  bool has_generic_args = false;
  // Types, and const arguments as TypeKind::ConstArg; lifetimes are dropped.
  // A bare identifier (`foo::<N>`) parses as a Path type; the checker decides
  // whether it names a type or a const.
  std::vector<TypePtr> generic_args;
  // Associated type bindings `Output = T` (in bounds such as `Add<Output = T>`),
  // kept apart from generic_args.
  std::vector<std::pair<Ident, TypePtr>> assoc_bindings;

  // A segment that is just a name (the checker's desugarings build these).
  static PathSegment named(Ident ident) { return PathSegment{std::move(ident), false, {}, {}}; }
};

// Path::segments is a std::vector whose one-element buffers (most paths have
// one segment) come from a node pool, like the nodes (ast.cpp); longer ones
// from operator new.
void* allocateSegments(size_t n);
void freeSegments(void* p, size_t n);
template <typename T>
struct SegmentAllocator {
  using value_type = T;
  SegmentAllocator() = default;
  template <typename U> SegmentAllocator(const SegmentAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(allocateSegments(n)); }
  void deallocate(T* p, size_t n) { freeSegments(p, n); }
  bool operator==(const SegmentAllocator&) const { return true; }
  bool operator!=(const SegmentAllocator&) const { return false; }
};
struct Path {
  std::vector<PathSegment, SegmentAllocator<PathSegment>> segments;
  Span span;
  bool global = false;  // leading `::`
  std::string toString() const;  // "gpu::global_idx_x" (without generic args)
  bool isSingle() const { return !global && segments.size() == 1 && !segments[0].has_generic_args; }
};

// `#[name]`, `#[name(arg, key = value, ...)]`, `#[name = value]`; `#![...]` inner.
struct AttrArg {
  Path path;       // `max_threads`, `Clone`, `C`
  ExprPtr value;   // `= 256` (a literal expression), or null
  Span span;
};
struct Attribute {
  Path path;
  bool inner = false;
  bool has_args = false;      // `name(...)`
  std::vector<AttrArg> args;  // inside the parentheses
  ExprPtr value;              // `#[name = value]`, or null
  Span span;
};

// ---------------------------------------------------------------- Types
enum class TypeKind : uint8_t {
  Path,      // path                  u32, Vec<f32>, gpu::Foo
  Ref,       // &T / &mut T           elem, is_mut (slices are Ref(Slice))
  Slice,     // [T]                   elem
  Array,     // [T; N]                elem, len
  Tuple,     // (), (A, B)            elems
  Ptr,       // *const T / *mut T     elem, is_mut
  Never,     // !
  Infer,     // _
  ConstArg,  // a const generic argument `4`, `{ N + 1 }`   len (the expression)
  TraitObject,  // `dyn Trait` / `impl Trait` (rejected)  path (the first bound), is_impl
  Error,     // after a parse error
};
struct Type {
  TypeKind kind = TypeKind::Error;
  bool is_mut = false;         // Ref, Ptr
  bool is_impl = false;        // TraitObject: `impl Trait` (else `dyn Trait`)
  Span span;
  Path path;                   // Path
  TypePtr elem;                // Ref, Slice, Array, Ptr
  ExprPtr len;                 // Array, ConstArg
  std::vector<TypePtr> elems;  // Tuple

  HM_AST_NODE_POOL
};

// ---------------------------------------------------------------- Patterns
enum class PatternKind : uint8_t {
  Ident,     // [ref] [mut] name      name, is_mut, is_ref
  Wildcard,  // _
  Rest,      // ..
  Literal,   // 1, -1, 'a', true      literal (an Expr: Literal or Unary(Neg, Literal))
  Range,     // a..=b, a..b           literal, range_end, inclusive
  Path,      // Foo::Bar              path
  Tuple,     // (a, b)                elems
  TupleStruct,  // Foo(a, b)          path, elems
  Struct,    // Foo { a, b: p, .. }   path, field_names/elems
  Or,        // a | b                 elems
  Ref,       // &p / &mut p           elems[0], is_mut
  Error,
};
struct Pattern {
  PatternKind kind = PatternKind::Error;
  bool is_mut = false, is_ref = false;  // Ident (is_mut also Ref)
  bool inclusive = false;           // Range
  Span span;
  Ident name;                       // Ident
  ExprPtr literal;                  // Literal, Range (start)
  ExprPtr range_end;                // Range
  Path path;                        // Path, TupleStruct, Struct
  std::vector<PatternPtr> elems;    // Tuple, TupleStruct, Struct (field patterns), Or, Ref
  std::vector<Ident> field_names;   // Struct
  bool has_rest = false;            // Struct: `..` after the fields

  HM_AST_NODE_POOL
};

// ---------------------------------------------------------------- Expressions
enum class BinaryOp : uint8_t {
  Add, Sub, Mul, Div, Rem, BitAnd, BitOr, BitXor, Shl, Shr,
  Eq, Ne, Lt, Le, Gt, Ge, And /* && */, Or /* || */
};
const char* binaryOpSpelling(BinaryOp op);  // "+", "&&", ...
bool isComparison(BinaryOp op);

enum class UnaryOp : uint8_t { Neg /* - */, Not /* ! */, Deref /* * */, Ref /* & */, RefMut /* &mut */ };
const char* unaryOpSpelling(UnaryOp op);

enum class LiteralKind : uint8_t { Int, Float, Bool, Char, Byte, Str, ByteStr };

// A literal expression's token: what the checker reads of it, with the string
// value owned here (a lex::Token only points into its TokenizedBuffer).
struct Literal {
  lex::TokenKind kind = lex::TokenKind::EndOfFile;  // IntLiteral, ..., KwTrue/KwFalse
  bool raw = false;                                 // r"..." / br#"..."#
  lex::NumericSuffix suffix = lex::NumericSuffix::None;  // Int/FloatLiteral
  uint32_t char_value = 0;     // CharLiteral (codepoint) / ByteLiteral (byte)
  std::string_view text;       // source text (the SourceManager owns it)
  uint64_t int_value = 0;      // IntLiteral
  double float_value = 0.0;    // FloatLiteral
  BoxedString string_value;    // StringLiteral / ByteStringLiteral, escapes applied

  Literal() = default;
  explicit Literal(const lex::Token& t);
  bool is(lex::TokenKind k) const { return kind == k; }
};

enum class ExprKind : uint8_t {
  Literal,         // literal
  Path,            // path
  Unary,           // unary_op, lhs
  Binary,          // binary_op, lhs, rhs
  Assign,          // lhs = rhs
  CompoundAssign,  // lhs binary_op= rhs
  Cast,            // lhs as type
  Call,            // lhs(args)
  MethodCall,      // lhs.name::<generic_args>(args)
  Field,           // lhs.name (tuple index: name is "0", "1", ...)
  Index,           // lhs[rhs]
  Paren,           // (lhs)
  Tuple,           // (args...)  — `()` is an empty tuple
  Array,           // [args...]
  ArrayRepeat,     // [lhs; rhs]
  Block,           // block (is_unsafe for `unsafe { }`)
  If,              // if lhs block [else else_expr]   (else_expr: Block or If)
  While,           // [label:] while lhs block
  Loop,            // [label:] loop block
  For,             // [label:] for pattern in lhs block
  Break,           // break [label] [lhs]
  Continue,        // continue [label]
  Return,          // return [lhs]
  Range,           // [lhs] .. [rhs]   (inclusive for ..=; either side may be null)
  Match,           // match lhs { arms }
  Closure,         // |params| lhs
  StructLit,       // path { field: value, ..rhs }
  MacroCall,       // path!(args...) / path![args...]: args parsed as expressions;
                   // path!{...} is skipped (args empty)
  Try,             // lhs?
  Error,           // after a parse error
};

struct Stmt;
struct Block {
  std::vector<Stmt> stmts;
  ExprPtr tail;  // final expression without `;`, or null
  Span span;     // braces included

  HM_AST_NODE_POOL
};

struct MatchArm {
  PatternPtr pattern;
  ExprPtr guard;  // `if cond`, or null
  ExprPtr body;
  Span span;
};

struct ClosureParam {
  PatternPtr pattern;
  TypePtr type;  // or null
};

struct FieldInit {
  Ident name;
  ExprPtr value;  // null for shorthand `Foo { x }`
};

struct Expr {
  ExprKind kind = ExprKind::Error;
  // (The small fields are kept together, ahead of the rest: no padding.)
  LiteralKind literal_kind = LiteralKind::Int;  // Literal
  BinaryOp binary_op = BinaryOp::Add;  // Binary, CompoundAssign
  UnaryOp unary_op = UnaryOp::Neg;     // Unary
  bool is_unsafe = false;         // Block
  bool inclusive = false;         // Range
  Span span;

  Literal literal;  // Literal: the token's kind, text and value; Bool: kind KwTrue/KwFalse

  Path path;                      // Path, StructLit, MacroCall
  ExprPtr lhs;                    // see ExprKind
  ExprPtr rhs;
  TypePtr type;                   // Cast (target), Closure (return type, may be null)
  std::vector<ExprPtr> args;      // Call, MethodCall, Tuple, Array
  Ident name;                     // MethodCall, Field; label of Break/Continue
  std::vector<TypePtr> generic_args;  // MethodCall turbofish
  std::unique_ptr<Block> block;   // Block, If (then), While, Loop, For
  ExprPtr else_expr;              // If
  Ident label;                    // While, Loop, For, labeled Block ('a, empty if none)
  PatternPtr pattern;             // For
  // (Rare: boxed, 8 bytes each while empty; used like a std::vector.)
  BoxedVector<MatchArm> arms;     // Match
  BoxedVector<ClosureParam> closure_params;  // Closure
  BoxedVector<FieldInit> fields;  // StructLit

  HM_AST_NODE_POOL
};

// ---------------------------------------------------------------- Statements
enum class StmtKind : uint8_t {
  Let,    // let pattern [: type] [= init] [else else_block];
  Expr,   // expr [;]
  Item,   // a nested item
  Empty,  // ;
};
struct Stmt {
  StmtKind kind = StmtKind::Empty;
  Span span;
  std::vector<Attribute> attrs;
  PatternPtr pattern;   // Let
  TypePtr type;         // Let, or null
  ExprPtr init;         // Let (or null), Expr
  std::unique_ptr<Block> else_block;  // let-else, or null
  bool has_semi = false;  // Expr: followed by `;`
  ItemPtr item;           // Item
};

// ---------------------------------------------------------------- Generics
// `<T: Bound + Other, const N: usize, 'a>` and `where T: Bound`.
enum class GenericParamKind : uint8_t { Type, Const, Lifetime };
struct GenericParam {
  GenericParamKind kind = GenericParamKind::Type;
  Ident name;                 // `T`, `N`, `'a` (with the quote)
  std::vector<Path> bounds;   // Type: trait bounds (`?Sized` and lifetimes dropped)
  TypePtr const_type;         // Const: `usize`
  TypePtr default_type;       // Type: `= T` (rejected by the checker), or null
  Span span;
};
struct WherePredicate {
  TypePtr bounded;            // the type left of `:`
  std::vector<Path> bounds;   // trait bounds (lifetimes dropped)
  Span span;
};
struct Generics {
  std::vector<GenericParam> params;
  std::vector<WherePredicate> where_preds;
  Span span;  // `<...>` and the where clause; invalid if neither
  bool empty() const { return params.empty() && where_preds.empty(); }
};

// ---------------------------------------------------------------- Items
enum class ItemKind : uint8_t {
  Fn,
  Const,
  Static,
  Struct,
  Enum,
  Impl,
  Trait,
  Mod,
  TypeAlias,
  Use,
  Unsupported,  // union / extern block / macro_rules!: skipped by the parser,
                // named in `construct`
  Error,
};

enum class SelfKind : uint8_t { Value /* self, mut self */, Ref /* &self */, RefMut /* &mut self */ };
struct Param {
  PatternPtr pattern;    // null for self parameters
  TypePtr type;          // null for self parameters without `: Type`
  Span span;
  bool is_self = false;  // `self`, `&self`, `&mut self`
  SelfKind self_kind = SelfKind::Value;  // is_self
  bool self_is_mut = false;              // `mut self`
};

struct StructField {
  std::vector<Attribute> attrs;
  bool is_pub = false;
  Ident name;  // empty for tuple structs
  TypePtr type;
  Span span;
};

enum class UseTreeKind : uint8_t { Simple /* path [as rename] */, Glob /* path::* */, Nested /* path::{...} */ };
struct UseTree {
  UseTreeKind kind = UseTreeKind::Simple;
  Path prefix;
  Ident rename;  // Simple with `as` (name may be "_")
  std::vector<UseTree> children;  // Nested
  Span span;
};

// An enum variant: `A`, `B = 3`, `C(u32)`, `D { x: f32 }`.
enum class VariantKind : uint8_t { Unit, Tuple, Struct };
struct EnumVariant {
  std::vector<Attribute> attrs;
  Ident name;
  VariantKind kind = VariantKind::Unit;
  std::vector<StructField> fields;  // Tuple, Struct
  ExprPtr discriminant;             // `= 3`, or null
  Span span;
};

struct Item {
  ItemKind kind = ItemKind::Error;
  Span span;
  std::vector<Attribute> attrs;
  bool is_pub = false;
  Span vis_span;  // `pub` / `pub(crate)`; invalid if private
  Ident name;     // Fn, Const, Static, Struct, Unsupported (may be empty)

  // Fn, Struct, Enum, Impl, Trait, TypeAlias
  Generics generics;
  bool has_generics = false;  // generics non-empty (kept for older callers)
  Span generics_span;         // == generics.span
  bool is_const = false, is_unsafe = false, is_extern = false, is_async = false;
  std::vector<Param> params;
  TypePtr ret_type;                 // null for `()`
  std::unique_ptr<Block> body;      // null for `fn f();`

  // Const, Static; TypeAlias (the aliased type); Impl (the self type)
  TypePtr type;
  ExprPtr value;
  bool is_mut = false;  // static mut

  // Struct
  bool is_tuple_struct = false, is_unit_struct = false;
  std::vector<StructField> fields;

  // Enum
  std::vector<EnumVariant> variants;

  // Impl: `impl<G> [Trait for] Type { items }` (self type in `type`).
  // Trait: `trait Name<G>: Supertraits { items }`. Mod: `mod name { items }`
  // or `mod name;` (items loaded from its file, see parse/load_crate.h).
  bool has_trait = false;            // Impl: `impl Trait for Type`
  Path trait_path;                   // Impl with has_trait
  std::vector<Path> supertraits;     // Trait
  std::vector<ItemPtr> items;        // Impl, Trait (fns maybe without body, consts), Mod
  bool is_inline_mod = true;         // Mod: `mod x { }` (false: `mod x;`)
  FileId mod_file = kInvalidFile;    // Mod loaded from a file (`mod x;`)
  std::vector<Attribute> inner_attrs;  // Mod: `#![...]` inside the module

  // Use
  UseTree use_tree;

  // Unsupported: "unions", "`extern` blocks", "macro definitions"
  std::string construct;

  HM_AST_NODE_POOL
};

struct Crate {
  FileId file = kInvalidFile;
  std::vector<Attribute> inner_attrs;  // `#![...]`
  std::vector<ItemPtr> items;
  // Every source file read for this crate, root first, then `mod x;` files in
  // load order (names as given to SourceManager); filled by parse::loadCrate.
  std::vector<std::string> files_read;
};

}  // namespace hematite::ast

#endif
