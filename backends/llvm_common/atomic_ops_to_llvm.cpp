// hm.atomic_rmw (shared memory) and hm.slice_atomic_rmw (device memory) → LLVM
// atomicrmw / cmpxchg, relaxed (monotonic) as CUDA's atomicAdd and friends, at
// block scope for shared memory and device scope for device memory.
#include "backends/llvm_common/hm_to_llvm.h"

#include "mlir/Conversion/LLVMCommon/Pattern.h"

using namespace mlir;

namespace hematite {
namespace {

/// The read-modify-write at `ptr`; returns the old value.
Value emitAtomic(ConversionPatternRewriter &rewriter, Location loc, hm::AtomicKind kind,
                 Value ptr, Value value, Value compare, StringRef scope) {
  using B = LLVM::AtomicBinOp;
  auto order = LLVM::AtomicOrdering::monotonic;
  B op;
  switch (kind) {
  case hm::AtomicKind::add: op = B::add; break;
  case hm::AtomicKind::sub: op = B::sub; break;
  case hm::AtomicKind::smin: op = B::min; break;
  case hm::AtomicKind::smax: op = B::max; break;
  case hm::AtomicKind::umin: op = B::umin; break;
  case hm::AtomicKind::umax: op = B::umax; break;
  case hm::AtomicKind::and_: op = B::_and; break;
  case hm::AtomicKind::or_: op = B::_or; break;
  case hm::AtomicKind::xor_: op = B::_xor; break;
  case hm::AtomicKind::exchange: op = B::xchg; break;
  case hm::AtomicKind::fadd: op = B::fadd; break;
  case hm::AtomicKind::cmpxchg: {
    auto cas = LLVM::AtomicCmpXchgOp::create(rewriter, loc, ptr, compare, value, order, order, scope);
    return LLVM::ExtractValueOp::create(rewriter, loc, cas, 0);
  }
  }
  return LLVM::AtomicRMWOp::create(rewriter, loc, op, ptr, value, order, scope);
}

struct AtomicRmwLowering : ConvertOpToLLVMPattern<hm::AtomicRmwOp> {
  AtomicRmwLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::AtomicRmwOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value ptr = getStridedElementPtr(rewriter, op.getLoc(), op.getMemref().getType(),
                                     adaptor.getMemref(), adaptor.getIndices());
    rewriter.replaceOp(op, emitAtomic(rewriter, op.getLoc(), op.getKind(), ptr,
                                      adaptor.getValue(), adaptor.getCompare(),
                                      target.blockSyncScope()));
    return success();
  }
  const LlvmTargetInfo &target;
};

struct SliceAtomicRmwLowering : ConvertOpToLLVMPattern<hm::SliceAtomicRmwOp> {
  SliceAtomicRmwLowering(LLVMTypeConverter &converter, const LlvmTargetInfo &target)
      : ConvertOpToLLVMPattern(converter), target(target) {}
  LogicalResult
  matchAndRewrite(hm::SliceAtomicRmwOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value ptr = sliceElementAddress(rewriter, op.getLoc(), adaptor.getSlice(),
                                    adaptor.getIndex(), adaptor.getValue().getType());
    rewriter.replaceOp(op, emitAtomic(rewriter, op.getLoc(), op.getKind(), ptr,
                                      adaptor.getValue(), adaptor.getCompare(),
                                      target.deviceSyncScope()));
    return success();
  }
  const LlvmTargetInfo &target;
};

} // namespace

void populateAtomicOpsToLlvmPatterns(LLVMTypeConverter &converter,
                                     RewritePatternSet &patterns,
                                     const LlvmTargetInfo &target) {
  patterns.add<AtomicRmwLowering, SliceAtomicRmwLowering>(converter, target);
}

} // namespace hematite
