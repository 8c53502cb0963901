// The checked program: what MLIRGen consumes.
//
// Every node has a resolved, final type (no inference variables), and every name
// is resolved: a LocalRef names a local by LocalId, a Call names a function by
// FunctionId, an IntrinsicCall names a gpu intrinsic. Parentheses are gone,
// `-literal` is folded into the literal, `.len()` on a slice is SliceLen, and
// `T::MAX`/`T::MIN` are literals. Only constructs the checker supports appear
// here; anything else was diagnosed. Only lower a program whose checking
// reported no errors (DiagnosticEngine::hasErrors()).
//
// Generic code: functions keep their generic form (types may contain Param
// types and Param array lengths). Calls carry a Substitution in the callee's
// parameter index space; lowering monomorphizes by substituting
// (TypeContext::substitute) and resolves trait calls with resolveTraitMethod.
// Generic parameter index spaces: a free fn: its own params; a method in an
// impl: the impl's params, then the method's; a method declared in a trait:
// Self (index 0), the trait's params, then the method's.
//
// Places: LocalRef, Index, Field (of a place), Deref and ConstRef are places
// (things with an address, or read-only values for ConstRef); Assign,
// CompoundAssign and AddrOf take a place operand. Field/Index of a non-place
// (a call result) read from the value.
//
// Walking: switch on Expr::kind; the table below says which fields each kind
// uses. `operands` holds all child expressions (so a generic walker can just
// recurse over operands and Block statements).
#ifndef HEMATITE_FRONTEND_CHECK_CHECKED_PROGRAM_H
#define HEMATITE_FRONTEND_CHECK_CHECKED_PROGRAM_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frontend/check/types.h"
#include "frontend/parse/ast.h"
#include "frontend/source/source_manager.h"

