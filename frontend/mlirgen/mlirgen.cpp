#include "frontend/mlirgen/mlirgen.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/Builders.h"

#include <map>

using namespace mlir;

namespace hematite::mlirgen {
namespace {

using check::Expr;
using check::ExprKind;
using check::TypeKind;

/// Maps a checked type to its MLIR type; unit and never have none (null).
Type toMlirType(MLIRContext *ctx, const check::Type *type) {
  switch (type->kind()) {
  case TypeKind::Bool: return IntegerType::get(ctx, 1);
  case TypeKind::F32: return Float32Type::get(ctx);
  case TypeKind::F64: return Float64Type::get(ctx);
  case TypeKind::Slice:
    return hm::SliceType::get(toMlirType(ctx, type->element()), type->isMutable());
  default:
    if (type->isInteger())
      return IntegerType::get(ctx, type->bitWidth());
    return {};
  }
}

/// Lowers one function. Emission keeps an insertion block; after a diverging
/// expression (return, break, continue) it continues in a fresh block with no
/// predecessors, which canonicalization deletes.
class FunctionLowering {
public:
  FunctionLowering(const check::CheckedProgram &program, const check::Function &fn,
                   const SourceManager &sources, ModuleOp module)
      : program(program), fn(fn), sources(sources), ctx(module.getContext()),
        b(ctx), module(module) {}

  void lower() {
    b.setInsertionPointToEnd(module.getBody());
    SmallVector<Type> params;
    for (check::LocalId id : fn.params)
      params.push_back(type(fn.locals[id].type));
    SmallVector<Type> results;
    if (Type ret = type(fn.return_type))
      results.push_back(ret);
    auto func = func::FuncOp::create(b, loc(fn.name_span), fn.name,
                                     FunctionType::get(ctx, params, results));
    if (fn.is_kernel) {
      func->setAttr(hm::HmDialect::kKernelAttrName, UnitAttr::get(ctx));
      if (fn.max_threads)
        func->setAttr(hm::HmDialect::kMaxThreadsAttrName,
                      b.getI32IntegerAttr(*fn.max_threads));
    } else {
      // Device functions are inlined into kernels and then dropped.
      func.setPrivate();
    }
    region = &func.getBody();
    Block *entry = b.createBlock(region);
    locals.assign(fn.locals.size(), Value());
    slots.assign(fn.locals.size(), Value());
    for (size_t i = 0; i < fn.params.size(); ++i) {
      const check::Local &local = fn.param(i);
      BlockArgument arg = entry->addArgument(params[i], loc(local.span));
      func.setArgAttr(i, hm::HmDialect::kArgNameAttrName, b.getStringAttr(local.name));
      bind(local, arg);
    }
    Value result = emit(*fn.body);
    if (!isTerminated()) {
      Location end = loc(fn.span);
      if (results.empty())
        func::ReturnOp::create(b, end);
      else
        func::ReturnOp::create(b, end, result);
    }
    terminateDeadBlocks(results);
  }

private:
  //===--------------------------------------------------------------------===//
  // Helpers
  //===--------------------------------------------------------------------===//

  Type type(const check::Type *t) const { return toMlirType(ctx, t); }

  Location loc(Span span) const {
    if (!span.valid())
      return UnknownLoc::get(ctx);
    LineCol lc = sources.lineCol(span.file, span.begin);
    return FileLineColLoc::get(ctx, sources.buffer(span.file).name(), lc.line,
                               lc.column);
  }

  bool isTerminated() const {
    Block *block = b.getInsertionBlock();
    return !block->empty() && block->back().hasTrait<OpTrait::IsTerminator>();
  }

  /// Continues in a new block; code emitted there is unreachable.
  void startDeadBlock() { b.createBlock(region); }

