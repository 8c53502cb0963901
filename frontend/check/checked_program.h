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

// The `gpu` module's intrinsics supported so far.
enum class Intrinsic : uint8_t {
  ThreadIdxX, ThreadIdxY, ThreadIdxZ,  // () -> u32
  BlockIdxX, BlockIdxY, BlockIdxZ,     // () -> u32
  BlockDimX, BlockDimY, BlockDimZ,     // () -> u32
  GridDimX, GridDimY, GridDimZ,        // () -> u32
  GlobalIdxX, GlobalIdxY, GlobalIdxZ,  // () -> usize: block_idx * block_dim + thread_idx
  SyncThreads,                         // () -> ()
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
};
const char* exprKindName(ExprKind k);

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

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
  Let,   // local = init (init may be null: `let x: T;`)
  Expr,  // expr evaluated for its effects (`let _ = e;` too)
};
struct Stmt {
  StmtKind kind = StmtKind::Expr;
  Span span;
  LocalId local = 0;  // Let
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
  bool inclusive = false;  // For: `a..=b`
  std::unique_ptr<Block> block;  // Block

  const Expr& operand(size_t i) const { return *operands[i]; }
};

struct Function {
  FunctionId id = 0;
  std::string name;
  Span span;       // the whole item
  Span name_span;
  bool is_kernel = false;  // #[kernel]
  bool is_public = false;
  std::optional<uint32_t> max_threads;  // #[kernel(max_threads = N)]
  bool inline_hint = false;             // #[inline] / #[inline(always)]
  std::vector<LocalId> params;          // in order; details in locals[params[i]]
  const Type* return_type = nullptr;    // () if none
  std::vector<Local> locals;            // every local of the function, by LocalId
  ExprPtr body;                         // a Block expression; null if the signature was invalid
  const ast::Item* decl = nullptr;      // the parsed item (attributes, spans)

  const Local& param(size_t i) const { return locals[params[i]]; }
};

struct CheckedProgram {
  FileId file = kInvalidFile;
  std::unique_ptr<TypeContext> types;
  std::vector<Function> functions;  // in source order; FunctionId = index

  const Function* findFunction(const std::string& name) const {
    for (const auto& f : functions)
      if (f.name == name) return &f;
    return nullptr;
  }
};

}  // namespace hematite::check

#endif