namespace hematite::check {

using LocalId = uint32_t;     // index into Function::locals
using FunctionId = uint32_t;  // index into CheckedProgram::functions
using LoopId = uint32_t;      // numbers loops within a function (0, 1, ...)
using TraitId = uint32_t;     // index into CheckedProgram::traits
using ImplId = uint32_t;      // index into CheckedProgram::impls
using ConstId = uint32_t;     // index into CheckedProgram::consts
inline constexpr uint32_t kNone = ~0u;

// Builtin methods and associated functions of primitive types, and gpu math.
// Operands: [receiver, args...] for methods, [args...] for associated fns.
// The result type is Expr::type; the receiver's type says f32/f64/integer.
enum class Builtin : uint8_t {
  // Floats (f32, f64).
  Sqrt, Exp, Exp2, Ln, Log2, Log10, Sin, Cos, Tan, Tanh, Asin, Acos, Atan, Sinh, Cosh,
  Cbrt, Powf, Powi /* (self, i32) */, Floor, Ceil, Round, Trunc, Fract, MulAdd /* (self,a,b) */,
  Recip, Hypot, Atan2, Signum, ToDegrees, ToRadians, IsNan, IsInfinite, IsFinite,
  ToBits /* f32 -> u32, f64 -> u64 */, FromBits /* assoc: u32 -> f32 */,
  Rsqrt /* gpu::rsqrt(x) */,
  // Floats and integers.
  Abs, Min, Max, Clamp /* (self, lo, hi) */,
  // Integers.
  Pow /* (self, u32) */, WrappingAdd, WrappingSub, WrappingMul, WrappingNeg,
  SaturatingAdd, SaturatingSub, CountOnes, CountZeros, LeadingZeros, TrailingZeros,
  RotateLeft /* (self, u32) */, RotateRight, SwapBytes, ReverseBits, IsPowerOfTwo,
  // Added later (order is not meaningful).
  RemEuclid, DivEuclid /* ints and floats */, AbsDiff /* -> unsigned of the same width */,
  DivCeil /* unsigned */, IsPositive, IsNegative /* signed ints */, CopySign /* floats */,
};
const char* builtinName(Builtin b);  // the Rust method name: "sqrt", "wrapping_add"

// The `gpu` module's intrinsics supported so far.
enum class Intrinsic : uint8_t {
  ThreadIdxX, ThreadIdxY, ThreadIdxZ,  // () -> u32
  BlockIdxX, BlockIdxY, BlockIdxZ,     // () -> u32
  BlockDimX, BlockDimY, BlockDimZ,     // () -> u32
  GridDimX, GridDimY, GridDimZ,        // () -> u32
  GlobalIdxX, GlobalIdxY, GlobalIdxZ,  // () -> usize: block_idx * block_dim + thread_idx
  SyncThreads,                         // () -> ()
  ThreadFence, ThreadFenceBlock,       // () -> (): memory fences (device, block)
  LaneId, WarpSize,                    // () -> u32
  Shuffle, ShuffleXor, ShuffleUp, ShuffleDown,  // (v: T, lane: u32) -> T, T a 32/64-bit number
  Ballot,                              // (bool) -> u64
  VoteAll, VoteAny,                    // (bool) -> bool
  WarpReduceAdd, WarpReduceMin, WarpReduceMax,  // (v: T) -> T
  Shared,                              // ::<T>() -> &'static mut T: block-shared memory
  AtomicAdd, AtomicSub, AtomicMin, AtomicMax,   // (p: &mut T, v: T) -> T, the old value
  AtomicAnd, AtomicOr, AtomicXor, AtomicExchange,
  AtomicCompareExchange,               // (p: &mut T, current: T, new: T) -> T
};
const char* intrinsicName(Intrinsic i);  // "thread_idx_x"
std::optional<Intrinsic> intrinsicByName(const std::string& name);
// For the xyz families: 0, 1, 2 for x, y, z.
unsigned intrinsicDimension(Intrinsic i);

// Operators after checking. Arithmetic/bitwise operands have the same type as
// the result, except Shl/Shr whose right operand may be any integer type.
// Comparisons: both operands have the same scalar type, result bool.
// And/Or: short-circuit, bool operands.
using BinaryOp = ast::BinaryOp;
// Neg: signed integer or float. Not: bool (logical) or integer (bitwise).
enum class UnaryOp : uint8_t { Neg, Not };

enum class ExprKind : uint8_t {
  //                 operands                       payload
  IntLiteral,     // -                              int_value (type: the final integer type)
  FloatLiteral,   // -                              float_value (type: f32 or f64)
  BoolLiteral,    // -                              bool_value
  UnitLiteral,    // -                              `()`
  LocalRef,       // -                              local
  Call,           // args...                        callee (FunctionId)
  IntrinsicCall,  // args...                        intrinsic
  SliceLen,       // [slice]                        type usize
  Index,          // [slice, index(usize)]          bounds-checked element access (a place)
  Unary,          // [operand]                      unary_op
  Binary,         // [lhs, rhs]                     binary_op
  Cast,           // [operand]                      target type = type; numeric<->numeric, bool->int
  Assign,         // [place, value]                 type (); place is LocalRef or Index
  CompoundAssign, // [place, value]                 binary_op (place op= value); type ()
  Block,          // [] + block                     block.stmts, block.tail
  If,             // [cond, then(Block), else?]     else is a Block or an If; no else => type ()
  While,          // [cond, body(Block)]            loop_id; type ()
  Loop,           // [body(Block)]                  loop_id; type: break values' type, ! if no break
  For,            // [start, end, body(Block)]      loop_id, local (induction variable), inclusive
  Break,          // [] or [value]                  loop_id (the loop it exits); type !
  Continue,       // []                             loop_id; type !
  Return,         // [] or [value]                  type !
  // --- aggregates, references, generics, patterns
  BuiltinCall,    // receiver/args...               builtin
  TraitCall,      // args... (args[0] is self)      callee: the trait method's declaration
                  //                                (Function::trait_id set); subst: in the
                  //                                declaration's index space (types[0] = Self)
  ConstParam,     // -                              param_index: a const generic parameter's
                  //                                value (type: its declared type)
  ConstRef,       // -                              const_id: a `const`/`static` item (a
                  //                                read-only place; lower its init)
  Tuple,          // elems...                       type Tuple
  StructLit,      // field values...                in declaration order; type Adt (struct)
  ArrayLit,       // elems...                       type Array
  ArrayRepeat,    // [value]                        `[v; N]`, N = type->arrayLen()
  EnumVariant,    // -                              variant_index; type Adt (C-like enum);
                  //                                its value is AdtDef::variants[i].discriminant
  Field,          // [base]                         field_index (struct field or tuple
                  //                                element); a place if base is one
  AddrOf,         // [place]                        `&p` / `&mut p` (is_mut); type Ref
  Deref,          // [ref]                          `*r`: the referent (a place)
  SliceRange,     // [slice, start?, end?]          `&s[a..b]`: has_start/has_end say
                  //                                which operands exist; inclusive for
                  //                                `..=`; panics out of range
  Match,          // [scrutinee]                    arms (patterns, guards, bodies)
  Panic,          // format args...                 message (rustc's `{}` format string);
                  //                                type !. Also failed assert!/assert_eq!.
};
const char* exprKindName(ExprKind k);

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// Generic arguments for a call, in the callee's parameter index space
// (types[i] null for const parameters; consts[i] meaningful only for them).
struct Substitution {
  std::vector<const Type*> types;
  std::vector<ConstValue> consts;
  bool empty() const { return types.empty(); }
};

// A checked pattern (let, match, for, parameters).
enum class PatternKind : uint8_t {
  Wildcard,  // _ (and `..` rest, expanded to wildcards)
  Binding,   // name [@ sub]: local; sub = elems[0] if present. Binds by copy.
  Int,       // an integer, bool or C-like enum literal: int_value (bool: 0/1;
             // enum: the discriminant)
  Range,     // lo..=hi / lo..hi: int_value (lo), int_hi, inclusive
  Tuple,     // (a, b): elems, one per element
  Struct,    // S { x, y: p } / S(a, b): elems, one per field in declaration order
             // (missing fields are Wildcard)
  Or,        // a | b: elems (each binds the same locals)
};
struct Pattern;
using PatternPtr = std::unique_ptr<Pattern>;
struct Pattern {
  PatternKind kind = PatternKind::Wildcard;
  const Type* type = nullptr;  // the type of the value matched
  Span span;
  LocalId local = 0;           // Binding
  uint64_t int_value = 0;      // Int, Range (two's complement, like Expr::int_value)
  uint64_t int_hi = 0;         // Range
  bool inclusive = true;       // Range
  std::vector<PatternPtr> elems;
};

struct MatchArm {
  PatternPtr pattern;
  ExprPtr guard;  // or null
  ExprPtr body;
  Span span;
};

// A local variable: a parameter, a `let` binding, or a `for` induction variable.
// Shadowing creates a new local; each `let` is its own LocalId.
struct Local {
  LocalId id = 0;
  std::string name;
  const Type* type = nullptr;
  bool is_mutable = false;  // declared `mut`
  bool is_param = false;
  Span span;  // the binding's name
};

enum class StmtKind : uint8_t {
  Let,   // pattern = init (init may be null only for `let x: T;` with a Binding)
  Expr,  // expr evaluated for its effects (`let _ = e;` too)
};
struct Stmt {
  StmtKind kind = StmtKind::Expr;
  Span span;
  PatternPtr pattern; // Let: irrefutable (Binding, Wildcard, Tuple, Struct)
  LocalId local = 0;  // Let with a Binding pattern: the same as pattern->local
  ExprPtr init;       // Let (nullable)
  ExprPtr expr;       // Expr
};

struct Block {
  std::vector<Stmt> stmts;
  ExprPtr tail;  // the block's value, or null (then the block's type is () or !)
};

struct Expr {
  ExprKind kind = ExprKind::UnitLiteral;
  const Type* type = nullptr;
  Span span;

