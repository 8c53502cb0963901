// Builtin methods of primitive types (checked_program.h `Builtin`): floats to
// the math dialect (what a backend cannot lower natively is reported there),
// integers to arith / math with Rust's semantics.
#include "frontend/mlirgen/lowering.h"

#include <cmath>

using namespace mlir;

namespace hematite::mlirgen::detail {

namespace {
using check::Builtin;
using P = arith::CmpIPredicate;
using F = arith::CmpFPredicate;
} // namespace

// fmod: x - y * trunc(x / y) with the product and difference rounded once
// (fma), then one correction step for a quotient that division rounded to the
// neighbouring integer (NVPTX's and Vulkan drivers' frem do not do this, and
// leave the sign of a zero result open). Exact while |x / y| < 2^24 (f32) /
// 2^53 (f64); the result has the dividend's sign; y = ±inf gives x, as fmod.
Value KernelLowering::emitFloatRem(Value x, Value y, Location l) {
  Type t = x.getType();
  auto fc = [&](double v) { return constantFloat(l, t, v); };
  Value q = math::TruncOp::create(b, l, arith::DivFOp::create(b, l, x, y));
  Value r = math::FmaOp::create(b, l, arith::NegFOp::create(b, l, q), y, x);
  Value ay = math::AbsFOp::create(b, l, y);
  Value step = math::CopySignOp::create(b, l, ay, x);  // |y| towards x's sign
  // The quotient was one too far: r has the wrong sign.
  Value wrongSign = arith::AndIOp::create(
      b, l, arith::CmpFOp::create(b, l, F::ONE, r, fc(0.0)),
      arith::CmpIOp::create(
          b, l, P::ne,
          arith::CmpFOp::create(b, l, F::OLT, r, fc(0.0)),
          arith::CmpFOp::create(b, l, F::OLT, x, fc(0.0))));
  r = arith::SelectOp::create(b, l, wrongSign, arith::AddFOp::create(b, l, r, step), r);
  // The quotient was one short: |r| >= |y|.
  Value tooBig = arith::CmpFOp::create(b, l, F::OGE, math::AbsFOp::create(b, l, r), ay);
  r = arith::SelectOp::create(b, l, tooBig, arith::SubFOp::create(b, l, r, step), r);
  r = math::CopySignOp::create(b, l, r, x);
  // fmod(finite x, ±inf) = x (the fma computed 0 * inf = NaN).
  Value yInf = arith::AndIOp::create(
      b, l, arith::CmpFOp::create(b, l, F::OEQ, ay, fc(INFINITY)),
      arith::CmpFOp::create(b, l, F::OLT, math::AbsFOp::create(b, l, x), fc(INFINITY)));
  return arith::SelectOp::create(b, l, yInf, x, r);
}

Leaves KernelLowering::emitBuiltin(const Expr &e, Location l) {
  SmallVector<Value, 3> args;
  for (const check::ExprPtr &op : e.operands)
    args.push_back(scalar(*op));
  const check::Type *resultType = subst(e.type);
  if (isTerminated() || args.empty())
    return {};
  // The receiver's (or first argument's) type decides float vs integer.
  const check::Type *argType = subst(e.operand(0).type);
  Value x = args[0];
  Type t = x.getType();
  Type rt = scalarType(resultType);
  bool sgn = isSigned(argType);
  unsigned bits = t.isIntOrFloat() ? t.getIntOrFloatBitWidth() : 0;
  auto fc = [&](double v) { return constantFloat(l, t, v); };
  auto ic = [&](int64_t v) { return constantInt(l, t, v); };
  auto arg = [&](size_t i) -> Value {
    if (i < args.size())
      return args[i];
    error(l, "internal error: builtin `" + Twine(check::builtinName(e.builtin)) +
                 "` is missing an argument");
    return x;
  };
  auto toU32 = [&](Value v) { return castInteger(v, false, b.getI32Type(), l); };
  auto widen = [&](Value v) {
    return bits < 32 ? castInteger(v, false, b.getI32Type(), l) : v;
  };
  auto notOf = [&](Value v) {
    return arith::XOrIOp::create(b, l, v, constantInt(l, v.getType(), -1));
  };

  switch (e.builtin) {
  // ---- floats
  case Builtin::Sqrt: return {math::SqrtOp::create(b, l, x)};
  case Builtin::Exp: return {math::ExpOp::create(b, l, x)};
  case Builtin::Exp2: return {math::Exp2Op::create(b, l, x)};
  case Builtin::Ln: return {math::LogOp::create(b, l, x)};
  case Builtin::Log2: return {math::Log2Op::create(b, l, x)};
  case Builtin::Log10: return {math::Log10Op::create(b, l, x)};
  case Builtin::Sin: return {math::SinOp::create(b, l, x)};
  case Builtin::Cos: return {math::CosOp::create(b, l, x)};
  case Builtin::Tan: return {math::TanOp::create(b, l, x)};
  case Builtin::Tanh: return {math::TanhOp::create(b, l, x)};
  case Builtin::Asin: return {math::AsinOp::create(b, l, x)};
  case Builtin::Acos: return {math::AcosOp::create(b, l, x)};
  case Builtin::Atan: return {math::AtanOp::create(b, l, x)};
  case Builtin::Sinh: return {math::SinhOp::create(b, l, x)};
  case Builtin::Cosh: return {math::CoshOp::create(b, l, x)};
  case Builtin::Cbrt: return {math::CbrtOp::create(b, l, x)};
  case Builtin::Powf: return {math::PowFOp::create(b, l, x, arg(1))};
  case Builtin::Powi: {
    // Square-and-multiply over |n| (as compiler-rt's __powisf2, which targets
    // without libraries lack), then 1/r for negative n.
    Value n = arg(1);
    Type it = n.getType();
    Value negative = arith::CmpIOp::create(b, l, P::slt, n, constantInt(l, it, 0));
    Value mag = arith::SelectOp::create(b, l, negative,
                                        arith::SubIOp::create(b, l, constantInt(l, it, 0), n), n);
    Block *header = newBlock();
    header->addArgument(t, l);  // result
    header->addArgument(t, l);  // base
    header->addArgument(it, l); // bits left
    Block *body = newBlock();
    Block *exit = newBlock();
    cf::BranchOp::create(b, l, header, ValueRange{fc(1.0), x, mag});
    b.setInsertionPointToEnd(header);
    Value r = header->getArgument(0), base = header->getArgument(1), k = header->getArgument(2);
    cf::CondBranchOp::create(b, l, arith::CmpIOp::create(b, l, P::ne, k, constantInt(l, it, 0)),
                             body, exit);
    b.setInsertionPointToEnd(body);
    Value odd = arith::CmpIOp::create(b, l, P::ne,
                                      arith::AndIOp::create(b, l, k, constantInt(l, it, 1)),
                                      constantInt(l, it, 0));
    Value r2 = arith::SelectOp::create(b, l, odd, arith::MulFOp::create(b, l, r, base), r);
    Value base2 = arith::MulFOp::create(b, l, base, base);
    Value k2 = arith::ShRUIOp::create(b, l, k, constantInt(l, it, 1));
    cf::BranchOp::create(b, l, header, ValueRange{r2, base2, k2});
    b.setInsertionPointToEnd(exit);
    Value inv = arith::DivFOp::create(b, l, fc(1.0), r);
    return {arith::SelectOp::create(b, l, negative, inv, r)};
  }
  case Builtin::Floor: return {math::FloorOp::create(b, l, x)};
  case Builtin::Ceil: return {math::CeilOp::create(b, l, x)};
  case Builtin::Round: return {math::RoundOp::create(b, l, x)}; // half away from zero
  case Builtin::Trunc: return {math::TruncOp::create(b, l, x)};
  case Builtin::Fract: // self - self.trunc()
    return {arith::SubFOp::create(b, l, x, math::TruncOp::create(b, l, x))};
  case Builtin::MulAdd: return {math::FmaOp::create(b, l, x, arg(1), arg(2))};
  case Builtin::Recip: return {arith::DivFOp::create(b, l, fc(1.0), x)};
  case Builtin::Rsqrt: return {math::RsqrtOp::create(b, l, x)};
  case Builtin::Atan2: return {math::Atan2Op::create(b, l, x, arg(1))};
  case Builtin::Hypot: {
    // No math op: max * sqrt(1 + (min/max)^2), which neither overflows nor
    // underflows like sqrt(x*x + y*y) would; an infinite side gives +inf
    // (even with a NaN), hypot(0, 0) = 0.
    Value ax = math::AbsFOp::create(b, l, x);
    Value ay = math::AbsFOp::create(b, l, arg(1));
    Value hi = arith::MaximumFOp::create(b, l, ax, ay);
    Value lo = arith::MinimumFOp::create(b, l, ax, ay);
    Value ratio = arith::DivFOp::create(b, l, lo, hi);
    Value r = arith::MulFOp::create(
        b, l, hi,
        math::SqrtOp::create(b, l, arith::AddFOp::create(
                                       b, l, fc(1.0), arith::MulFOp::create(b, l, ratio, ratio))));
    Value zero = arith::CmpFOp::create(b, l, F::OEQ, hi, fc(0.0));
    r = arith::SelectOp::create(b, l, zero, fc(0.0), r);
    Value inf = fc(INFINITY);
    Value anyInf = arith::OrIOp::create(b, l, arith::CmpFOp::create(b, l, F::OEQ, ax, inf),
                                        arith::CmpFOp::create(b, l, F::OEQ, ay, inf));
    return {arith::SelectOp::create(b, l, anyInf, inf, r)};
  }
  case Builtin::Signum: { // NaN stays NaN; ±0 gives ±1
    if (t.isInteger()) { // -1, 0 or 1
      Value pos = arith::CmpIOp::create(b, l, P::sgt, x, ic(0));
      Value neg = arith::CmpIOp::create(b, l, P::slt, x, ic(0));
      return {arith::SelectOp::create(b, l, pos, ic(1),
                                      arith::SelectOp::create(b, l, neg, ic(-1), ic(0)))};
    }
    Value isNan = arith::CmpFOp::create(b, l, F::UNO, x, x);
    Value one = math::CopySignOp::create(b, l, fc(1.0), x);
    return {arith::SelectOp::create(b, l, isNan, x, one)};
  }
  case Builtin::ToDegrees: {
    // As core: f32 multiplies by the f32 constant 180/π, f64 by 180/π.
    double factor = t.isF32() ? double(57.2957795130823208767981548141051703f)
                              : 180.0 / 3.14159265358979323846264338327950288;
    return {arith::MulFOp::create(b, l, x, fc(factor))};
  }
  case Builtin::ToRadians: {
    double factor = t.isF32() ? double(3.14159265358979323846264338327950288f / 180.0f)
                              : 3.14159265358979323846264338327950288 / 180.0;
    return {arith::MulFOp::create(b, l, x, fc(factor))};
  }
  case Builtin::IsNan: return {arith::CmpFOp::create(b, l, F::UNO, x, x)};
  case Builtin::IsInfinite:
    return {arith::CmpFOp::create(b, l, F::OEQ, math::AbsFOp::create(b, l, x), fc(INFINITY))};
  case Builtin::IsFinite:
    return {arith::CmpFOp::create(b, l, F::OLT, math::AbsFOp::create(b, l, x), fc(INFINITY))};
  case Builtin::ToBits:
  case Builtin::FromBits:
    return {arith::BitcastOp::create(b, l, rt, x)};

  // ---- floats and integers
  case Builtin::Abs:
    if (isa<FloatType>(t))
      return {math::AbsFOp::create(b, l, x)};
    if (!sgn)
      return {x};
    {
      Value negative = arith::CmpIOp::create(b, l, P::slt, x, ic(0));
      if (options.overflow_checks) {
        Value ok = arith::CmpIOp::create(b, l, P::ne, x,
                                         constantAP(l, t, APInt::getSignedMinValue(bits)));
        checkOrPanic(l, ok, "attempt to negate with overflow");
      }
      Value neg = arith::SubIOp::create(b, l, ic(0), x); // MIN.abs() wraps to MIN
      return {arith::SelectOp::create(b, l, negative, neg, x)};
    }
  case Builtin::Min:
    if (isa<FloatType>(t)) // Rust: a NaN operand yields the other one
      return {arith::MinNumFOp::create(b, l, x, arg(1))};
    return {sgn ? Value(arith::MinSIOp::create(b, l, x, arg(1)))
                : Value(arith::MinUIOp::create(b, l, x, arg(1)))};
  case Builtin::Max:
    if (isa<FloatType>(t))
      return {arith::MaxNumFOp::create(b, l, x, arg(1))};
    return {sgn ? Value(arith::MaxSIOp::create(b, l, x, arg(1)))
                : Value(arith::MaxUIOp::create(b, l, x, arg(1)))};
  case Builtin::Clamp: {
    Value lo = arg(1), hi = arg(2);
    if (isa<FloatType>(t)) {
      // assert!(min <= max): fails for NaN bounds too.
      checkOrPanic(l, arith::CmpFOp::create(b, l, F::OLE, lo, hi),
                   "min > max, or either was NaN");
      // if x < min { min } else if x > max { max } else { x }: NaN stays NaN.
      Value r = arith::SelectOp::create(b, l, arith::CmpFOp::create(b, l, F::OLT, x, lo), lo, x);
      return {arith::SelectOp::create(b, l, arith::CmpFOp::create(b, l, F::OGT, r, hi), hi, r)};
    }
    checkOrPanic(l, arith::CmpIOp::create(b, l, sgn ? P::sle : P::ule, lo, hi),
                 "assertion failed: min <= max");
    Value r = sgn ? Value(arith::MaxSIOp::create(b, l, x, lo))
                  : Value(arith::MaxUIOp::create(b, l, x, lo));
    return {sgn ? Value(arith::MinSIOp::create(b, l, r, hi))
                : Value(arith::MinUIOp::create(b, l, r, hi))};
  }

  // ---- integers
  case Builtin::Pow: {
    // Square-and-multiply as core's pow: the last squaring is skipped, so with
    // -C overflow-checks=on it panics exactly where Rust does.
    Value exp = arg(1); // u32
    Type i32 = exp.getType();
    Block *header = newBlock();
    header->addArgument(t, l);   // acc
    header->addArgument(t, l);   // base
    header->addArgument(i32, l); // exp
    Block *body = newBlock();
    Block *done = newBlock();
    Block *exit = newBlock();
    exit->addArgument(t, l);
    cf::BranchOp::create(b, l, header, ValueRange{ic(1), x, exp});
    b.setInsertionPointToEnd(header);
    Value acc = header->getArgument(0), base = header->getArgument(1),
          n = header->getArgument(2);
    Value c1 = constantInt(l, i32, 1);
    cf::CondBranchOp::create(b, l, arith::CmpIOp::create(b, l, P::ugt, n, c1), body, done);
    b.setInsertionPointToEnd(body);
    Value odd = arith::CmpIOp::create(b, l, P::ne, arith::AndIOp::create(b, l, n, c1),
                                      constantInt(l, i32, 0));
    Block *multiply = newBlock();
    Block *square = newBlock();
    square->addArgument(t, l);
    cf::CondBranchOp::create(b, l, odd, multiply, ValueRange{}, square, ValueRange{acc});
    b.setInsertionPointToEnd(multiply);
    Value product = emitArith(check::BinaryOp::Mul, argType, acc, base, argType, l);
    cf::BranchOp::create(b, l, square, ValueRange{product});
    b.setInsertionPointToEnd(square);
    Value acc2 = square->getArgument(0);
    Value base2 = emitArith(check::BinaryOp::Mul, argType, base, base, argType, l);
    Value n2 = arith::ShRUIOp::create(b, l, n, c1);
    cf::BranchOp::create(b, l, header, ValueRange{acc2, base2, n2});
    b.setInsertionPointToEnd(done);
    Value isOne = arith::CmpIOp::create(b, l, P::eq, n, c1);
    Block *last = newBlock();
    cf::CondBranchOp::create(b, l, isOne, last, ValueRange{}, exit, ValueRange{acc});
    b.setInsertionPointToEnd(last);
    Value fin = emitArith(check::BinaryOp::Mul, argType, acc, base, argType, l);
    cf::BranchOp::create(b, l, exit, ValueRange{fin});
    b.setInsertionPointToEnd(exit);
    return {exit->getArgument(0)};
  }
  case Builtin::WrappingAdd:
    return {emitArith(check::BinaryOp::Add, argType, x, arg(1), argType, l, true)};
  case Builtin::WrappingSub:
    return {emitArith(check::BinaryOp::Sub, argType, x, arg(1), argType, l, true)};
  case Builtin::WrappingMul:
    return {emitArith(check::BinaryOp::Mul, argType, x, arg(1), argType, l, true)};
  case Builtin::WrappingNeg: return {arith::SubIOp::create(b, l, ic(0), x)};
  case Builtin::SaturatingAdd:
  case Builtin::SaturatingSub: {
    bool add = e.builtin == Builtin::SaturatingAdd;
    Value y = arg(1);
    Value r = add ? Value(arith::AddIOp::create(b, l, x, y))
                  : Value(arith::SubIOp::create(b, l, x, y));
    if (!sgn) {
      Value overflow = add ? arith::CmpIOp::create(b, l, P::ult, r, x)
                           : arith::CmpIOp::create(b, l, P::ult, x, y);
      return {arith::SelectOp::create(b, l, overflow,
                                      add ? constantAP(l, t, APInt::getMaxValue(bits)) : ic(0),
                                      r)};
    }
    Value bitsSet =
        add ? arith::AndIOp::create(b, l, arith::XOrIOp::create(b, l, x, r),
                                    arith::XOrIOp::create(b, l, y, r))
            : arith::AndIOp::create(b, l, arith::XOrIOp::create(b, l, x, y),
                                    arith::XOrIOp::create(b, l, x, r));
    Value overflow = arith::CmpIOp::create(b, l, P::slt, bitsSet, ic(0));
    Value xNegative = arith::CmpIOp::create(b, l, P::slt, x, ic(0));
    Value bound = arith::SelectOp::create(b, l, xNegative,
                                          constantAP(l, t, APInt::getSignedMinValue(bits)),
                                          constantAP(l, t, APInt::getSignedMaxValue(bits)));
    return {arith::SelectOp::create(b, l, overflow, bound, r)};
  }
  // Counted on at least 32 bits (what every target has instructions for).
  case Builtin::CountOnes: return {toU32(math::CtPopOp::create(b, l, widen(x)))};
  case Builtin::CountZeros: return {toU32(math::CtPopOp::create(b, l, widen(notOf(x))))};
  case Builtin::LeadingZeros: {
    Value n = math::CountLeadingZerosOp::create(b, l, widen(x));
    if (bits < 32)
      n = arith::SubIOp::create(b, l, n, constantInt(l, n.getType(), 32 - bits));
    return {toU32(n)};
  }
  case Builtin::TrailingZeros: {
    Value w = widen(x);
    if (bits < 32) // a bit just above the value: cttz(0) is the width
      w = arith::OrIOp::create(b, l, w, constantInt(l, w.getType(), int64_t(1) << bits));
    return {toU32(math::CountTrailingZerosOp::create(b, l, w))};
  }
  case Builtin::RotateLeft:
  case Builtin::RotateRight: {
    // n mod bits, then two logical shifts (each amount masked below bits).
    Value n = castInteger(arg(1), false, t, l);
    Value mask = ic(bits - 1);
    n = arith::AndIOp::create(b, l, n, mask);
    Value m = arith::AndIOp::create(b, l, arith::SubIOp::create(b, l, ic(0), n), mask);
    bool left = e.builtin == Builtin::RotateLeft;
    Value a = left ? Value(arith::ShLIOp::create(b, l, x, n))
                   : Value(arith::ShRUIOp::create(b, l, x, n));
    Value c = left ? Value(arith::ShRUIOp::create(b, l, x, m))
                   : Value(arith::ShLIOp::create(b, l, x, m));
    return {arith::OrIOp::create(b, l, a, c)};
  }
  case Builtin::SwapBytes:
  case Builtin::ReverseBits: {
    // Shifts and masks (LLVM recognizes the idioms; SPIR-V has no bswap).
    Value v = x;
    auto swapPairs = [&](unsigned width, uint64_t pattern) {
      // ((v >> width) & mask) | ((v & mask) << width), mask = pattern repeated
      APInt mask = APInt::getSplat(bits, APInt(64, pattern).trunc(std::min(bits, 64u)));
      Value m = constantAP(l, t, mask);
      Value w = ic(width);
      Value hi = arith::AndIOp::create(b, l, arith::ShRUIOp::create(b, l, v, w), m);
      Value lo = arith::ShLIOp::create(b, l, arith::AndIOp::create(b, l, v, m), w);
      v = arith::OrIOp::create(b, l, hi, lo);
    };
    if (e.builtin == Builtin::ReverseBits) {
      swapPairs(1, 0x5555555555555555ull);
      swapPairs(2, 0x3333333333333333ull);
      swapPairs(4, 0x0f0f0f0f0f0f0f0full);
    }
    if (bits >= 16)
      swapPairs(8, 0x00ff00ff00ff00ffull);
    if (bits >= 32)
      swapPairs(16, 0x0000ffff0000ffffull);
    if (bits >= 64)
      swapPairs(32, 0x00000000ffffffffull);
    return {v};
  }
  case Builtin::CopySign: return {math::CopySignOp::create(b, l, x, arg(1))};
  case Builtin::IsPositive: return {arith::CmpIOp::create(b, l, P::sgt, x, ic(0))};
  case Builtin::IsNegative: return {arith::CmpIOp::create(b, l, P::slt, x, ic(0))};
  case Builtin::AbsDiff: { // the difference of the larger and the smaller, as unsigned
    Value y = arg(1);
    Value gt = arith::CmpIOp::create(b, l, sgn ? P::sgt : P::ugt, x, y);
    return {arith::SelectOp::create(b, l, gt, arith::SubIOp::create(b, l, x, y),
                                    arith::SubIOp::create(b, l, y, x))};
  }
  case Builtin::DivCeil: { // unsigned: the quotient, plus one if there is a remainder
    Value y = arg(1);
    Value q = emitArith(check::BinaryOp::Div, argType, x, y, argType, l);
    Value r = emitArith(check::BinaryOp::Rem, argType, x, y, argType, l);
    Value up = arith::CmpIOp::create(b, l, P::ne, r, ic(0));
    return {arith::SelectOp::create(b, l, up, arith::AddIOp::create(b, l, q, ic(1)), q)};
  }
  case Builtin::RemEuclid:
  case Builtin::DivEuclid: {
    // Rust: r = a % b; r < 0 => r + |b|; the quotient moves one step away
    // from zero-rounding in the same case (towards -inf for b > 0).
    Value y = arg(1);
    bool euclidRem = e.builtin == Builtin::RemEuclid;
    if (t.isInteger()) {
      Value r = emitArith(check::BinaryOp::Rem, argType, x, y, argType, l);
      if (!sgn) return {euclidRem ? r : emitArith(check::BinaryOp::Div, argType, x, y, argType, l)};
      Value neg = arith::CmpIOp::create(b, l, P::slt, r, ic(0));
      if (euclidRem) {
        Value absY = arith::SelectOp::create(b, l, arith::CmpIOp::create(b, l, P::slt, y, ic(0)),
                                             arith::SubIOp::create(b, l, ic(0), y), y);
        return {arith::SelectOp::create(b, l, neg, arith::AddIOp::create(b, l, r, absY), r)};
      }
      Value q = emitArith(check::BinaryOp::Div, argType, x, y, argType, l);
      Value yPos = arith::CmpIOp::create(b, l, P::sgt, y, ic(0));
      Value adj = arith::SelectOp::create(b, l, yPos, arith::SubIOp::create(b, l, q, ic(1)),
                                          arith::AddIOp::create(b, l, q, ic(1)));
      return {arith::SelectOp::create(b, l, neg, adj, q)};
    }
    Value r = emitFloatRem(x, y, l);
    Value neg = arith::CmpFOp::create(b, l, F::OLT, r, fc(0.0));
    if (euclidRem)
      return {arith::SelectOp::create(b, l, neg,
                                      arith::AddFOp::create(b, l, r, math::AbsFOp::create(b, l, y)), r)};
    Value q = math::TruncOp::create(b, l, arith::DivFOp::create(b, l, x, y));
    Value yPos = arith::CmpFOp::create(b, l, F::OGT, y, fc(0.0));
    Value adj = arith::SelectOp::create(b, l, yPos, arith::SubFOp::create(b, l, q, fc(1.0)),
                                        arith::AddFOp::create(b, l, q, fc(1.0)));
    return {arith::SelectOp::create(b, l, neg, adj, q)};
  }
  case Builtin::IsPowerOfTwo: {
    Value nonZero = arith::CmpIOp::create(b, l, P::ne, x, ic(0));
    Value single = arith::CmpIOp::create(
        b, l, P::eq, arith::AndIOp::create(b, l, x, arith::SubIOp::create(b, l, x, ic(1))),
        ic(0));
    return {arith::AndIOp::create(b, l, nonZero, single)};
  }
  }
  error(l, "builtin `" + Twine(check::builtinName(e.builtin)) + "` is not supported yet");
  return {};
}

} // namespace hematite::mlirgen::detail
