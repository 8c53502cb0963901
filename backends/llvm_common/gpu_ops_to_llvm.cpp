// hm's GPU-model ops and panics → LLVM dialect through the target's hooks.
#include "backends/llvm_common/hm_to_llvm.h"

#include "mlir/Conversion/LLVMCommon/Pattern.h"

using namespace mlir;

namespace hematite {
namespace {

using IdHook = Value (LlvmTargetInfo::*)(OpBuilder &, Location, hm::Dim) const;

template <typename IdOp, IdHook hook>
struct IdLowering : ConvertOpToLLVMPattern<IdOp> {
  IdLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern<IdOp>(converter), target(target) {}
  LogicalResult
  matchAndRewrite(IdOp op, typename IdOp::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, (target.*hook)(rewriter, op.getLoc(), op.getDim()));
    return success();
  }
  const LlvmTargetInfo &target;
};

/// global_id = block_id * block_dim + thread_id, computed in 64 bits so that it
/// cannot overflow (each factor is below 2^32).
struct GlobalIdLowering : ConvertOpToLLVMPattern<hm::GlobalIdOp> {
  GlobalIdLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::GlobalIdOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    hm::Dim dim = op.getDim();
    auto i64 = rewriter.getI64Type();
    auto wide = [&](Value v) -> Value {
      return LLVM::ZExtOp::create(rewriter, loc, i64, v);
    };
    Value block = wide(target.blockId(rewriter, loc, dim));
    Value size = wide(target.blockDim(rewriter, loc, dim));
    Value thread = wide(target.threadId(rewriter, loc, dim));
    auto nuw = LLVM::IntegerOverflowFlags::nuw;
    Value base = LLVM::MulOp::create(rewriter, loc, block, size, nuw);
    rewriter.replaceOpWithNewOp<LLVM::AddOp>(op, base, thread, nuw);
    return success();
  }
  const LlvmTargetInfo &target;
};

struct FenceLowering : ConvertOpToLLVMPattern<hm::FenceOp> {
  FenceLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::FenceOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LLVM::FenceOp::create(rewriter, op.getLoc(), LLVM::AtomicOrdering::seq_cst,
                          op.getBlock() ? target.blockSyncScope() : target.deviceSyncScope());
    rewriter.eraseOp(op);
    return success();
  }
  const LlvmTargetInfo &target;
};

template <typename Op>
struct LaneLowering : ConvertOpToLLVMPattern<Op> {
  LaneLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern<Op>(converter), target(target) {}
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value v = std::is_same_v<Op, hm::LaneIdOp> ? target.laneId(rewriter, op.getLoc())
                                                : target.warpSize(rewriter, op.getLoc());
    rewriter.replaceOp(op, v);
    return success();
  }
  const LlvmTargetInfo &target;
};

// Shuffles move 32 bits at a time: floats are bitcast, 64-bit values split.
struct ShuffleLowering : ConvertOpToLLVMPattern<hm::ShuffleOp> {
  ShuffleLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::ShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value v = adaptor.getValue(), lane = adaptor.getLane();
    Type t = v.getType();
    unsigned bits = t.getIntOrFloatBitWidth();
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    Value asInt = isa<FloatType>(t) ? Value(LLVM::BitcastOp::create(rewriter, loc, bits == 32 ? i32 : i64, v)) : v;
    Value result;
    if (bits == 32) {
      result = target.shuffleI32(rewriter, loc, asInt, lane);
    } else {
      Value lo = LLVM::TruncOp::create(rewriter, loc, i32, asInt);
      Value c32 = LLVM::ConstantOp::create(rewriter, loc, i64, rewriter.getI64IntegerAttr(32));
      Value hi = LLVM::TruncOp::create(rewriter, loc, i32, LLVM::LShrOp::create(rewriter, loc, asInt, c32));
      Value lo2 = LLVM::ZExtOp::create(rewriter, loc, i64, target.shuffleI32(rewriter, loc, lo, lane));
      Value hi2 = LLVM::ZExtOp::create(rewriter, loc, i64, target.shuffleI32(rewriter, loc, hi, lane));
      result = LLVM::OrOp::create(rewriter, loc, lo2, LLVM::ShlOp::create(rewriter, loc, hi2, c32));
    }
    if (isa<FloatType>(t))
      result = LLVM::BitcastOp::create(rewriter, loc, t, result);
    rewriter.replaceOp(op, result);
    return success();
  }
  const LlvmTargetInfo &target;
};

struct BallotLowering : ConvertOpToLLVMPattern<hm::BallotOp> {
  BallotLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::BallotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, target.ballot(rewriter, op.getLoc(), adaptor.getPred()));
    return success();
  }
  const LlvmTargetInfo &target;
};

struct BarrierLowering : ConvertOpToLLVMPattern<hm::BarrierOp> {
  BarrierLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::BarrierOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    target.barrier(rewriter, op.getLoc());
    rewriter.eraseOp(op);
    return success();
  }
  const LlvmTargetInfo &target;
};

/// hm.panic → the target's trap. (Issue 4 replaces this with a panic record.)
struct PanicLowering : ConvertOpToLLVMPattern<hm::PanicOp> {
  PanicLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::PanicOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    target.trap(rewriter, op.getLoc());
    rewriter.replaceOpWithNewOp<LLVM::UnreachableOp>(op);
    return success();
  }
  const LlvmTargetInfo &target;
};

} // namespace

void populateGpuOpsToLlvmPatterns(LLVMTypeConverter &converter,
                                  RewritePatternSet &patterns,
                                  const LlvmTargetInfo &target) {
  patterns.add<IdLowering<hm::ThreadIdOp, &LlvmTargetInfo::threadId>,
               IdLowering<hm::BlockIdOp, &LlvmTargetInfo::blockId>,
               IdLowering<hm::BlockDimOp, &LlvmTargetInfo::blockDim>,
               IdLowering<hm::GridDimOp, &LlvmTargetInfo::gridDim>,
               GlobalIdLowering, BarrierLowering, PanicLowering, FenceLowering,
               LaneLowering<hm::LaneIdOp>, LaneLowering<hm::WarpSizeOp>, ShuffleLowering,
               BallotLowering>(converter, target);
}

} // namespace hematite