  std::vector<ExprPtr> operands;  // see ExprKind

  // Payload (meaningful for the kinds named in ExprKind's table).
  uint64_t int_value = 0;  // two's complement; for signed types read as int64_t
  double float_value = 0;  // the literal's value as a double; round to float for f32
  bool bool_value = false;
  LocalId local = 0;
  FunctionId callee = 0;
  Intrinsic intrinsic = Intrinsic::ThreadIdxX;
  BinaryOp binary_op = BinaryOp::Add;
  UnaryOp unary_op = UnaryOp::Neg;
  LoopId loop_id = 0;
  bool inclusive = false;  // For: `a..=b`; SliceRange: `..=`
  bool reversed = false;   // For: `(a..b).rev()` (counts down from the end)
  bool has_step = false;   // For: `(a..b).step_by(s)`: operands [start, end, step, body]
  std::unique_ptr<Block> block;  // Block
  Builtin builtin = Builtin::Sqrt;   // BuiltinCall
  Substitution subst;                // Call, TraitCall
  uint32_t param_index = 0;          // ConstParam
  ConstId const_id = 0;              // ConstRef
  uint32_t field_index = 0;          // Field
  uint32_t variant_index = 0;        // EnumVariant
  bool is_mut = false;               // AddrOf
  bool has_start = false, has_end = false;  // SliceRange
  std::vector<MatchArm> arms;        // Match
  std::string message;               // Panic

