// The warp (subgroup) intrinsics. Backends provide two primitives: read a
// value from a given lane (hm.shuffle) and the ballot (hm.ballot); the rest is
// built here, once for every target:
//   shuffle(v, s)      lane s % warp_size
//   shuffle_xor(v, m)  lane ^ m,  or the own value when that is >= warp_size
//   shuffle_up(v, d)   lane - d,  or the own value when lane < d
//   shuffle_down(v, d) lane + d,  or the own value when that is >= warp_size
//   vote_all(p) = ballot(!p) == 0, vote_any(p) = ballot(p) != 0
//   warp_reduce_op(v): a butterfly over shuffle_xor with offsets ws/2 .. 1, so
//   every lane gets the result. All lanes of the warp must take part.
#include "frontend/mlirgen/lowering.h"

using namespace mlir;

namespace hematite::mlirgen::detail {

namespace {
using check::Intrinsic;
using P = arith::CmpIPredicate;
} // namespace

Leaves KernelLowering::emitWarpIntrinsic(const Expr &e, Location l) {
  SmallVector<Value, 2> args;
  for (const check::ExprPtr &op : e.operands)
    args.push_back(scalar(*op));
  if (isTerminated() || args.empty())
    return {};
  Type i32 = b.getI32Type();
  auto c32 = [&](int64_t v) { return constantInt(l, i32, v); };
  Value v = args[0];
  switch (e.intrinsic) {
  case Intrinsic::Ballot: return {hm::BallotOp::create(b, l, v)};
  case Intrinsic::VoteAny:
  case Intrinsic::VoteAll: {
    bool all = e.intrinsic == Intrinsic::VoteAll;
    Value pred = all ? Value(arith::XOrIOp::create(b, l, v, constantInt(l, b.getI1Type(), 1))) : v;
    Value bits = hm::BallotOp::create(b, l, pred);
    Value zero = constantInt(l, b.getI64Type(), 0);
    return {arith::CmpIOp::create(b, l, all ? P::eq : P::ne, bits, zero)};
  }
  case Intrinsic::Shuffle:
  case Intrinsic::ShuffleXor:
  case Intrinsic::ShuffleUp:
  case Intrinsic::ShuffleDown: {
    Value arg = args[1];
    Value lane = hm::LaneIdOp::create(b, l);
    Value ws = hm::WarpSizeOp::create(b, l);
    if (e.intrinsic == Intrinsic::Shuffle)
      return {hm::ShuffleOp::create(b, l, v, arith::RemUIOp::create(b, l, arg, ws))};
    Value src, valid;
    if (e.intrinsic == Intrinsic::ShuffleXor) {
      src = arith::XOrIOp::create(b, l, lane, arg);
      valid = arith::CmpIOp::create(b, l, P::ult, src, ws);
    } else if (e.intrinsic == Intrinsic::ShuffleUp) {
      valid = arith::CmpIOp::create(b, l, P::uge, lane, arg);
      src = arith::SubIOp::create(b, l, lane, arg);
    } else {
      src = arith::AddIOp::create(b, l, lane, arg);
      // lane + d may wrap for huge d: compare d against ws - lane instead.
      valid = arith::CmpIOp::create(b, l, P::ult, arg, arith::SubIOp::create(b, l, ws, lane));
    }
    // Out-of-range lanes read their own value (a valid lane for the backend).
    Value safe = arith::SelectOp::create(b, l, valid, src, lane);
    Value got = hm::ShuffleOp::create(b, l, v, safe);
    return {arith::SelectOp::create(b, l, valid, got, v)};
  }
  case Intrinsic::WarpReduceAdd:
  case Intrinsic::WarpReduceMin:
  case Intrinsic::WarpReduceMax: {
    const check::Type *t = subst(e.operand(0).type);
    bool isFloat = t->isFloat();
    bool sgn = t->isSignedInt();
    Value lane = hm::LaneIdOp::create(b, l);
    Value ws = hm::WarpSizeOp::create(b, l);
    // for (offset = ws / 2; offset > 0; offset /= 2) v = op(v, v@(lane ^ offset))
    Block *header = newBlock();
    header->addArgument(v.getType(), l);
    header->addArgument(i32, l);
    Block *body = newBlock();
    Block *exit = newBlock();
    exit->addArgument(v.getType(), l);
    cf::BranchOp::create(b, l, header, ValueRange{v, arith::ShRUIOp::create(b, l, ws, c32(1))});
    b.setInsertionPointToEnd(header);
    Value acc = header->getArgument(0), offset = header->getArgument(1);
    cf::CondBranchOp::create(b, l, arith::CmpIOp::create(b, l, P::ne, offset, c32(0)), body,
                             ValueRange{}, exit, ValueRange{acc});
    b.setInsertionPointToEnd(body);
    Value other = hm::ShuffleOp::create(b, l, acc, arith::XOrIOp::create(b, l, lane, offset));
    Value next;
    switch (e.intrinsic) {
    case Intrinsic::WarpReduceAdd:
      next = isFloat ? Value(arith::AddFOp::create(b, l, acc, other))
                     : Value(arith::AddIOp::create(b, l, acc, other));
      break;
    case Intrinsic::WarpReduceMin:
      next = isFloat ? Value(arith::MinNumFOp::create(b, l, acc, other))
             : sgn   ? Value(arith::MinSIOp::create(b, l, acc, other))
                     : Value(arith::MinUIOp::create(b, l, acc, other));
      break;
    default:
      next = isFloat ? Value(arith::MaxNumFOp::create(b, l, acc, other))
             : sgn   ? Value(arith::MaxSIOp::create(b, l, acc, other))
                     : Value(arith::MaxUIOp::create(b, l, acc, other));
      break;
    }
    cf::BranchOp::create(b, l, header, ValueRange{next, arith::ShRUIOp::create(b, l, offset, c32(1))});
    b.setInsertionPointToEnd(exit);
    return {exit->getArgument(0)};
  }
  default:
    error(l, "internal error: unknown gpu intrinsic");
    return {};
  }
}

} // namespace hematite::mlirgen::detail