  /// Dead blocks left open (code after a return) get a terminator.
  void terminateDeadBlocks(ArrayRef<Type> results) {
    for (Block &block : *region) {
      if (!block.empty() && block.back().hasTrait<OpTrait::IsTerminator>())
        continue;
      b.setInsertionPointToEnd(&block);
      Location unknown = UnknownLoc::get(ctx);
      SmallVector<Value> values;
      for (Type t : results)
        values.push_back(ub::PoisonOp::create(b, unknown, t));
      func::ReturnOp::create(b, unknown, values);
    }
  }

  /// Immutable locals are SSA values; mutable ones (and `let x;`) get a slot.
  void bind(const check::Local &local, Value value) {
    Type t = type(local.type);
    if (!t)
      return; // unit-typed locals hold nothing
    if (!local.is_mutable && value) {
      locals[local.id] = value;
      return;
    }
    // Slots live at the top of the entry block, where mem2reg expects them.
    OpBuilder entry = OpBuilder::atBlockBegin(&region->front());
    Value slot = memref::AllocaOp::create(entry, loc(local.span), MemRefType::get({}, t));
    slots[local.id] = slot;
    if (value)
      memref::StoreOp::create(b, loc(local.span), value, slot);
  }

  Value constantInt(Location l, Type t, int64_t value) {
    return arith::ConstantOp::create(b, l, t, b.getIntegerAttr(t, value));
  }