  const Expr& operand(size_t i) const { return *operands[i]; }
};

// A generic parameter of an item (`T: Bound`, `const N: usize`).
struct GenericParam {
  std::string name;
  bool is_const = false;
  const Type* const_type = nullptr;  // is_const: its type (an integer or bool)
  std::vector<TraitId> bounds;       // type parameters: trait bounds (+ supertraits)
  std::vector<std::string> builtin_bounds;  // "PartialEq", "PartialOrd", ...: comparisons
};

struct Function {
  FunctionId id = 0;
  std::string name;            // as declared: "norm"
  std::string qualified_name;  // "geom::Point::norm" 
  Span span;       // the whole item
  Span name_span;
  bool is_kernel = false;  // #[kernel]
  bool is_public = false;
  std::optional<uint32_t> max_threads;  // #[kernel(max_threads = N)]
  bool inline_hint = false;             // #[inline] / #[inline(always)]
  std::vector<GenericParam> generics;   // the whole index space (see the top comment)
  const Type* self_type = nullptr;      // in an impl: the impl's self type; in a trait: Param 0
  ImplId impl_id = kNone;               // defined in this impl
  TraitId trait_id = kNone;             // declared in this trait (body: the default, or null)
  bool has_self = false;                // params[0] is `self` / `&self` / `&mut self`
  std::vector<LocalId> params;          // in order; details in locals[params[i]]
  std::vector<PatternPtr> param_patterns;  // per param: a pattern to destructure it
                                           // with after binding (null: none)
  const Type* return_type = nullptr;    // () if none
  std::vector<Local> locals;            // every local of the function, by LocalId
  ExprPtr body;                         // a Block expression; null if the signature was invalid
  const ast::Item* decl = nullptr;      // the parsed item (attributes, spans)

  const Local& param(size_t i) const { return locals[params[i]]; }
};

// A struct or an enum.
struct FieldDef {
  std::string name;  // "0", "1", ... for tuple structs
  const Type* type;  // may contain the ADT's Params
  Span span;
  bool is_pub = false;
};
struct VariantDef {
  std::string name;
  int64_t discriminant = 0;
  Span span;
};
struct AdtDef {
  AdtId id = 0;
  std::string name, qualified_name;
  bool is_enum = false;
  bool repr_c = false, is_copy = false;  // #[repr(C)], #[derive(Clone, Copy)]
  bool derives_eq = false;               // #[derive(PartialEq)]: `==` on enums
  bool derives_clone = false;            // #[derive(Clone)]: `.clone()`
  std::vector<GenericParam> generics;
  std::vector<FieldDef> fields;       // struct
  std::vector<VariantDef> variants;   // enum (C-like only)
  const Type* discriminant_type = nullptr;  // enum: isize, or #[repr(u8)] etc.
  Span span;
};

struct TraitDef {
  TraitId id = 0;
  std::string name, qualified_name;
  std::vector<GenericParam> generics;        // index 0 is Self
  std::vector<TraitId> supertraits;
  std::vector<FunctionId> methods;           // declarations (maybe with default bodies)
  Span span;
};

struct ImplDef {
  ImplId id = 0;
  std::vector<GenericParam> generics;
  const Type* self_type = nullptr;           // may contain the impl's Params
  TraitId trait_id = kNone;                  // `impl Trait for T`, or inherent
  std::vector<const Type*> trait_args;       // the trait's generic args (without Self)
  std::vector<FunctionId> methods;
  Span span;
};

struct ConstDef {
  ConstId id = 0;
  std::string name;
  const Type* type = nullptr;
  ExprPtr init;  // evaluated in no function (no locals)
  bool is_static = false;
  Span span;
};

struct CheckedProgram {
  FileId file = kInvalidFile;
  std::unique_ptr<TypeContext> types;
  std::vector<Function> functions;  // in source order; FunctionId = index
  std::vector<AdtDef> adts;
  std::vector<TraitDef> traits;
  std::vector<ImplDef> impls;
  std::vector<ConstDef> consts;

  // For a TraitCall: the implementing function for a concrete `subst` (types[0]
  // is Self; no Params left) and the substitution to call it with, in its own
  // index space. A trait default method resolves to itself with `subst`.
  // Fails (fn == kNone) only for programs that did not check.
  struct Resolved {
    FunctionId fn = kNone;
    Substitution subst;
  };
  Resolved resolveTraitMethod(FunctionId decl, const Substitution& subst) const;

  // Names for printing types ("Point<f32>").
  TypeNamer namer() const;

  const Function* findFunction(const std::string& name) const {
    for (const auto& f : functions)
      if (f.name == name) return &f;
    return nullptr;
  }
};

}  // namespace hematite::check

#endif
