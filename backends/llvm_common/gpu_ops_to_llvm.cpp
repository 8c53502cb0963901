// hm's GPU-model ops and panics → LLVM dialect through the target's hooks.
#include "backends/common/kernel_metadata.h"
#include "backends/llvm_common/hm_to_llvm.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "mlir/Conversion/LLVMCommon/Pattern.h"

using namespace mlir;

namespace hematite {
namespace {

/// The lowerings of the GPU ops all ask the target (LlvmTargetInfo) how.
template <typename Op>
struct TargetPattern : ConvertOpToLLVMPattern<Op> {
  TargetPattern(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern<Op>(converter), target(target) {}
  const LlvmTargetInfo &target;
};


using IdHook = Value (LlvmTargetInfo::*)(OpBuilder &, Location, hm::Dim) const;

template <typename IdOp, IdHook hook>
struct IdLowering : TargetPattern<IdOp> {
  using TargetPattern<IdOp>::TargetPattern;
  LogicalResult
  matchAndRewrite(IdOp op, typename IdOp::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, (this->target.*hook)(rewriter, op.getLoc(), op.getDim()));
    return success();
  }
};

/// global_id = block_id * block_dim + thread_id, computed in 64 bits so that it
/// cannot overflow (each factor is below 2^32).
struct GlobalIdLowering : TargetPattern<hm::GlobalIdOp> {
  using TargetPattern<hm::GlobalIdOp>::TargetPattern;
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
};

struct FenceLowering : TargetPattern<hm::FenceOp> {
  using TargetPattern<hm::FenceOp>::TargetPattern;
  LogicalResult
  matchAndRewrite(hm::FenceOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LLVM::FenceOp::create(rewriter, op.getLoc(), LLVM::AtomicOrdering::seq_cst,
                          op.getBlock() ? target.blockSyncScope() : target.deviceSyncScope());
    rewriter.eraseOp(op);
    return success();
  }
};

template <typename Op>
struct LaneLowering : TargetPattern<Op> {
  using TargetPattern<Op>::TargetPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value v = std::is_same_v<Op, hm::LaneIdOp> ? this->target.laneId(rewriter, op.getLoc())
                                                : this->target.warpSize(rewriter, op.getLoc());
    rewriter.replaceOp(op, v);
    return success();
  }
};

// Shuffles move 32 bits at a time: floats are bitcast, 64-bit values split.
struct ShuffleLowering : TargetPattern<hm::ShuffleOp> {
  using TargetPattern<hm::ShuffleOp>::TargetPattern;
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
};

struct BallotLowering : TargetPattern<hm::BallotOp> {
  using TargetPattern<hm::BallotOp>::TargetPattern;
  LogicalResult
  matchAndRewrite(hm::BallotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, target.ballot(rewriter, op.getLoc(), adaptor.getPred()));
    return success();
  }
};

struct BarrierLowering : TargetPattern<hm::BarrierOp> {
  using TargetPattern<hm::BarrierOp>::TargetPattern;
  LogicalResult
  matchAndRewrite(hm::BarrierOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    target.barrier(rewriter, op.getLoc());
    rewriter.eraseOp(op);
    return success();
  }
};

/// hm.panic → the panic record (docs/abi.md, "Device panics"): the first
/// thread to panic claims the record with a compare-and-swap on its flag and
/// fills in the site and the values; every panicking thread then returns.
struct PanicLowering : TargetPattern<hm::PanicOp> {
  using TargetPattern<hm::PanicOp>::TargetPattern;
  LogicalResult
  matchAndRewrite(hm::PanicOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto site = op->getAttrOfType<IntegerAttr>(hm::kPanicSiteAttrName);
    if (!site)
      return rewriter.notifyMatchFailure(op, "panic site not numbered");
    Location loc = op.getLoc();
    Region *region = op->getParentRegion();
    Block *write = rewriter.createBlock(region, region->end());
    Block *done = rewriter.createBlock(region, region->end());

    rewriter.setInsertionPoint(op);
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    auto ptr = LLVM::LLVMPointerType::get(rewriter.getContext(), target.globalAddressSpace());
    Value record = LLVM::AddressOfOp::create(rewriter, loc, ptr, kPanicRecordSymbol);
    auto c32 = [&](int32_t v) { return LLVM::ConstantOp::create(rewriter, loc, i32, v).getResult(); };
    auto cas = LLVM::AtomicCmpXchgOp::create(rewriter, loc, record, c32(0), c32(1),
                                             LLVM::AtomicOrdering::monotonic,
                                             LLVM::AtomicOrdering::monotonic);
    Value won = LLVM::ExtractValueOp::create(rewriter, loc, cas, 1);
    LLVM::CondBrOp::create(rewriter, loc, won, write, done);

    rewriter.setInsertionPointToEnd(write);
    auto field = [&](int64_t offset) {
      return LLVM::GEPOp::create(rewriter, loc, ptr, i8, record,
                                 ArrayRef<LLVM::GEPArg>{LLVM::GEPArg(int32_t(offset))})
          .getResult();
    };
    LLVM::StoreOp::create(rewriter, loc, c32(int32_t(site.getInt())), field(4));
    SmallVector<StringRef> types;
    if (!op.getTypes().empty())
      op.getTypes().split(types, ',');
    for (auto [k, value] : llvm::enumerate(adaptor.getValues())) {
      Type t = value.getType();
      Value bits = value;
      if (t.isF32())
        bits = LLVM::ZExtOp::create(rewriter, loc, i64, LLVM::BitcastOp::create(rewriter, loc, i32, value));
      else if (t.isF64())
        bits = LLVM::BitcastOp::create(rewriter, loc, i64, value);
      else if (t.getIntOrFloatBitWidth() < 64)
        bits = types[k].starts_with("i") ? Value(LLVM::SExtOp::create(rewriter, loc, i64, value))
                                         : Value(LLVM::ZExtOp::create(rewriter, loc, i64, value));
      LLVM::StoreOp::create(rewriter, loc, bits, field(8 + 8 * int64_t(k)));
    }
    LLVM::BrOp::create(rewriter, loc, ValueRange{}, done);

    rewriter.setInsertionPointToEnd(done);
    func::ReturnOp::create(rewriter, loc);
    rewriter.eraseOp(op);
    return success();
  }
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