  /// Branches to a block that panics with `message` unless `ok` holds, and
  /// continues in the block where it holds.
  void checkOrPanic(Location l, Value ok, StringRef message) {
    Block *from = b.getInsertionBlock();
    Block *cont = b.createBlock(region);
    Block *panic = b.createBlock(region);
    hm::PanicOp::create(b, l, message);
    b.setInsertionPointToEnd(from);
    cf::CondBranchOp::create(b, l, ok, cont, panic);
    b.setInsertionPointToEnd(cont);
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  /// Emits `e`; returns its value, or null for unit and never.
  Value emit(const Expr &e) {
    Location l = loc(e.span);
    switch (e.kind) {
    case ExprKind::IntLiteral:
      return arith::ConstantOp::create(
          b, l, type(e.type), b.getIntegerAttr(type(e.type), APInt(e.type->bitWidth(), e.int_value)));
    case ExprKind::FloatLiteral:
      return arith::ConstantOp::create(b, l, type(e.type),
                                       b.getFloatAttr(type(e.type), e.float_value));
    case ExprKind::BoolLiteral:
      return arith::ConstantOp::create(b, l, b.getI1Type(), b.getBoolAttr(e.bool_value));
    case ExprKind::UnitLiteral:
      return {};
    case ExprKind::LocalRef:
      if (Value slot = slots[e.local])
        return memref::LoadOp::create(b, l, slot);
      return locals[e.local];
    case ExprKind::Call: return emitCall(e, l);
    case ExprKind::IntrinsicCall: return emitIntrinsic(e, l);
    case ExprKind::SliceLen:
      return hm::SliceLenOp::create(b, l, emit(e.operand(0)));
    case ExprKind::Index: {
      Value slice = emit(e.operand(0));
      Value index = emit(e.operand(1));
      return hm::SliceLoadOp::create(b, l, slice, index, /*checked=*/true);
    }
    case ExprKind::Unary: return emitUnary(e, l);
    case ExprKind::Binary:
      if (e.binary_op == check::BinaryOp::And || e.binary_op == check::BinaryOp::Or)
        return emitShortCircuit(e, l);
      return emitBinary(e.binary_op, e.operand(0).type, emit(e.operand(0)),
                        emit(e.operand(1)), e.operand(1).type, l);
    case ExprKind::Cast: return emitCast(e, l);
    case ExprKind::Assign: emitAssign(e, l); return {};
    case ExprKind::CompoundAssign: emitAssign(e, l); return {};
    case ExprKind::Block: return emitBlock(*e.block);
    case ExprKind::If: return emitIf(e, l);
    case ExprKind::While: emitWhile(e, l); return {};
    case ExprKind::Loop: return emitLoop(e, l);
    case ExprKind::For: emitFor(e, l); return {};
    case ExprKind::Break: {
      const LoopTarget &target = loops.at(e.loop_id);
      SmallVector<Value> args;
      if (!e.operands.empty())
        if (Value v = emit(e.operand(0)))
          args.push_back(v);
      if (!isTerminated())
        cf::BranchOp::create(b, l, target.exit, args);
      startDeadBlock();
      return {};
    }
    case ExprKind::Continue:
      cf::BranchOp::create(b, l, loops.at(e.loop_id).next);
      startDeadBlock();
      return {};
    case ExprKind::Return: {
      Value v = e.operands.empty() ? Value() : emit(e.operand(0));
      if (!isTerminated()) {
        if (v && type(fn.return_type))
          func::ReturnOp::create(b, l, v);
        else
          func::ReturnOp::create(b, l);
      }
      startDeadBlock();
      return {};
    }
    }
    return {};
  }

  Value emitBlock(const check::Block &block) {
    for (const check::Stmt &stmt : block.stmts) {
      if (stmt.kind == check::StmtKind::Let) {
        Value init = stmt.init ? emit(*stmt.init) : Value();
        bind(fn.locals[stmt.local], init);
      } else {
        emit(*stmt.expr);
      }
    }
    return block.tail ? emit(*block.tail) : Value();
  }

  Value emitCall(const Expr &e, Location l) {
    const check::Function &callee = program.functions[e.callee];
    SmallVector<Value> args;
    for (const check::ExprPtr &arg : e.operands)
      if (Value v = emit(*arg))
        args.push_back(v);
    SmallVector<Type> results;
    if (Type ret = type(callee.return_type))
      results.push_back(ret);
    auto call = func::CallOp::create(b, l, callee.name, results, args);
    return results.empty() ? Value() : call.getResult(0);
  }

  Value emitIntrinsic(const Expr &e, Location l) {
    using check::Intrinsic;
    auto dim = static_cast<hm::Dim>(check::intrinsicDimension(e.intrinsic));
    switch (e.intrinsic) {
    case Intrinsic::ThreadIdxX: case Intrinsic::ThreadIdxY: case Intrinsic::ThreadIdxZ:
      return hm::ThreadIdOp::create(b, l, dim);
    case Intrinsic::BlockIdxX: case Intrinsic::BlockIdxY: case Intrinsic::BlockIdxZ:
      return hm::BlockIdOp::create(b, l, dim);
    case Intrinsic::BlockDimX: case Intrinsic::BlockDimY: case Intrinsic::BlockDimZ:
      return hm::BlockDimOp::create(b, l, dim);
    case Intrinsic::GridDimX: case Intrinsic::GridDimY: case Intrinsic::GridDimZ:
      return hm::GridDimOp::create(b, l, dim);
    case Intrinsic::GlobalIdxX: case Intrinsic::GlobalIdxY: case Intrinsic::GlobalIdxZ:
      return hm::GlobalIdOp::create(b, l, dim);
    case Intrinsic::SyncThreads:
      hm::BarrierOp::create(b, l);
      return {};
    }
    return {};
  }

  Value emitUnary(const Expr &e, Location l) {
    Value v = emit(e.operand(0));
    Type t = v.getType();
    if (e.unary_op == check::UnaryOp::Neg) {
      if (isa<FloatType>(t))
        return arith::NegFOp::create(b, l, v);
      return arith::SubIOp::create(b, l, constantInt(l, t, 0), v); // wraps
    }
    return arith::XOrIOp::create(b, l, v, constantInt(l, t, -1)); // ! and bitwise not
  }

  /// Binary operators with Rust's release-build semantics: wrapping arithmetic,
  /// shifts masked to the bit width, panics on division by zero and MIN / -1.
  Value emitBinary(check::BinaryOp op, const check::Type *operandType, Value lhs,
                   Value rhs, const check::Type *rhsType, Location l) {
    using check::BinaryOp;
    bool isFloat = operandType->isFloat();
    bool isSigned = operandType->isSignedInt();
    Type t = lhs.getType();
    switch (op) {
    case BinaryOp::Add:
      return isFloat ? Value(arith::AddFOp::create(b, l, lhs, rhs)) : Value(arith::AddIOp::create(b, l, lhs, rhs));
    case BinaryOp::Sub:
      return isFloat ? Value(arith::SubFOp::create(b, l, lhs, rhs)) : Value(arith::SubIOp::create(b, l, lhs, rhs));
    case BinaryOp::Mul:
      return isFloat ? Value(arith::MulFOp::create(b, l, lhs, rhs)) : Value(arith::MulIOp::create(b, l, lhs, rhs));
    case BinaryOp::Div:
    case BinaryOp::Rem: {
      bool div = op == BinaryOp::Div;
      if (isFloat)
        return div ? Value(arith::DivFOp::create(b, l, lhs, rhs)) : Value(arith::RemFOp::create(b, l, lhs, rhs));
      Value nonZero = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ne, rhs, constantInt(l, t, 0));
      checkOrPanic(l, nonZero, div ? "attempt to divide by zero"
                                   : "attempt to calculate the remainder with a divisor of zero");
      if (isSigned) {
        unsigned bits = t.getIntOrFloatBitWidth();
        Value min = arith::ConstantOp::create(b, l, t, b.getIntegerAttr(t, APInt::getSignedMinValue(bits)));
        Value isMin = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, lhs, min);
        Value isMinusOne = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, rhs, constantInt(l, t, -1));
        Value overflow = arith::AndIOp::create(b, l, isMin, isMinusOne);
        Value ok = arith::XOrIOp::create(b, l, overflow, constantInt(l, b.getI1Type(), 1));
        checkOrPanic(l, ok, div ? "attempt to divide with overflow"
                                : "attempt to calculate the remainder with overflow");
        return div ? Value(arith::DivSIOp::create(b, l, lhs, rhs)) : Value(arith::RemSIOp::create(b, l, lhs, rhs));
      }
      return div ? Value(arith::DivUIOp::create(b, l, lhs, rhs)) : Value(arith::RemUIOp::create(b, l, lhs, rhs));
    }
    case BinaryOp::BitAnd: return arith::AndIOp::create(b, l, lhs, rhs);
    case BinaryOp::BitOr: return arith::OrIOp::create(b, l, lhs, rhs);
    case BinaryOp::BitXor: return arith::XOrIOp::create(b, l, lhs, rhs);
    case BinaryOp::Shl:
    case BinaryOp::Shr: {
      Value amount = castInteger(rhs, rhsType->isSignedInt(), t, l);
      amount = arith::AndIOp::create(b, l, amount,
                                     constantInt(l, t, t.getIntOrFloatBitWidth() - 1));
      if (op == BinaryOp::Shl)
        return arith::ShLIOp::create(b, l, lhs, amount);
      return isSigned ? Value(arith::ShRSIOp::create(b, l, lhs, amount))
                      : Value(arith::ShRUIOp::create(b, l, lhs, amount));
    }
    default:
      return emitComparison(op, isFloat, isSigned, lhs, rhs, l);
    }
  }

