#include "backends/spirv/gpu_ops_to_spirv.h"
#include "backends/spirv/kernel_interface.h"
#include "mlir-dialects/hm/hm_dialect.h"

#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;

namespace hematite {
namespace {

/// Component `dim` of a built-in uvec3, as i32.
Value builtinComponent(Operation *op, spirv::BuiltIn builtin, hm::Dim dim,
                       OpBuilder &b) {
  Value vector = spirv::getBuiltinVariableValue(op, builtin, b.getI32Type(), b);
  return spirv::CompositeExtractOp::create(b, op->getLoc(), vector,
                                             static_cast<int32_t>(dim));
}

/// The workgroup size: the specialization constants set at pipeline creation.
Value workgroupSize(Operation *op, hm::Dim dim, OpBuilder &b) {
  auto i32x3 = VectorType::get({3}, b.getI32Type());
  Value size = spirv::ReferenceOfOp::create(b, op->getLoc(), i32x3, FlatSymbolRefAttr::get(b.getContext(), kWorkgroupSizeSymbol));
  return spirv::CompositeExtractOp::create(b, op->getLoc(), size,
                                             static_cast<int32_t>(dim));
}

template <typename IdOp, spirv::BuiltIn builtin>
struct BuiltinIdLowering : OpConversionPattern<IdOp> {
  using OpConversionPattern<IdOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IdOp op, typename IdOp::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, builtinComponent(op, builtin, op.getDim(), rewriter));
    return success();
  }
};

struct BlockDimLowering : OpConversionPattern<hm::BlockDimOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(hm::BlockDimOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, workgroupSize(op, op.getDim(), rewriter));
    return success();
  }
};

/// global_id in 64 bits (GlobalInvocationId is only 32 bits wide).
struct GlobalIdLowering : OpConversionPattern<hm::GlobalIdOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(hm::GlobalIdOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto i64 = rewriter.getI64Type();
    auto wide = [&](Value v) -> Value {
      return spirv::UConvertOp::create(rewriter, loc, i64, v);
    };
    Value block = wide(builtinComponent(op, spirv::BuiltIn::WorkgroupId, op.getDim(), rewriter));
    Value size = wide(workgroupSize(op, op.getDim(), rewriter));
    Value thread = wide(builtinComponent(op, spirv::BuiltIn::LocalInvocationId, op.getDim(), rewriter));
    Value base = spirv::IMulOp::create(rewriter, loc, block, size);
    rewriter.replaceOpWithNewOp<spirv::IAddOp>(op, base, thread);
    return success();
  }
};

struct BarrierLowering : OpConversionPattern<hm::BarrierOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(hm::BarrierOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // GLSL's barrier(): workgroup execution barrier ordering workgroup memory.
    auto semantics = spirv::MemorySemantics::AcquireRelease |
                     spirv::MemorySemantics::WorkgroupMemory;
    rewriter.replaceOpWithNewOp<spirv::ControlBarrierOp>(
        op, spirv::Scope::Workgroup, spirv::Scope::Workgroup, semantics);
    return success();
  }
};

struct FenceLowering : OpConversionPattern<hm::FenceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(hm::FenceOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // memoryBarrier() / groupMemoryBarrier(): no thread waits.
    auto semantics = spirv::MemorySemantics::AcquireRelease |
                     spirv::MemorySemantics::UniformMemory |
                     spirv::MemorySemantics::WorkgroupMemory;
    rewriter.replaceOpWithNewOp<spirv::MemoryBarrierOp>(
        op, op.getBlock() ? spirv::Scope::Workgroup : spirv::Scope::Device, semantics);
    return success();
  }
};

// gl_SubgroupInvocationID / gl_SubgroupSize.
template <typename Op, spirv::BuiltIn Builtin>
struct SubgroupBuiltinLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value v = spirv::getBuiltinVariableValue(op, Builtin, rewriter.getI32Type(), rewriter);
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct ShuffleLowering : OpConversionPattern<hm::ShuffleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(hm::ShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<spirv::GroupNonUniformShuffleOp>(
        op, spirv::Scope::Subgroup, adaptor.getValue(), adaptor.getLane());
    return success();
  }
};

// subgroupBallot gives a uvec4; lanes 0..63 are its first two words.
struct BallotLowering : OpConversionPattern<hm::BallotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(hm::BallotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    Value words = spirv::GroupNonUniformBallotOp::create(
        rewriter, loc, VectorType::get({4}, i32), spirv::Scope::Subgroup, adaptor.getPred());
    Value lo = spirv::UConvertOp::create(rewriter, loc, i64,
                                         spirv::CompositeExtractOp::create(rewriter, loc, words, ArrayRef<int32_t>{0}));
    Value hi = spirv::UConvertOp::create(rewriter, loc, i64,
                                         spirv::CompositeExtractOp::create(rewriter, loc, words, ArrayRef<int32_t>{1}));
    Value c32 = spirv::ConstantOp::create(rewriter, loc, i64, rewriter.getI64IntegerAttr(32));
    Value shifted = spirv::ShiftLeftLogicalOp::create(rewriter, loc, hi, c32);
    rewriter.replaceOpWithNewOp<spirv::BitwiseOrOp>(op, lo, shifted);
    return success();
  }
};

} // namespace

void populateGpuOpsToSpirvPatterns(const SPIRVTypeConverter &converter,
                                   RewritePatternSet &patterns) {
  patterns.add<BuiltinIdLowering<hm::ThreadIdOp, spirv::BuiltIn::LocalInvocationId>,
               BuiltinIdLowering<hm::BlockIdOp, spirv::BuiltIn::WorkgroupId>,
               BuiltinIdLowering<hm::GridDimOp, spirv::BuiltIn::NumWorkgroups>,
               BlockDimLowering, GlobalIdLowering, BarrierLowering, FenceLowering,
               SubgroupBuiltinLowering<hm::LaneIdOp, spirv::BuiltIn::SubgroupLocalInvocationId>,
               SubgroupBuiltinLowering<hm::WarpSizeOp, spirv::BuiltIn::SubgroupSize>,
               ShuffleLowering, BallotLowering>(
      converter, patterns.getContext());
}

} // namespace hematite