  Value emitComparison(check::BinaryOp op, bool isFloat, bool isSigned, Value lhs,
                       Value rhs, Location l) {
    using check::BinaryOp;
    if (isFloat) {
      // Rust: every comparison with NaN is false, except `!=`.
      arith::CmpFPredicate p = op == BinaryOp::Eq   ? arith::CmpFPredicate::OEQ
                               : op == BinaryOp::Ne ? arith::CmpFPredicate::UNE
                               : op == BinaryOp::Lt ? arith::CmpFPredicate::OLT
                               : op == BinaryOp::Le ? arith::CmpFPredicate::OLE
                               : op == BinaryOp::Gt ? arith::CmpFPredicate::OGT
                                                    : arith::CmpFPredicate::OGE;
      return arith::CmpFOp::create(b, l, p, lhs, rhs);
    }
    using P = arith::CmpIPredicate;
    P p = op == BinaryOp::Eq   ? P::eq
          : op == BinaryOp::Ne ? P::ne
          : op == BinaryOp::Lt ? (isSigned ? P::slt : P::ult)
          : op == BinaryOp::Le ? (isSigned ? P::sle : P::ule)
          : op == BinaryOp::Gt ? (isSigned ? P::sgt : P::ugt)
                               : (isSigned ? P::sge : P::uge);
    return arith::CmpIOp::create(b, l, p, lhs, rhs);
  }

  /// `a && b` / `a || b`: `b` only runs when it decides the result.
  Value emitShortCircuit(const Expr &e, Location l) {
    bool isAnd = e.binary_op == check::BinaryOp::And;
    Value lhs = emit(e.operand(0));
    Block *from = b.getInsertionBlock();
    Block *rhsBlock = b.createBlock(region);
    Block *merge = b.createBlock(region);
    merge->addArgument(b.getI1Type(), l);
    b.setInsertionPointToEnd(from);
    if (isAnd)
      cf::CondBranchOp::create(b, l, lhs, rhsBlock, ValueRange{}, merge, ValueRange{lhs});
    else
      cf::CondBranchOp::create(b, l, lhs, merge, ValueRange{lhs}, rhsBlock, ValueRange{});
    b.setInsertionPointToEnd(rhsBlock);
    Value rhs = emit(e.operand(1));
    if (!isTerminated())
      cf::BranchOp::create(b, l, merge, ValueRange{rhs});
    b.setInsertionPointToEnd(merge);
    return merge->getArgument(0);
  }

  Value castInteger(Value v, bool fromSigned, Type to, Location l) {
    unsigned from = v.getType().getIntOrFloatBitWidth(), width = to.getIntOrFloatBitWidth();
    if (from == width)
      return v;
    if (from > width)
      return arith::TruncIOp::create(b, l, to, v);
    return fromSigned ? Value(arith::ExtSIOp::create(b, l, to, v))
                      : Value(arith::ExtUIOp::create(b, l, to, v));
  }

  Value emitCast(const Expr &e, Location l) {
    const check::Type *fromType = e.operand(0).type;
    Value v = emit(e.operand(0));
    Type to = type(e.type);
    if (fromType->isBool() || fromType->isInteger()) {
      if (e.type->isFloat())
        return fromType->isSignedInt() ? Value(arith::SIToFPOp::create(b, l, to, v))
                                       : Value(arith::UIToFPOp::create(b, l, to, v));
      return castInteger(v, fromType->isSignedInt(), to, l);
    }
    // From a float.
    if (e.type->isFloat()) {
      unsigned from = v.getType().getIntOrFloatBitWidth(), width = to.getIntOrFloatBitWidth();
      if (from == width)
        return v;
      return from < width ? Value(arith::ExtFOp::create(b, l, to, v))
                          : Value(arith::TruncFOp::create(b, l, to, v));
    }
    return saturatingFloatToInt(v, e.type->isSignedInt(), to, l);
  }

  /// Rust's float → int `as`: truncate toward zero, saturate at the type's
  /// bounds, NaN → 0. (fptosi alone is poison out of range.)
  Value saturatingFloatToInt(Value v, bool isSigned, Type to, Location l) {
    Type ft = v.getType();
    unsigned bits = to.getIntOrFloatBitWidth();
    auto fconst = [&](double x) -> Value {
      return arith::ConstantOp::create(b, l, ft, b.getFloatAttr(ft, x));
    };
    auto iconst = [&](const APInt &x) -> Value {
      return arith::ConstantOp::create(b, l, to, b.getIntegerAttr(to, x));
    };
    // 2^(bits-1) and 2^bits are exact in any float format.
    double upper = isSigned ? std::ldexp(1.0, bits - 1) : std::ldexp(1.0, bits);
    double lower = isSigned ? -std::ldexp(1.0, bits - 1) : -1.0;
    APInt maxValue = isSigned ? APInt::getSignedMaxValue(bits) : APInt::getMaxValue(bits);
    APInt minValue = isSigned ? APInt::getSignedMinValue(bits) : APInt::getZero(bits);
    Value tooHigh = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, v, fconst(upper));
    // Signed: below -2^(n-1) saturates; unsigned: anything at or below -1 does.
    Value tooLow = isSigned
        ? Value(arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, v, fconst(lower)))
        : Value(arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLE, v, fconst(lower)));
    Value isNan = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, v, v);
    // Convert a value that is in range whatever `v` is, then select.
    Value safe = arith::SelectOp::create(
        b, l, arith::OrIOp::create(b, l, arith::OrIOp::create(b, l, tooHigh, tooLow), isNan),
        fconst(0.0), v);
    Value converted = isSigned ? Value(arith::FPToSIOp::create(b, l, to, safe))
                               : Value(arith::FPToUIOp::create(b, l, to, safe));
    Value result = arith::SelectOp::create(b, l, tooHigh, iconst(maxValue), converted);
    result = arith::SelectOp::create(b, l, tooLow, iconst(minValue), result);
    return arith::SelectOp::create(b, l, isNan, iconst(APInt::getZero(bits)), result);
  }

  /// `place = value` and `place op= value`; the place's parts are evaluated once.
  void emitAssign(const Expr &e, Location l) {
    const Expr &place = e.operand(0);
    bool compound = e.kind == ExprKind::CompoundAssign;
    if (place.kind == ExprKind::LocalRef) {
      Value slot = slots[place.local];
      Value value = emit(e.operand(1));
      if (!slot)
        return; // unit-typed local
      if (compound)
        value = emitBinary(e.binary_op, place.type, memref::LoadOp::create(b, l, slot),
                           value, e.operand(1).type, l);
      memref::StoreOp::create(b, l, value, slot);
      return;
    }
    // Index: s[i] (op)= value
    Value slice = emit(place.operand(0));
    Value index = emit(place.operand(1));
    Value value = emit(e.operand(1));
    if (compound) {
      Value old = hm::SliceLoadOp::create(b, loc(place.span), slice, index, true);
      value = emitBinary(e.binary_op, place.type, old, value, e.operand(1).type, l);
    }
    hm::SliceStoreOp::create(b, loc(place.span), value, slice, index, true);
  }

  //===--------------------------------------------------------------------===//
  // Control flow
  //===--------------------------------------------------------------------===//

  struct LoopTarget {
    Block *next; // continue
    Block *exit; // break (with an argument for `break value`)
  };

  Value emitIf(const Expr &e, Location l) {
    Value cond = emit(e.operand(0));
    Block *from = b.getInsertionBlock();
    Type resultType = type(e.type);
    Block *thenBlock = b.createBlock(region);
    Block *elseBlock = e.operands.size() > 2 ? b.createBlock(region) : nullptr;
    Block *merge = b.createBlock(region);
    if (resultType)
      merge->addArgument(resultType, l);
    b.setInsertionPointToEnd(from);
    cf::CondBranchOp::create(b, l, cond, thenBlock, elseBlock ? elseBlock : merge);
    auto arm = [&](Block *block, const Expr &body) {
      b.setInsertionPointToEnd(block);
      Value v = emit(body);
      if (isTerminated())
        return;
      if (resultType)
        cf::BranchOp::create(b, l, merge, ValueRange{v});
      else
        cf::BranchOp::create(b, l, merge);
    };
    arm(thenBlock, e.operand(1));
    if (elseBlock)
      arm(elseBlock, e.operand(2));
    b.setInsertionPointToEnd(merge);
    return resultType ? merge->getArgument(0) : Value();
  }

  void emitWhile(const Expr &e, Location l) {
    Block *from = b.getInsertionBlock();
    Block *header = b.createBlock(region);
    Block *body = b.createBlock(region);
    Block *exit = b.createBlock(region);
    b.setInsertionPointToEnd(from);
    cf::BranchOp::create(b, l, header);
    b.setInsertionPointToEnd(header);
    Value cond = emit(e.operand(0));
    cf::CondBranchOp::create(b, l, cond, body, exit);
    loops[e.loop_id] = {header, exit};
    b.setInsertionPointToEnd(body);
    emit(e.operand(1));
    if (!isTerminated())
      cf::BranchOp::create(b, l, header);
    b.setInsertionPointToEnd(exit);
  }

  Value emitLoop(const Expr &e, Location l) {
    Block *from = b.getInsertionBlock();
    Block *body = b.createBlock(region);
    Block *exit = b.createBlock(region);
    Type resultType = type(e.type);
    if (resultType)
      exit->addArgument(resultType, l);
    b.setInsertionPointToEnd(from);
    cf::BranchOp::create(b, l, body);
    loops[e.loop_id] = {body, exit};
    b.setInsertionPointToEnd(body);
    emit(e.operand(0));
    if (!isTerminated())
      cf::BranchOp::create(b, l, body);
    b.setInsertionPointToEnd(exit);
    return resultType ? exit->getArgument(0) : Value();
  }

  /// for i in start..end / start..=end. The counter is a block argument of the
  /// header; `a..=MAX` ends without overflowing, as in Rust.
  void emitFor(const Expr &e, Location l) {
    Value start = emit(e.operand(0));
    Value end = emit(e.operand(1));
    const check::Local &var = fn.locals[e.local];
    bool isSigned = var.type->isSignedInt();
    Type t = start.getType();
    Block *from = b.getInsertionBlock();
    Block *header = b.createBlock(region);
    header->addArgument(t, l);
    Block *body = b.createBlock(region);
    Block *latch = b.createBlock(region);
    Block *exit = b.createBlock(region);
    b.setInsertionPointToEnd(from);
    cf::BranchOp::create(b, l, header, ValueRange{start});

    b.setInsertionPointToEnd(header);
    Value i = header->getArgument(0);
    using P = arith::CmpIPredicate;
    P p = e.inclusive ? (isSigned ? P::sle : P::ule) : (isSigned ? P::slt : P::ult);
    Value inRange = arith::CmpIOp::create(b, l, p, i, end);
    cf::CondBranchOp::create(b, l, inRange, body, exit);

    loops[e.loop_id] = {latch, exit};
    b.setInsertionPointToEnd(body);
    bind(var, i);
    emit(e.operand(2));
    if (!isTerminated())
      cf::BranchOp::create(b, l, latch);

    b.setInsertionPointToEnd(latch);
    Value next = arith::AddIOp::create(b, l, i, constantInt(l, t, 1));
    if (e.inclusive) {
      Value last = arith::CmpIOp::create(b, l, P::eq, i, end);
      cf::CondBranchOp::create(b, l, last, exit, ValueRange{}, header, ValueRange{next});
    } else {
      cf::BranchOp::create(b, l, header, ValueRange{next});
    }
    b.setInsertionPointToEnd(exit);
  }

  const check::CheckedProgram &program;
  const check::Function &fn;
  const SourceManager &sources;
  MLIRContext *ctx;
  OpBuilder b;
  ModuleOp module;
  Region *region = nullptr;
  std::vector<Value> locals; // immutable locals: their SSA value
  std::vector<Value> slots;  // mutable locals: their memref.alloca
  std::map<check::LoopId, LoopTarget> loops;
};

} // namespace

OwningOpRef<ModuleOp> lowerToHm(const check::CheckedProgram &program,
                                const SourceManager &sources, MLIRContext &context) {
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  for (const check::Function &fn : program.functions)
    if (fn.body)
      FunctionLowering(program, fn, sources, *module).lower();
  return module;
}

} // namespace hematite::mlirgen
